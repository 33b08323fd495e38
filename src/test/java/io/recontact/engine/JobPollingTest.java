package io.recontact.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.recontact.cint.client.CintJobRates;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class JobPollingTest {

  private final JobPolling polling = new JobPolling(new PollingProperties(Duration.ofSeconds(1), 2.0,
      Duration.ofSeconds(30), Duration.ofHours(4), Duration.ofSeconds(5), 0.07, Duration.ofHours(1)));
  private final CintJobRates rates = new CintJobRates(Duration.ofMinutes(10), Duration.ofMinutes(3));

  @Test
  void intervalBacksOffByTheFactorUpToTheCap() {
    assertThat(polling.interval(0)).isEqualTo(Duration.ofSeconds(1));
    assertThat(polling.interval(1)).isEqualTo(Duration.ofSeconds(2));
    assertThat(polling.interval(4)).isEqualTo(Duration.ofSeconds(16));
    assertThat(polling.interval(5)).isEqualTo(Duration.ofSeconds(30));
    assertThat(polling.interval(60)).isEqualTo(Duration.ofSeconds(30));
  }

  @Test
  void conflictWaitIsAnIsoDurationForTheTimer() {
    assertThat(polling.conflictWait()).isEqualTo("PT5S");
  }

  @Test
  void cintRatesScaleWithTheIds() {
    assertThat(rates.upload(10_000)).isEqualTo(Duration.ofMinutes(10));
    assertThat(rates.upload(100_000)).isEqualTo(Duration.ofMinutes(100));
    assertThat(rates.removal(1_000)).isEqualTo(Duration.ofSeconds(18));
    assertThat(rates.removal(0)).isEqualTo(Duration.ZERO);
  }

  @Test
  void firstCheckComesAtTheEarliestExpectedCompletion() {
    assertThat(polling.planned(Duration.ZERO, Duration.ofMinutes(10))).isEqualTo(Duration.ofMinutes(10));
    assertThat(polling.planned(Duration.ofMinutes(4), Duration.ofMinutes(10))).isEqualTo(Duration.ofMinutes(6));
  }

  @Test
  void afterTheExpectedTimeChecksComeAtAShareOfTheTimeRun() {
    assertThat(polling.planned(Duration.ofMinutes(10), Duration.ofMinutes(10))).isEqualTo(Duration.ofSeconds(42));
    assertThat(polling.planned(Duration.ofMinutes(100), Duration.ofMinutes(10))).isEqualTo(Duration.ofMinutes(7));
  }

  @Test
  void plannedIntervalsStayWithinTheFloorAndTheCap() {
    assertThat(polling.planned(Duration.ofSeconds(3), Duration.ZERO)).isEqualTo(Duration.ofSeconds(1));
    assertThat(polling.planned(Duration.ZERO, Duration.ofMinutes(150))).isEqualTo(Duration.ofHours(1));
    assertThat(polling.planned(Duration.ofHours(20), Duration.ofMinutes(10))).isEqualTo(Duration.ofHours(1));
  }

  /**
   * Issue goals, by arithmetic on the rule: a job of 1,000 to 100,000 IDs lasting anywhere in Cint's quoted range
   * (uploads 10-15 min, removals 3-5 min per 10,000) is checked at most 12 times and seen complete within 10 % of its
   * duration (check time only; the job executor's pick-up delay comes on top).
   */
  @Test
  void jobsInCintsQuotedRangeNeedFewChecksAndAreSeenWithinATenthOfTheirDuration() {
    for (int ids : new int[] {1_000, 10_000, 50_000, 100_000}) {
      for (double slowdown : new double[] {1.0, 1.1, 1.25, 1.4, 1.5}) {
        checkGoals(rates.upload(ids), slowdown);
      }
      for (double slowdown : new double[] {1.0, 1.2, 1.4, 1.6, 5.0 / 3}) {
        checkGoals(rates.removal(ids), slowdown);
      }
    }
  }

  private void checkGoals(Duration expected, double slowdown) {
    Duration duration = Duration.ofMillis(Math.round(expected.toMillis() * slowdown));
    List<Duration> checks = checksUntilDone(expected, duration);
    Duration seen = checks.get(checks.size() - 1);
    assertThat(checks).as("checks of a %s job expected at %s", duration, expected).hasSizeLessThanOrEqualTo(12);
    assertThat(seen.minus(duration).toMillis()).as("lag of a %s job, checks %s", duration, checks)
        .isLessThanOrEqualTo(duration.toMillis() / 10);
  }

  private List<Duration> checksUntilDone(Duration expected, Duration duration) {
    List<Duration> checks = new ArrayList<>();
    Duration at = polling.planned(Duration.ZERO, expected);
    checks.add(at);
    while (at.compareTo(duration) < 0) {
      at = at.plus(polling.planned(at, expected));
      checks.add(at);
    }
    return checks;
  }
}
