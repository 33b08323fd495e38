package io.recontact.marketplace;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.MDC;

/**
 * The calls of a chunk run on the pool's threads with the job's log context, so their lines carry its business key;
 * the workers take their items themselves, asking {@code keepGoing} one at a time.
 */
class BoundedCallsTest {

  @AfterEach
  void clear() {
    MDC.clear();
  }

  @Test
  void everyCallSeesTheCallersLogContext() {
    MDC.put("businessKey", "rc-42");
    MDC.put("activityId", "GenerateInvites");
    Set<String> seen = ConcurrentHashMap.newKeySet();
    Set<String> threads = ConcurrentHashMap.newKeySet();
    List<Integer> items = IntStream.range(0, 40).boxed().toList();

    int started = BoundedCalls.run(items, 4, Pacer.NONE, () -> true, item -> {
      seen.add(MDC.get("businessKey") + "|" + MDC.get("activityId"));
      threads.add(Thread.currentThread().getName());
    });

    assertThat(started).isEqualTo(40);
    assertThat(seen).containsExactly("rc-42|GenerateInvites");
    assertThat(threads).doesNotContain(Thread.currentThread().getName());
    assertThat(MDC.get("businessKey")).isEqualTo("rc-42");
  }

  @Test
  void keepGoingIsAskedOneAtATimeAndNotAgainAfterItSaidNo() {
    AtomicInteger inside = new AtomicInteger();
    AtomicInteger overlaps = new AtomicInteger();
    AtomicInteger asked = new AtomicInteger();
    AtomicInteger called = new AtomicInteger();
    List<Integer> items = IntStream.range(0, 500).boxed().toList();

    int started = BoundedCalls.run(items, 8, Pacer.NONE, () -> {
      if (inside.incrementAndGet() > 1) {
        overlaps.incrementAndGet();
      }
      long until = System.nanoTime() + 20_000; // long enough for an unguarded second worker to come in
      while (System.nanoTime() < until) {
        Thread.onSpinWait();
      }
      inside.decrementAndGet();
      return asked.incrementAndGet() <= 120;
    }, item -> called.incrementAndGet());

    assertThat(overlaps).as("callers of keepGoing need not be thread-safe").hasValue(0);
    assertThat(started).isEqualTo(120);
    assertThat(called).hasValue(120);
    assertThat(asked).as("once it said no, no worker asks again").hasValue(121);
  }

  @Test
  void aPacedRunReservesOnlyItsNextSlotSoItStopsWithinItsBudget() {
    long start = System.nanoTime();
    long budget = 500_000_000L;
    List<Integer> items = IntStream.range(0, 100).boxed().toList();

    // 5 calls a second: slots at 0, 200, 400 ms are within the budget (fewer if the workers start late); a slot
    // reserved per worker would start all 8.
    int started = BoundedCalls.run(items, 8, new Pacer(5), () -> System.nanoTime() - start < budget, item -> { });

    assertThat(started).isBetween(1, 4);
  }

  @Test
  void noLogContextMeansNone() {
    Set<String> seen = ConcurrentHashMap.newKeySet();
    BoundedCalls.run(List.of(1, 2, 3), 2, Pacer.NONE, () -> true,
        item -> seen.add(String.valueOf(MDC.get("businessKey"))));
    assertThat(seen).containsExactly("null");
  }
}
