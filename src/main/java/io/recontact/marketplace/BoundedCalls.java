package io.recontact.marketplace;

import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

/**
 * Many marketplace calls from one job, in parallel but bounded: at most {@code concurrency} at a time, started no
 * faster than the {@link Pacer} allows. New calls stop once {@code keepGoing} turns false or a
 * call threw; calls in flight finish; the first exception is rethrown, so the job retries (each call records its own
 * result, so a retry skips what is done).
 */
public final class BoundedCalls {

  private BoundedCalls() {
  }

  /** Returns how many items were started. */
  public static <T> int run(List<T> items, int concurrency, Pacer pacer, BooleanSupplier keepGoing,
      Consumer<T> call) {
    if (items.isEmpty()) {
      return 0;
    }
    int threads = Math.max(1, Math.min(concurrency, items.size()));
    ExecutorService pool = Executors.newFixedThreadPool(threads, r -> {
      Thread thread = new Thread(r, "bounded-call");
      thread.setDaemon(true);
      return thread;
    });
    Semaphore slots = new Semaphore(threads);
    AtomicReference<RuntimeException> failure = new AtomicReference<>();
    int started = 0;
    try {
      for (T item : items) {
        slots.acquire();
        if (failure.get() != null || !keepGoing.getAsBoolean()) {
          slots.release();
          break;
        }
        pacer.await();
        started++;
        pool.execute(() -> {
          try {
            call.accept(item);
          } catch (RuntimeException e) {
            failure.compareAndSet(null, e);
          } finally {
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
    }
    if (failure.get() != null) {
      throw failure.get();
    }
    return started;
  }
}
