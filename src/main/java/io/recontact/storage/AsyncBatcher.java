package io.recontact.storage;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;

/**
 * {@link Batcher} whose batches are written by a thread of its own, so the threads that add items (marketplace
 * calls) do not wait for the database: with the writes on the callers, each full batch held one caller for a
 * transaction while the others' share of the work ran out. At most {@code queued} full batches wait; a caller that
 * fills one more waits for the writer. A failed write stops the writer; the next {@link #add} and {@link #flush}
 * throw it (later batches are not written, as when the caller wrote and failed). {@link #flush} writes the rest and
 * waits for every batch; call it once, also after a failure, so finished work is kept.
 */
public final class AsyncBatcher<T> {

  private static final List<Object> END = new ArrayList<>();

  private final Consumer<List<T>> sink;
  /** Collects the batches; a full one goes to the queue. */
  private final Batcher<T> batches;
  private final BlockingQueue<List<?>> queue;
  private final AtomicReference<RuntimeException> failure = new AtomicReference<>();
  private final Thread writer;

  public AsyncBatcher(int size, int queued, String name, Consumer<List<T>> sink) {
    if (queued < 1) {
      throw new IllegalArgumentException("queued must be at least 1, not " + queued);
    }
    this.sink = sink;
    this.batches = new Batcher<>(size, this::put);
    this.queue = new ArrayBlockingQueue<>(queued + 1);
    this.writer = new Thread(this::write, name);
    this.writer.setDaemon(true);
    this.writer.start();
  }

  public void add(T item) {
    throwIfFailed();
    batches.add(item);
  }

  /** Writes what is left and waits until every batch is written; throws the first failed write. */
  public void flush() {
    batches.flush();
    put(END);
    try {
      writer.join();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while waiting for batches to be written", e);
    }
    throwIfFailed();
  }

  private void put(List<?> batch) {
    try {
      while (!queue.offer(batch, 100, TimeUnit.MILLISECONDS)) {
        if (!writer.isAlive()) {
          throwIfFailed();
          throw new IllegalStateException("the batch writer has stopped");
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while handing a batch to its writer", e);
    }
  }

  @SuppressWarnings("unchecked")
  private void write() {
    try {
      for (List<?> batch = queue.take(); batch != END; batch = queue.take()) {
        sink.accept((List<T>) batch);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      failure.compareAndSet(null, new IllegalStateException("the batch writer was interrupted", e));
    } catch (RuntimeException e) {
      failure.compareAndSet(null, e);
      drainUntilEnd();
    } catch (Error e) {
      failure.compareAndSet(null, new IllegalStateException("the batch writer failed", e));
      drainUntilEnd();
    }
  }

  /** After a failure: batches still handed over are dropped (not written) until {@link #flush} ends the writer. */
  private void drainUntilEnd() {
    try {
      while (queue.take() != END) {
        // dropped: the failure is thrown to the callers
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private void throwIfFailed() {
    RuntimeException failed = failure.get();
    if (failed != null) {
      throw failed;
    }
  }
}
