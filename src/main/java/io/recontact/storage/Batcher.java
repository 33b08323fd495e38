package io.recontact.storage;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * Collects results from many threads and hands them to {@code sink} in batches of {@code size} (the rest on
 * {@link #flush()}), so per-item writes cost one transaction per batch instead of one each. The thread that fills a
 * batch writes it; the caller flushes at the end, also after a failure, so finished work is kept.
 */
public final class Batcher<T> {

  private final int size;
  private final Consumer<List<T>> sink;
  private List<T> buffer = new ArrayList<>();

  public Batcher(int size, Consumer<List<T>> sink) {
    if (size < 1) {
      throw new IllegalArgumentException("size must be at least 1, not " + size);
    }
    this.size = size;
    this.sink = sink;
  }

  public void add(T item) {
    List<T> full = null;
    synchronized (this) {
      buffer.add(item);
      if (buffer.size() >= size) {
        full = buffer;
        buffer = new ArrayList<>();
      }
    }
    if (full != null) {
      sink.accept(full);
    }
  }

  public void flush() {
    List<T> rest;
    synchronized (this) {
      rest = buffer;
      buffer = new ArrayList<>();
    }
    if (!rest.isEmpty()) {
      sink.accept(rest);
    }
  }
}
