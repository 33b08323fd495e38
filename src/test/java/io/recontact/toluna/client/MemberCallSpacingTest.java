package io.recontact.toluna.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The per-member-code spacing with a fake clock: which waits it asks for, never how long anything took. */
class MemberCallSpacingTest {

  static final long MS = 1_000_000L;

  long now = 1_000 * MS;
  final List<Long> sleeps = new ArrayList<>();
  final MemberCallSpacing spacing = new MemberCallSpacing(Duration.ofMillis(1000), () -> now, nanos -> {
    sleeps.add(nanos / MS);
    now += nanos;
  });

  /** A call that takes {@code millis} on the fake clock. */
  String call(String code, long millis) {
    return spacing.call(code, () -> {
      now += millis * MS;
      return code;
    });
  }

  @AfterEach
  void clearInterrupt() {
    Thread.interrupted();
  }

  @Test
  void secondCallForOneCodeWaitsUntilTheSpacingHasPassedSinceTheFirstEnded() {
    assertThat(call("A", 300)).isEqualTo("A");
    assertThat(sleeps).isEmpty();
    call("A", 50);
    assertThat(sleeps).containsExactly(1000L);
    now += 400 * MS;
    call("A", 0);
    assertThat(sleeps).containsExactly(1000L, 600L);
  }

  @Test
  void otherCodesDoNotWaitAndOldEntriesAreForgotten() {
    call("A", 10);
    call("B", 10);
    call("C", 10);
    assertThat(sleeps).isEmpty();
    assertThat(spacing.remembered()).isEqualTo(3);
    now += 1500 * MS;
    call("A", 10);
    assertThat(sleeps).isEmpty();
    assertThat(spacing.remembered()).isEqualTo(1);
  }

  @Test
  void aCallerArrivingDuringACallQueuesBehindIt() {
    List<Long> inner = new ArrayList<>();
    spacing.call("A", () -> {
      // a second call for A while the first is in flight: it waits one spacing after the first one's slot
      spacing.call("A", () -> inner.add(now));
      return null;
    });
    assertThat(sleeps).containsExactly(1000L);
    assertThat(inner).containsExactly(2_000 * MS);
  }

  @Test
  void failedCallsCountToo() {
    assertThatThrownBy(() -> spacing.call("A", () -> {
      throw new IllegalStateException("Toluna said no");
    })).hasMessage("Toluna said no");
    call("A", 0);
    assertThat(sleeps).containsExactly(1000L);
  }

  @Test
  void zeroSpacingNeverWaits() {
    MemberCallSpacing none = new MemberCallSpacing(Duration.ZERO, () -> now, nanos -> sleeps.add(nanos));
    none.call("A", () -> 1);
    none.call("A", () -> 2);
    assertThat(sleeps).isEmpty();
  }

  @Test
  void interruptedWaitStopsTheCallAndKeepsTheFlag() {
    MemberCallSpacing interrupted = new MemberCallSpacing(Duration.ofMillis(1000), () -> now, nanos -> {
      throw new InterruptedException();
    });
    interrupted.call("A", () -> 1);
    List<String> ran = new ArrayList<>();
    assertThatThrownBy(() -> interrupted.call("A", () -> ran.add("second"))).isInstanceOf(IllegalStateException.class);
    assertThat(ran).isEmpty();
    assertThat(Thread.currentThread().isInterrupted()).isTrue();
  }
}
