package io.recontact.toluna.delivery;

import io.recontact.engine.DaemonThreads;
import java.time.Duration;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * Interrupts the thread that opened it if it is still open when {@code timeout} has passed: a bound on a blocking
 * call that has no timeout of its own for all of its parts (an HTTP answer's body). Closing it clears an interrupt
 * that came too late to matter, so it never leaks into the thread's next step.
 */
final class Deadline implements AutoCloseable {

  private static final ScheduledThreadPoolExecutor TIMER =
      new ScheduledThreadPoolExecutor(1, DaemonThreads.named("delivery-deadline"));

  static {
    // Nearly every alarm is cancelled: drop it from the queue at once rather than when it would have rung.
    TIMER.setRemoveOnCancelPolicy(true);
  }

  private final Thread owner = Thread.currentThread();
  private final ScheduledFuture<?> alarm;
  private boolean open = true;
  private boolean passed;

  private Deadline(Duration timeout) {
    alarm = TIMER.schedule(this::expire, timeout.toMillis(), TimeUnit.MILLISECONDS);
  }

  static Deadline in(Duration timeout) {
    return new Deadline(timeout);
  }

  private synchronized void expire() {
    if (open) {
      passed = true;
      owner.interrupt();
    }
  }

  synchronized boolean passed() {
    return passed;
  }

  @Override
  public void close() {
    alarm.cancel(false);
    boolean interrupted;
    synchronized (this) {
      open = false;
      interrupted = passed;
    }
    if (interrupted) {
      // The alarm's interrupt, not somebody else's: it must not stop the thread's next call.
      Thread.interrupted();
    }
  }
}
