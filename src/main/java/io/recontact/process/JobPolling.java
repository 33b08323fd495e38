package io.recontact.process;

import java.time.Duration;
import java.time.Instant;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.springframework.stereotype.Component;

/**
 * The one polling loop state shared by every "start job → wait (timer) → check job" cycle in the diagrams. Each
 * loop has a name (e.g. {@code upload}, {@code launch}) that prefixes its variables, so loops of one instance never
 * mix. The timer reads its duration from {@code <name>PollInterval} (ISO-8601).
 */
@Component("jobPolling")
public class JobPolling {

  private final PollingProperties properties;

  public JobPolling(PollingProperties properties) {
    this.properties = properties;
  }

  /** Called when a job was started (or a person chose to keep waiting): first interval, fresh deadline. */
  public void start(DelegateExecution execution, String loop) {
    execution.setVariable(loop + "PollCount", 0);
    execution.setVariable(loop + "PollStartedAt", Instant.now().toString());
    execution.setVariable(loop + "PollInterval", properties.initialInterval().toString());
  }

  /** Called after a check that found the job still running: backs off the next interval. */
  public void backOff(DelegateExecution execution, String loop) {
    int count = intVariable(execution, loop + "PollCount") + 1;
    execution.setVariable(loop + "PollCount", count);
    execution.setVariable(loop + "PollInterval", interval(count).toString());
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

  public Duration deadline() {
    return properties.deadline();
  }

  /** ISO-8601 pause after a 409, for the conflict timers. */
  public String conflictWait() {
    return properties.conflictWait().toString();
  }

  Duration interval(int polls) {
    double millis = properties.initialInterval().toMillis() * Math.pow(properties.factor(), polls);
    long capped = (long) Math.min(millis, properties.maxInterval().toMillis());
    return Duration.ofMillis(Math.max(capped, properties.initialInterval().toMillis()));
  }

  private static int intVariable(DelegateExecution execution, String name) {
    Object value = execution.getVariable(name);
    return value instanceof Number number ? number.intValue() : 0;
  }
}
