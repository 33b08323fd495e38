package io.recontact.benchmark;

import com.sun.management.OperatingSystemMXBean;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;

/**
 * CPU time spent by this JVM and by its child processes (a simulator, an embedded PostgreSQL) between two
 * snapshots. On a machine whose cores are all busy, wall time follows CPU time; this says which process spent it.
 * A server that detaches from this JVM (PostgreSQL's postmaster, started by pg_ctl, is a child of init) is counted
 * once registered ({@link #alsoCount}), with its own children.
 */
public record CpuUse(long thisJvmMillis, long childrenMillis) {

  private static final List<ProcessHandle> DETACHED = new CopyOnWriteArrayList<>();

  /** Counts {@code server} and its children as this JVM's children from now on. */
  public static void alsoCount(ProcessHandle server) {
    DETACHED.add(server);
  }

  public static CpuUse now() {
    long own = ((OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime() / 1_000_000;
    long children = Stream.concat(ProcessHandle.current().descendants(),
            DETACHED.stream().flatMap(server -> Stream.concat(Stream.of(server), server.descendants())))
        .distinct().mapToLong(p -> p.info().totalCpuDuration().map(Duration::toMillis).orElse(0L)).sum();
    return new CpuUse(own, children);
  }

  /** What was spent from {@code before} to this snapshot. */
  public CpuUse since(CpuUse before) {
    return new CpuUse(thisJvmMillis - before.thisJvmMillis, childrenMillis - before.childrenMillis);
  }

  public long totalMillis() {
    return thisJvmMillis + childrenMillis;
  }
}
