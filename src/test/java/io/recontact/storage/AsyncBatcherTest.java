package io.recontact.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class AsyncBatcherTest {

  @Test
  void writesFullBatchesOnItsOwnThreadAndTheRestOnFlush() {
    List<List<Integer>> written = Collections.synchronizedList(new ArrayList<>());
    List<String> threads = Collections.synchronizedList(new ArrayList<>());
    AsyncBatcher<Integer> batcher = new AsyncBatcher<>(3, 1, "test-writer", batch -> {
      threads.add(Thread.currentThread().getName());
      written.add(batch);
    });
    for (int i = 1; i <= 7; i++) {
      batcher.add(i);
    }
    batcher.flush();

    assertThat(written).containsExactly(List.of(1, 2, 3), List.of(4, 5, 6), List.of(7));
    assertThat(threads).containsOnly("test-writer");
  }

  @Test
  void aCallerWaitsWhenTheQueuedBatchesAreFull() throws Exception {
    CountDownLatch writing = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    AtomicInteger writes = new AtomicInteger();
    AsyncBatcher<Integer> batcher = new AsyncBatcher<>(1, 1, "slow-writer", batch -> {
      writing.countDown();
      await(release);
      writes.incrementAndGet();
    });
    batcher.add(1);
    assertThat(writing.await(5, TimeUnit.SECONDS)).isTrue();
    // One batch being written, one queued (and a slot for flush's end mark): the fourth add must wait.
    batcher.add(2);
    batcher.add(3);
    Thread caller = new Thread(() -> batcher.add(4));
    caller.start();
    caller.join(300);
    assertThat(caller.isAlive()).as("the caller waits for the writer").isTrue();

    release.countDown();
    caller.join(5_000);
    assertThat(caller.isAlive()).isFalse();
    batcher.flush();
    assertThat(writes).hasValue(4);
  }

  @Test
  void aFailedWriteIsThrownAndTheBatchesAfterItAreNotWritten() {
    List<List<Integer>> written = Collections.synchronizedList(new ArrayList<>());
    CountDownLatch added = new CountDownLatch(1);
    AsyncBatcher<Integer> batcher = new AsyncBatcher<>(2, 2, "failing-writer", batch -> {
      if (batch.contains(1)) {
        await(added);
        throw new IllegalStateException("database down");
      }
      written.add(batch);
    });
    for (int i = 1; i <= 4; i++) {
      batcher.add(i);
    }
    added.countDown();

    assertThatThrownBy(batcher::flush).hasMessage("database down");
    assertThatThrownBy(() -> batcher.add(5)).hasMessage("database down");
    assertThat(written).isEmpty();
  }

  private static void await(CountDownLatch latch) {
    try {
      latch.await(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
