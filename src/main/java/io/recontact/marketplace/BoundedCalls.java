package io.recontact.marketplace;

import io.recontact.engine.DaemonThreads;
import io.recontact.logging.ProgressLog;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
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
    return run(what, items.iterator(), items.size(), concurrency, pacer, keepGoing, call);
  }

  /**
   * As above, over items that are read as the run goes ({@code items.hasNext()} may read the next page of a table;
   * it is asked by one worker at a time); {@code expected}: how many there are, for the progress log and the thread
   * count, or -1 when not known (then {@code concurrency} threads). One run over many pages keeps the workers busy
   * across them, where a run per page waited at each page's end for its slowest call.
   */
  public static <T> int run(String what, Iterator<T> items, long expected, int concurrency, Pacer pacer,
      BooleanSupplier keepGoing, Consumer<T> call) {
    Run<T> run = new Run<>(items, pacer, keepGoing, call, ProgressLog.start(LOG, what, expected));
    int threads = (int) Math.max(1, expected < 0 ? concurrency : Math.min(concurrency, expected));
    ExecutorService pool = Executors.newFixedThreadPool(threads, DaemonThreads.named("bounded-call"));
    // The job's log context (business key, activity) follows its calls onto the pool's threads.
    Map<String, String> logContext = MDC.getCopyOfContextMap();
    List<Future<?>> workers = new ArrayList<>(threads);
    try {
      for (int i = 0; i < threads; i++) {
        workers.add(pool.submit(() -> run.work(logContext)));
      }
      for (Future<?> worker : workers) {
        worker.get();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while calling the marketplace", e);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof Error error) {
        throw error;
      }
      throw new IllegalStateException("a marketplace call worker failed", e.getCause());
    } finally {
      pool.shutdownNow();
      run.progress.finish();
    }
    return run.finish();
  }

  /**
   * One run's shared state. Each worker takes the next item itself: a dispatching thread that handed items over one
   * by one left workers waiting for it (9 % of their time in a wall-clock profile of 100,000 invites on 2 cores).
   */
  private static final class Run<T> {
    private final Iterator<T> items;
    private final Pacer pacer;
    private final BooleanSupplier keepGoing;
    private final Consumer<T> call;
    private final ProgressLog progress;
    private final AtomicReference<RuntimeException> failure = new AtomicReference<>();
    private final AtomicReference<RuntimeException> firstTransient = new AtomicReference<>();
    private final AtomicInteger transientFailures = new AtomicInteger();
    private final AtomicInteger started = new AtomicInteger();
    private boolean stopped;

    Run(Iterator<T> items, Pacer pacer, BooleanSupplier keepGoing, Consumer<T> call, ProgressLog progress) {
      this.items = items;
      this.pacer = pacer;
      this.keepGoing = keepGoing;
      this.call = call;
      this.progress = progress;
    }

    /**
     * The next item, or null once the run stops; {@code keepGoing} is asked by one worker at a time. The pacer is
     * awaited under the same lock: one worker per run waits for a slot, as one dispatcher did, so a paced run
     * reserves no slots beyond its next call and still stops within its budget (with a slot reserved per worker,
     * chunk jobs ran past their budget and the job-scheduling goal was missed).
     */
    private synchronized T take() throws InterruptedException {
      if (stopped || failure.get() != null
          || transientFailures.get() > TRANSIENT_FAILURES_TOLERATED || !keepGoing.getAsBoolean()) {
        stopped = true;
        return null;
      }
      if (!items.hasNext()) {
        stopped = true;
        return null;
      }
      pacer.await();
      return items.next();
    }

    void work(Map<String, String> logContext) {
      if (logContext != null) {
        MDC.setContextMap(logContext);
      }
      try {
        for (T item = take(); item != null; item = take()) {
          started.incrementAndGet();
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
          }
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt(); // the pool is shutting down: the run was interrupted
      } finally {
        MDC.clear();
      }
    }

    int finish() {
      if (failure.get() != null) {
        throw failure.get();
      }
      if (firstTransient.get() != null) {
        LOG.warn("{} of {} started calls failed transiently; the job's retry repeats them and the items not "
            + "started. First: {}", transientFailures.get(), started.get(), firstTransient.get().getMessage());
        throw firstTransient.get();
      }
      return started.get();
    }
  }
}
