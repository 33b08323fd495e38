package io.recontact.toluna.client;

import io.recontact.logging.Pseudonym;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * Toluna's Member Management refuses calls for the same member code less than 1000 ms apart, so every member call
 * of this JVM goes through here: it waits until the spacing has passed since the previous call for that code
 * <em>ended</em> (the end, not the start: a slow first request could otherwise arrive later than it left and land
 * too close to the next). Concurrent callers for one code queue up one spacing apart. Entries older than the spacing
 * are forgotten, so memory stays bounded by the calls of the last window.
 */
final class MemberCallSpacing {

  interface Sleeper {
    void sleep(long nanos) throws InterruptedException;
  }

  private final long spacingNanos;
  private final LongSupplier nanoTime;
  private final Sleeper sleeper;
  /** Member code to the earliest time its next call may start. */
  private final Map<String, Long> nextAllowed = new HashMap<>();
  private long lastPrune;

  MemberCallSpacing(Duration spacing) {
    this(spacing, System::nanoTime, nanos -> Thread.sleep(nanos / 1_000_000, (int) (nanos % 1_000_000)));
  }

  MemberCallSpacing(Duration spacing, LongSupplier nanoTime, Sleeper sleeper) {
    this.spacingNanos = spacing.toNanos();
    this.nanoTime = nanoTime;
    this.sleeper = sleeper;
    this.lastPrune = nanoTime.getAsLong();
  }

  /** Runs {@code call} for {@code memberCode} once the spacing allows it. */
  <T> T call(String memberCode, Supplier<T> call) {
    if (spacingNanos <= 0) {
      return call.get();
    }
    long wait;
    synchronized (this) {
      long now = nanoTime.getAsLong();
      prune(now);
      long slot = Math.max(now, nextAllowed.getOrDefault(memberCode, now));
      // Reserve the slot so a concurrent caller for the same code queues behind this call.
      nextAllowed.put(memberCode, slot + spacingNanos);
      wait = slot - now;
    }
    if (wait > 0) {
      try {
        sleeper.sleep(wait);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("Interrupted while spacing Toluna member calls for member "
            + Pseudonym.of(memberCode), e);
      }
    }
    try {
      return call.get();
    } finally {
      synchronized (this) {
        long end = nanoTime.getAsLong();
        nextAllowed.merge(memberCode, end + spacingNanos, Math::max);
      }
    }
  }

  private void prune(long now) {
    if (now - lastPrune >= spacingNanos) {
      nextAllowed.values().removeIf(next -> next <= now);
      lastPrune = now;
    }
  }

  /** Member codes still remembered (for tests). */
  synchronized int remembered() {
    return nextAllowed.size();
  }
}
