package io.recontact.benchmark;

import com.sun.management.OperatingSystemMXBean;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;

/**
 * CPU time spent by this JVM and by its child processes (a simulator, an embedded PostgreSQL) between two
 * snapshots. On a machine whose cores are all busy, wall time follows CPU time; this says which process spent it.
 * A server that detaches from this JVM (PostgreSQL's postmaster, started by pg_ctl, is a child of init) is counted
 * once registered ({@link #alsoCount}), with its own children. {@code gcMillis}: the part of this JVM's time spent by
 * its garbage collector's threads (Linux; 0 elsewhere), which the JVM's own counters do not give for G1's concurrent
 * marking.
 */
public record CpuUse(long thisJvmMillis, long childrenMillis, long gcMillis) {

  private static final List<ProcessHandle> DETACHED = new CopyOnWriteArrayList<>();
  /** USER_HZ, the unit of /proc/pid/stat's times: 100 on Linux for every architecture this runs on. */
  private static final long CLOCK_TICKS = 100;

  /** Counts {@code server} and its children as this JVM's children from now on. */
  public static void alsoCount(ProcessHandle server) {
    DETACHED.add(server);
  }

  public static CpuUse now() {
    long own = ((OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime() / 1_000_000;
    long children = Stream.concat(ProcessHandle.current().descendants(),
            DETACHED.stream().flatMap(server -> Stream.concat(Stream.of(server), server.descendants())))
        .distinct().mapToLong(p -> p.info().totalCpuDuration().map(Duration::toMillis).orElse(0L)).sum();
    // A server's children that have ended (PostgreSQL's autovacuum workers) count in its reaped-children time.
    children += DETACHED.stream().mapToLong(CpuUse::endedChildrenMillis).sum();
    return new CpuUse(own, children, gcThreadsMillis());
  }

  /** Linux: CPU time of this JVM's garbage-collector threads (HotSpot names them "GC Thread#n", "G1 ..."). */
  static long gcThreadsMillis() {
    long ticks = 0;
    try (Stream<Path> tasks = Files.list(Path.of("/proc/self/task"))) {
      for (Path task : (Iterable<Path>) tasks::iterator) {
        ticks += gcTicks(task);
      }
    } catch (IOException | RuntimeException e) {
      return 0;
    }
    return ticks * 1000 / CLOCK_TICKS;
  }

  private static long gcTicks(Path task) {
    try {
      String stat = Files.readString(task.resolve("stat"));
      String name = stat.substring(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
      if (!name.startsWith("GC Thread") && !name.startsWith("G1 ")) {
        return 0;
      }
      String[] fields = fieldsAfterName(stat);
      return Long.parseLong(fields[11]) + Long.parseLong(fields[12]); // utime, stime
    } catch (IOException | RuntimeException e) {
      return 0; // a thread that ended meanwhile
    }
  }

  /** Linux: CPU time of {@code server}'s children that ended and were waited for (/proc/pid/stat cutime + cstime). */
  static long endedChildrenMillis(ProcessHandle server) {
    try {
      String[] fields = fieldsAfterName(Files.readString(Path.of("/proc", String.valueOf(server.pid()), "stat")));
      return (Long.parseLong(fields[13]) + Long.parseLong(fields[14])) * 1000 / CLOCK_TICKS; // cutime, cstime
    } catch (IOException | RuntimeException e) {
      return 0;
    }
  }

  /**
   * The fields of a /proc stat line after the command name in parentheses (which may hold spaces): index 0 is field 3
   * (state), so field n is at n - 3 (utime 14, stime 15, cutime 16, cstime 17; clock ticks).
   */
  private static String[] fieldsAfterName(String stat) {
    return stat.substring(stat.lastIndexOf(')') + 2).split(" ");
  }

  /** What was spent from {@code before} to this snapshot. */
  public CpuUse since(CpuUse before) {
    return new CpuUse(thisJvmMillis - before.thisJvmMillis, childrenMillis - before.childrenMillis,
        gcMillis - before.gcMillis);
  }

  public long totalMillis() {
    return thisJvmMillis + childrenMillis;
  }
}
