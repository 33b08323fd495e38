package io.recontact.logging;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;
import org.slf4j.Logger;

/**
 * Progress of one long step (thousands of calls or rows), logged at INFO at most every {@link #EVERY} with counts, so
 * a 100,000-ID run can be followed with {@code grep <businessKey>} without a line per item. A step that finishes
 * before the first interval logs nothing here; its delegate's own summary line says what it did. Thread-safe: the
 * workers of {@code BoundedCalls} advance one instance together.
 */
public final class ProgressLog {

  public static final Duration EVERY = Duration.ofSeconds(5);

  private final Logger log;
  private final String what;
  private final long total;
  private final LongSupplier clock;
  private final long startedAt;
  private final AtomicLong done = new AtomicLong();
  private final AtomicLong nextLogAt;
  private final AtomicBoolean logged = new AtomicBoolean();

  ProgressLog(Logger log, String what, long total, LongSupplier clock) {
    this.log = log;
    this.what = what;
    this.total = total;
    this.clock = clock;
    this.startedAt = clock.getAsLong();
    this.nextLogAt = new AtomicLong(startedAt + EVERY.toMillis());
  }

  /** {@code total}: how many items there are; negative when not known beforehand. */
  public static ProgressLog start(Logger log, String what, long total) {
    return new ProgressLog(log, what, total, System::currentTimeMillis);
  }

  /** Counts {@code items} more as done; logs when the interval has passed (one thread wins the line). */
  public void advance(long items) {
    long now = clock.getAsLong();
    long count = done.addAndGet(items);
    long due = nextLogAt.get();
    if (now >= due && nextLogAt.compareAndSet(due, now + EVERY.toMillis())) {
      logged.set(true);
      if (total < 0) {
        log.info("{}: {} done after {} s", what, count, seconds(now));
      } else {
        log.info("{}: {} of {} done ({}%) after {} s", what, count, total, percent(count), seconds(now));
      }
    }
  }

  /** Closes a step that logged progress with its final count; silent for a step that was short. */
  public void finish() {
    if (logged.get()) {
      long count = done.get();
      if (total < 0) {
        log.info("{}: {} done in {} s", what, count, seconds(clock.getAsLong()));
      } else {
        log.info("{}: {} of {} done ({}%) in {} s", what, count, total, percent(count), seconds(clock.getAsLong()));
      }
    }
  }

  public long done() {
    return done.get();
  }

  private long percent(long count) {
    return total == 0 ? 100 : count * 100 / total;
  }

  private long seconds(long now) {
    return (now - startedAt) / 1000;
  }
}
