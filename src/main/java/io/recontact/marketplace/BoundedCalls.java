package io.recontact.marketplace;

import io.recontact.logging.ProgressLog;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * Many marketplace calls from one job, in parallel but bounded: at most {@code concurrency} at a time, started no
 * faster than the {@link Pacer} allows. New calls stop once {@code keepGoing} turns false, a call threw a
 * non-transient exception, or more than {@link #TRANSIENT_FAILURES_TOLERATED} calls failed transiently (5xx or
 * timeout after the client's own retries; see {@link CallRetry#isTransient}). Calls in flight finish. Then the first
 * exception is rethrown, so the job retries: each call records its own result, so a retry repeats only what failed
 * or was not reached. Tolerating a few transient failures keeps one unlucky call among a thousand from throwing away
 * the chunk's progress, while an outage still stops the run after a handful of calls.
 */
public final class BoundedCalls {

  static final int TRANSIENT_FAILURES_TOLERATED = 10;
  private static final Logger LOG = LoggerFactory.getLogger(BoundedCalls.class);

  private BoundedCalls() {
  }

  /** Returns how many items were started. */
  public static <T> int run(List<T> items, int concurrency, Pacer pacer, BooleanSupplier keepGoing,
      Consumer<T> call) {
    return run("Marketplace calls", items, concurrency, pacer, keepGoing, call);
  }

  /** As above; a run that lasts longer than {@link ProgressLog#EVERY} logs its progress under {@code what}. */
  public static <T> int run(String what, List<T> items, int concurrency, Pacer pacer, BooleanSupplier keepGoing,
      Consumer<T> call) {
    if (items.isEmpty()) {
      return 0;
    }
    ProgressLog progress = ProgressLog.start(LOG, what, items.size());
    int threads = Math.max(1, Math.min(concurrency, items.size()));
    ExecutorService pool = Executors.newFixedThreadPool(threads, r -> {
      Thread thread = new Thread(r, "bounded-call");
      thread.setDaemon(true);
      return thread;
    });
    Semaphore slots = new Semaphore(threads);
    // The job's log context (business key, activity) follows its calls onto the pool's threads.
    Map<String, String> logContext = MDC.getCopyOfContextMap();
    AtomicReference<RuntimeException> failure = new AtomicReference<>();
    AtomicReference<RuntimeException> firstTransient = new AtomicReference<>();
    AtomicInteger transientFailures = new AtomicInteger();
    int started = 0;
    try {
      for (T item : items) {
        slots.acquire();
        if (failure.get() != null || transientFailures.get() > TRANSIENT_FAILURES_TOLERATED
            || !keepGoing.getAsBoolean()) {
          slots.release();
          break;
        }
        pacer.await();
        started++;
        pool.execute(() -> {
          if (logContext != null) {
            MDC.setContextMap(logContext);
          }
          try {
            call.accept(item);
          } catch (RuntimeException e) {
            if (CallRetry.isTransient(e)) {
              transientFailures.incrementAndGet();
              firstTransient.compareAndSet(null, e);
            } else {
              failure.compareAndSet(null, e);
            }
          } finally {
            progress.advance(1);
            MDC.clear();
            slots.release();
          }
        });
      }
      slots.acquire(threads);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while calling the marketplace", e);
    } finally {
      pool.shutdownNow();
      progress.finish();
    }
    if (failure.get() != null) {
      throw failure.get();
    }
    if (firstTransient.get() != null) {
      LOG.warn("{} of {} started calls failed transiently ({} items not started); the job's retry repeats them. "
          + "First: {}", transientFailures.get(), started, items.size() - started, firstTransient.get().getMessage());
      throw firstTransient.get();
    }
    return started;
  }
}
