package io.recontact.marketplace;

import java.util.concurrent.TimeUnit;

/**
 * At most {@code perSecond} calls started per second across every thread that shares this pacer (0 = no limit).
 * One pacer per marketplace operation and node, so parallel jobs together keep the configured rate.
 */
public final class Pacer {

  public static final Pacer NONE = new Pacer(0);

  private final long spacingNanos;
  private long next = System.nanoTime();

  public Pacer(double perSecond) {
    if (perSecond < 0) {
      throw new IllegalArgumentException("perSecond must be 0 (no limit) or more, not " + perSecond);
    }
    this.spacingNanos = perSecond > 0 ? (long) (1_000_000_000L / perSecond) : 0;
  }

  /** Waits for the next free slot. */
  public void await() throws InterruptedException {
    if (spacingNanos == 0) {
      return;
    }
    long slot;
    synchronized (this) {
      long now = System.nanoTime();
      slot = Math.max(next, now);
      next = slot + spacingNanos;
    }
    long wait = slot - System.nanoTime();
    if (wait > 0) {
      TimeUnit.NANOSECONDS.sleep(wait);
    }
  }
}
