package io.recontact.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** A chunk job past its budget goes on while its job executor has a thread free and no job waits, up to its limit. */
class ChunkBudgetTest {

  final ChunkBudget budget = new ChunkBudget(new JobSchedulingProperties(Duration.ofMillis(200), 100, 0,
      Duration.ofMinutes(5), Duration.ofSeconds(30)));
  final ThreadPoolExecutor pool = new ThreadPoolExecutor(2, 2, 1, TimeUnit.MINUTES, new LinkedBlockingQueue<>());
  final CountDownLatch release = new CountDownLatch(1);

  @AfterEach
  void end() {
    release.countDown();
    pool.shutdownNow();
    ChunkBudget.jobEnded();
  }

  @Test
  void pastItsBudgetAJobGoesOnWhileAThreadIsFreeAndStopsForGoodOnceAJobWaits() throws Exception {
    ChunkBudget.jobStarted(Instant.now().minusMillis(300));
    occupy(1); // the job itself
    BooleanSupplier left = budget.left(pool, () -> true);
    assertThat(left.getAsBoolean()).as("first answer").isTrue();
    assertThat(left.getAsBoolean()).as("past the budget, a thread free, nothing queued").isTrue();

    occupy(2); // the second thread busy and a job queued behind it
    Thread.sleep(ChunkBudget.LOOK_NANOS / 1_000_000 + 20);
    assertThat(left.getAsBoolean()).as("a job waits for a thread").isFalse();

    release.countDown();
    waitUntilIdle();
    assertThat(left.getAsBoolean()).as("once spent, always").isFalse();
  }

  @Test
  void aJobStopsAtItsBudgetWithoutAJobExecutorOrWhenStoppingAndAtTheIdleLimit() {
    ChunkBudget.jobStarted(Instant.now().minusMillis(300));
    BooleanSupplier byHand = budget.left(null, () -> false);
    byHand.getAsBoolean();
    assertThat(byHand.getAsBoolean()).as("run by hand: the budget alone").isFalse();

    ChunkBudget.jobStarted(Instant.now().minusSeconds(31));
    BooleanSupplier idle = budget.left(pool, () -> true);
    idle.getAsBoolean();
    assertThat(idle.getAsBoolean()).as("past idle-chunk-budget").isFalse();

    ChunkBudget.jobStarted(Instant.now().minusMillis(300));
    BooleanSupplier stopping = budget.left(pool, () -> false);
    stopping.getAsBoolean();
    assertThat(stopping.getAsBoolean()).as("the node is stopping: the job ends at its budget").isFalse();

    ChunkBudget.jobStarted(Instant.now());
    BooleanSupplier fresh = budget.left(null, () -> false);
    fresh.getAsBoolean();
    assertThat(fresh.getAsBoolean()).as("within the budget").isTrue();
  }

  private void occupy(int tasks) {
    for (int i = 0; i < tasks; i++) {
      pool.execute(() -> {
        try {
          release.await();
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      });
    }
  }

  private void waitUntilIdle() throws InterruptedException {
    long deadline = System.nanoTime() + 5_000_000_000L;
    while ((pool.getActiveCount() > 0 || !pool.getQueue().isEmpty()) && System.nanoTime() < deadline) {
      Thread.sleep(10);
    }
    assertThat(pool.getActiveCount()).isZero();
  }
}
