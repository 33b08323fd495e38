package io.recontact.marketplace;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.MDC;

/** The calls of a chunk run on the pool's threads with the job's log context, so their lines carry its business key. */
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
  void noLogContextMeansNone() {
    Set<String> seen = ConcurrentHashMap.newKeySet();
    BoundedCalls.run(List.of(1, 2, 3), 2, Pacer.NONE, () -> true,
        item -> seen.add(String.valueOf(MDC.get("businessKey"))));
    assertThat(seen).containsExactly("null");
  }
}
