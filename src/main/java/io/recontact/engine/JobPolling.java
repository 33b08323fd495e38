package io.recontact.engine;

import java.time.Duration;
import java.time.Instant;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * The one polling loop state shared by every "start job → wait (timer) → check job" cycle in the diagrams. Each
 * loop has a name (e.g. {@code upload}, {@code launch}) that prefixes its variables, so loops of one instance never
 * mix. The timer reads its duration from {@code <name>PollInterval} (ISO-8601). A loop started with an expected
 * duration keeps it in {@code <name>PollExpectedMillis} and times its checks from it (see {@link PollingProperties}).
 */
@Component("jobPolling")
public class JobPolling {

  private static final Logger LOG = LoggerFactory.getLogger(JobPolling.class);

  private final PollingProperties properties;

  public JobPolling(PollingProperties properties) {
    this.properties = properties;
  }

  /** Called when a job was started (or a person chose to keep waiting): first interval, fresh deadline. */
  public void start(DelegateExecution execution, String loop) {
    execution.setVariable(loop + "PollCount", 0);
    execution.setVariable(loop + "PollStartedAt", Instant.now().toString());
    execution.setVariable(loop + "PollInterval", properties.initialInterval().toString());
    execution.removeVariable(loop + "PollExpectedMillis");
  }

  /**
   * Called when a job was started whose completion can be estimated (e.g. Cint's quoted rate times its IDs): its
   * checks follow {@link #planned}: early ones, an approach to the expected time, then a share of the time run.
   */
  public void start(DelegateExecution execution, String loop, Duration expected) {
    start(execution, loop, expected, Instant.now());
  }

  /**
   * As {@link #start(DelegateExecution, String, Duration)} for a job the marketplace started at {@code startedAt}
   * (its create call's answer): the schedule runs from then, not from the end of the local work done after the call
   * in the same transaction (recording a 100,000-ID upload's contacts took seconds, which delayed every check).
   */
  public void start(DelegateExecution execution, String loop, Duration expected, Instant startedAt) {
    start(execution, loop);
    execution.setVariable(loop + "PollStartedAt", startedAt.toString());
    execution.setVariable(loop + "PollExpectedMillis", expected.toMillis());
    Duration spent = Duration.between(startedAt, Instant.now());
    Duration first = planned(Duration.ZERO, expected).minus(spent.isNegative() ? Duration.ZERO : spent);
    if (first.compareTo(properties.initialInterval()) < 0) {
      first = properties.initialInterval();
    }
    execution.setVariable(loop + "PollInterval", first.toString());
    LOG.info("{} job started, expected to take {} ms; first check in {} ms", loop, expected.toMillis(),
        first.toMillis());
  }

  /** Called after a check that found the job still running: the next interval, planned or backed off. */
  public void backOff(DelegateExecution execution, String loop) {
    int count = intVariable(execution, loop + "PollCount") + 1;
    execution.setVariable(loop + "PollCount", count);
    Object expected = execution.getVariable(loop + "PollExpectedMillis");
    Object started = execution.getVariable(loop + "PollStartedAt");
    Duration next = expected instanceof Number millis && started != null
        ? planned(Duration.between(Instant.parse(started.toString()), Instant.now()),
            Duration.ofMillis(millis.longValue()))
        : interval(count);
    execution.setVariable(loop + "PollInterval", next.toString());
    // One line per check: the checks are spaced by the plan, so this is progress at most every interval.
    LOG.info("{} job still running after {} check(s) and {} s; next check in {} ms", loop, count,
        started == null ? "?" : Duration.between(Instant.parse(started.toString()), Instant.now()).toSeconds(),
        next.toMillis());
  }

  /**
   * The job is not done yet: either the deadline has passed ({@code DEADLINE}, with a reason for the person in
   * {@code reasonVariable}) or the next check is scheduled later ({@code PROCESSING}).
   */
  public String notDoneYet(DelegateExecution execution, String loop, String what, Object jobStatus,
      String reasonVariable) {
    if (deadlineReached(execution, loop)) {
      execution.setVariable(reasonVariable, what + " is still " + jobStatus + " after " + properties.deadline()
          + " of polling; 'retry'/'resubmit' keeps waiting for it");
      return "DEADLINE";
    }
    backOff(execution, loop);
    return "PROCESSING";
  }

  /** True when the job has been polled for longer than the configured deadline. */
  public boolean deadlineReached(DelegateExecution execution, String loop) {
    Object started = execution.getVariable(loop + "PollStartedAt");
    if (started == null) {
      return false;
    }
    return Instant.parse(started.toString()).plus(properties.deadline()).isBefore(Instant.now());
  }

  /** How long the loop's job has run since it was started (or since a person chose to keep waiting). */
  public Duration running(DelegateExecution execution, String loop) {
    Object started = execution.getVariable(loop + "PollStartedAt");
    return started == null ? Duration.ZERO : Duration.between(Instant.parse(started.toString()), Instant.now());
  }

  /** Checks of the loop's job so far, the current one included (each check that found it running backed off). */
  public int checks(DelegateExecution execution, String loop) {
    return intVariable(execution, loop + "PollCount") + 1;
  }

  public Duration deadline() {
    return properties.deadline();
  }

  /** ISO-8601 pause after a 409, for the conflict timers. */
  public String conflictWait() {
    return properties.conflictWait().toString();
  }

  /**
   * The wait before the next check of a job that has run {@code elapsed} and is expected to take {@code expected}
   * (E), by phase of {@code elapsed}: before {@code approachFrom}·E every {@code earlyInterval} in the early window,
   * then {@code spreadFactor} times the time run (landing on {@code approachFrom}·E); before E {@code approachShare}
   * of the time run (landing on E); before {@code lateAfter}·E {@code lagShare} of it; then {@code lateFactor} of it.
   * In the early window never more than {@code earlyInterval}; never below {@code initialInterval}, never above
   * {@code maxPlannedInterval}. Goals (JobPollingTest, docs/benchmarks-cint.md): a job ending in its first minute is
   * seen within 30 s; one ending at E within 10 % of its duration, at E/2 within 30 %; at most 15 checks.
   */
  public Duration planned(Duration elapsed, Duration expected) {
    return Duration.ofMillis(Math.max(1, plannedNanos(elapsed.toNanos(), expected.toNanos()) / 1_000_000));
  }

  private long plannedNanos(long t, long e) {
    PollingProperties p = properties;
    long window = p.earlyWindow().toNanos();
    double next;
    if (t < e * p.approachFrom()) {
      next = Math.min(t < window ? t + p.earlyInterval().toNanos() : t * p.spreadFactor(), e * p.approachFrom());
    } else if (t < e) {
      next = Math.min(e, t * (1 + p.approachShare()));
    } else if (t < e * p.lateAfter()) {
      next = t * (1 + p.lagShare());
    } else {
      next = t * (1 + p.lateFactor());
    }
    long gap = Math.round(next - t);
    if (t < window) {
      gap = Math.min(gap, p.earlyInterval().toNanos());
    }
    return Math.min(Math.max(gap, p.initialInterval().toNanos()), p.maxPlannedInterval().toNanos());
  }

  public Duration interval(int polls) {
    double millis = properties.initialInterval().toMillis() * Math.pow(properties.factor(), polls);
    long capped = (long) Math.min(millis, properties.maxInterval().toMillis());
    return Duration.ofMillis(Math.max(capped, properties.initialInterval().toMillis()));
  }

  private static int intVariable(DelegateExecution execution, String name) {
    Object value = execution.getVariable(name);
    return value instanceof Number number ? number.intValue() : 0;
  }
}
