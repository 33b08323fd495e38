package io.recontact.benchmark;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Peak heap over a stretch of the benchmark, two ways: the sum of the heap pools' peak usage (reset at the start; an
 * upper bound, since pools peak at different moments) and the highest total heap use seen by a sampler every 20 ms.
 * Both count garbage not yet collected, so they say how much heap the run used, not how much it needs.
 */
public final class HeapPeak implements AutoCloseable {

  private final List<MemoryPoolMXBean> pools = ManagementFactory.getMemoryPoolMXBeans().stream()
      .filter(p -> p.getType() == MemoryType.HEAP).toList();
  private final AtomicLong sampled = new AtomicLong();
  private final Thread sampler;
  private volatile boolean running = true;

  public HeapPeak() {
    System.gc();
    pools.forEach(MemoryPoolMXBean::resetPeakUsage);
    sampler = new Thread(() -> {
      while (running) {
        sampled.accumulateAndGet(ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed(), Math::max);
        try {
          Thread.sleep(20);
        } catch (InterruptedException e) {
          return;
        }
      }
    }, "heap-sampler");
    sampler.setDaemon(true);
    sampler.start();
  }

  /** Sum of the heap pools' peaks since the start. */
  public long poolPeaks() {
    return pools.stream().mapToLong(p -> p.getPeakUsage().getUsed()).sum();
  }

  /** Highest heap use the sampler saw. */
  public long sampledPeak() {
    return sampled.get();
  }

  public static long maxHeap() {
    return Runtime.getRuntime().maxMemory();
  }

  /** Heap in use right after a full GC: roughly what stays live. */
  public static long liveAfterGc() {
    System.gc();
    return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
  }

  public static String collectors() {
    return String.join(", ", ManagementFactory.getGarbageCollectorMXBeans().stream().map(b -> b.getName()).toList());
  }

  @Override
  public void close() {
    running = false;
    sampler.interrupt();
  }
}
