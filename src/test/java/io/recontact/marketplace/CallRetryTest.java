package io.recontact.marketplace;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import feign.Request;
import feign.RetryableException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class CallRetryTest {

  static final CallRetry RETRY = new CallRetry(new RetryProperties(3, Duration.ofMillis(1), Duration.ofMillis(50)));

  static final class Answer extends MarketplaceApiException {
    Answer(int status, Duration retryAfter) {
      super("answered " + status, status, retryAfter);
    }
  }

  @Test
  void fiveHundredsAndTimeoutsAreTriedAgainUpToTheAttempts() {
    AtomicInteger calls = new AtomicInteger();
    assertThat(RETRY.call(() -> {
      if (calls.incrementAndGet() == 1) {
        throw new Answer(503, null);
      }
      if (calls.get() == 2) {
        throw new RetryableException(-1, "Read timed out", Request.HttpMethod.GET, (Long) null, Request.create(
            Request.HttpMethod.GET, "http://localhost/x", java.util.Map.of(), null,
            java.nio.charset.StandardCharsets.UTF_8, null));
      }
      return "ok";
    })).isEqualTo("ok");
    assertThat(calls).hasValue(3);

    AtomicInteger failing = new AtomicInteger();
    assertThatThrownBy(() -> RETRY.call(() -> {
      failing.incrementAndGet();
      throw new Answer(500, null);
    })).isInstanceOf(Answer.class);
    assertThat(failing).hasValue(3);
  }

  @Test
  void businessAnswersAndLongRateLimitsGoStraightToTheCaller() {
    for (Answer answer : List.of(new Answer(400, null), new Answer(409, null),
        new Answer(429, Duration.ofSeconds(30)), new Answer(429, null))) {
      AtomicInteger calls = new AtomicInteger();
      assertThatThrownBy(() -> RETRY.call(() -> {
        calls.incrementAndGet();
        throw answer;
      })).isSameAs(answer);
      assertThat(calls).as("status " + answer.status()).hasValue(1);
    }
    assertThatThrownBy(() -> RETRY.run(() -> {
      throw new IllegalStateException("a defect");
    })).hasMessage("a defect");
  }

  @Test
  void aShortRetryAfterIsWaitedOut() {
    AtomicInteger calls = new AtomicInteger();
    RETRY.run(() -> {
      if (calls.incrementAndGet() == 1) {
        throw new Answer(429, Duration.ofMillis(10));
      }
    });
    assertThat(calls).hasValue(2);
  }

  @Test
  void transientIsFoundAmongTheCauses() {
    assertThat(CallRetry.isTransient(new IllegalStateException("wrapped", new Answer(502, null)))).isTrue();
    assertThat(CallRetry.isTransient(new IllegalStateException("wrapped", new Answer(403, null)))).isFalse();
    assertThat(CallRetry.isTransient(new IllegalStateException("no marketplace answer"))).isFalse();
  }

  @Test
  void boundedCallsToleratesAFewTransientFailuresThenStops() {
    List<Integer> items = java.util.stream.IntStream.range(0, 1000).boxed().toList();
    AtomicInteger done = new AtomicInteger();
    assertThatThrownBy(() -> BoundedCalls.run(items, 4, Pacer.NONE, () -> true, i -> {
      if (i % 250 == 7) {
        throw new Answer(500, null);
      }
      done.incrementAndGet();
    })).isInstanceOf(Answer.class);
    assertThat(done).as("the other items went on").hasValue(996);

    AtomicInteger started = new AtomicInteger();
    assertThatThrownBy(() -> BoundedCalls.run(items, 4, Pacer.NONE, () -> true, i -> {
      started.incrementAndGet();
      throw new Answer(503, null);
    })).isInstanceOf(Answer.class);
    assertThat(started.get()).as("an outage stops the run").isLessThan(20);

    AtomicInteger beforeDefect = new AtomicInteger();
    assertThatThrownBy(() -> BoundedCalls.run(items, 1, Pacer.NONE, () -> true, i -> {
      if (beforeDefect.incrementAndGet() == 3) {
        throw new IllegalStateException("403 is an incident");
      }
    })).hasMessage("403 is an incident");
    assertThat(beforeDefect).as("a non-transient failure stops at once").hasValue(3);
  }
}
