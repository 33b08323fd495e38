package io.recontact.benchmark;

import com.sun.management.OperatingSystemMXBean;
import java.lang.management.ManagementFactory;
import java.time.Duration;

/**
 * CPU time spent by this JVM and by its child processes (a simulator, an embedded PostgreSQL) between two
 * snapshots. On a machine whose cores are all busy, wall time follows CPU time; this says which process spent it.
 */
public record CpuUse(long thisJvmMillis, long childrenMillis) {

  public static CpuUse now() {
    long own = ((OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime() / 1_000_000;
    long children = ProcessHandle.current().descendants()
        .mapToLong(p -> p.info().totalCpuDuration().map(Duration::toMillis).orElse(0L)).sum();
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
