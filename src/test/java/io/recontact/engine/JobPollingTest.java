package io.recontact.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.doAnswer;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import io.recontact.cint.client.CintJobRates;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

class JobPollingTest {

  /** The product's defaults, bound as the application binds them. */
  static final PollingProperties DEFAULTS = new Binder(new MapConfigurationPropertySource(java.util.Map.of()))
      .bindOrCreate("recontact.polling", Bindable.of(PollingProperties.class));
  static final CintJobRates RATES = new CintJobRates(Duration.ofMinutes(10), Duration.ofMinutes(3));
  /** Cint's quote: uploads 10-15 min, removals 3-5 min per 10,000 IDs; the rates are its fast end. */
  static final double UPLOAD_SLOW_END = 1.5;
  static final double REMOVAL_SLOW_END = 5.0 / 3;
  static final int[] SIZES = {10, 100, 1_000, 3_000, 10_000, 30_000, 50_000, 100_000};

  private final JobPolling polling = new JobPolling(DEFAULTS);

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
    assertThat(RATES.upload(10_000)).isEqualTo(Duration.ofMinutes(10));
    assertThat(RATES.upload(100_000)).isEqualTo(Duration.ofMinutes(100));
    assertThat(RATES.removal(1_000)).isEqualTo(Duration.ofSeconds(18));
    assertThat(RATES.removal(0)).isEqualTo(Duration.ZERO);
  }

  /** A 10,000-ID upload (E = 10 min): the schedule's phases, check by check. */
  @Test
  void scheduleOfATenMinuteJob() {
    assertThat(schedule(Duration.ofMinutes(10), Duration.ofHours(1)).subList(0, 12)).containsExactly(
        secs(20), secs(40), secs(60), // early: a job failing at once is seen within 20 s
        secs(240), // spread: 4 x the time run
        secs(300), secs(378), secs(476.28), secs(600), // approach: +26 % of the time run, landing on E
        secs(654), secs(712.86), secs(777.017), secs(846.948)); // +9 %: lag share after E
  }

  /**
   * The schedule runs from the marketplace's answer, not from the end of the local work after it (a 100,000-ID
   * upload's contact history): 5 s spent already, the first check comes 15 s later, at 20 s of the job; a job whose
   * first check is already due is checked after the floor.
   */
  @Test
  void theScheduleRunsFromTheJobsStartNotFromTheEndOfTheLocalWork() {
    Map<String, Object> variables = new HashMap<>();
    DelegateExecution execution = mock(DelegateExecution.class);
    when(execution.getVariable(anyString())).thenAnswer(call -> variables.get(call.<String>getArgument(0)));
    doAnswer(call -> variables.put(call.getArgument(0), call.getArgument(1))).when(execution)
        .setVariable(anyString(), any());
    Instant started = Instant.now().minusSeconds(5);
    polling.start(execution, "upload", Duration.ofMinutes(10), started);
    assertThat(variables).containsEntry("uploadPollStartedAt", started.toString())
        .containsEntry("uploadPollExpectedMillis", 600_000L);
    assertThat(Duration.parse((String) variables.get("uploadPollInterval")))
        .isBetween(Duration.ofSeconds(14), Duration.ofSeconds(15));
    polling.start(execution, "upload", Duration.ofMinutes(10), Instant.now().minusSeconds(40));
    assertThat(variables).containsEntry("uploadPollInterval", "PT1S");
  }

  @Test
  void plannedIntervalsStayWithinTheFloorAndTheCap() {
    assertThat(polling.planned(Duration.ZERO, Duration.ZERO)).isEqualTo(Duration.ofSeconds(1));
    assertThat(polling.planned(Duration.ofMillis(100), Duration.ofMillis(600))).isEqualTo(Duration.ofSeconds(1));
    assertThat(polling.planned(Duration.ofHours(2), Duration.ofHours(20))).isEqualTo(Duration.ofHours(1));
    assertThat(polling.planned(Duration.ofHours(20), Duration.ofMinutes(10))).isEqualTo(Duration.ofHours(1));
  }

  /**
   * The goals, by arithmetic on the schedule (the check times; the job executor's pick-up comes on top), for
   * uploads and removals of 10 to 100,000 IDs: a job that ends within its first minute is seen within 30 s; one that
   * ends at its quoted time is seen at most 10 % of its duration late, one at half of it at most 30 % late (at most
   * the 1 s floor late for jobs quoted below 10 s, which no share of a check interval can follow); at most 15 checks
   * for a job that ends within its first minute or within Cint's quoted range.
   */
  @Test
  void cintJobsOfAnySizeMeetTheGoals() {
    for (int ids : SIZES) {
      checkGoals("upload", ids, RATES.upload(ids), UPLOAD_SLOW_END);
      checkGoals("removal", ids, RATES.removal(ids), REMOVAL_SLOW_END);
    }
  }

  /** The goals fail when the schedule has no early checks (the rule before issue 20: first check at E). */
  @Test
  void theGoalsCatchAScheduleWithoutEarlyChecks() {
    JobPolling old = new JobPolling(new PollingProperties(Duration.ofSeconds(1), 2, Duration.ofSeconds(30),
        Duration.ofHours(4), Duration.ofSeconds(5), 0.09, Duration.ofHours(1), Duration.ofHours(1),
        Duration.ofMinutes(1), 4, 1.0, 0.26, 1.7, 1.0, Duration.ofHours(1)));
    assertThat(PollingGoals.of(old, RATES.upload(10_000), UPLOAD_SLOW_END).firstMinuteLag())
        .isGreaterThan(Duration.ofSeconds(30));
  }

  private void checkGoals(String kind, int ids, Duration expected, double slowEnd) {
    PollingGoals goals = PollingGoals.of(polling, expected, slowEnd);
    String job = kind + " of " + ids + " IDs, quoted " + expected;
    assertThat(goals.firstMinuteLag()).as("first-minute lag, " + job).isLessThanOrEqualTo(Duration.ofSeconds(30));
    if (expected.compareTo(Duration.ofSeconds(10)) >= 0) {
      assertThat(goals.atQuotedShare()).as("lag at the quoted time, " + job).isLessThanOrEqualTo(0.10);
      assertThat(goals.atHalfShare()).as("lag at half the quoted time, " + job).isLessThanOrEqualTo(0.30);
      assertThat(goals.quotedRangeShare()).as("lag within Cint's quoted range, " + job).isLessThanOrEqualTo(0.10);
    } else {
      assertThat(goals.atQuotedLag()).as("lag at the quoted time, " + job).isLessThanOrEqualTo(Duration.ofSeconds(1));
      assertThat(goals.atHalfLag()).as("lag at half, " + job).isLessThanOrEqualTo(Duration.ofSeconds(1));
    }
    assertThat(goals.maxChecks()).as("checks, " + job).isLessThanOrEqualTo(15);
  }

  private List<Duration> schedule(Duration expected, Duration until) {
    return PollingGoals.schedule(polling, expected, until);
  }

  private static Duration secs(double seconds) {
    return Duration.ofMillis(Math.round(seconds * 1000));
  }
}
