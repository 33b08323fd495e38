package io.recontact.cint.followfielding;

import io.recontact.cint.CintVariables;
import java.math.BigDecimal;
import java.time.Instant;
import org.camunda.bpm.engine.delegate.VariableScope;

/**
 * The variables of a cintFollowFielding instance: the latest reading (the end variables hold the final figures), the
 * routing state, the pace review and the close job. Never respondents.
 */
public class FollowFieldingVariables extends CintVariables {

  /** FOLLOW (keep reading), REVIEW (pace review or paused), COMPLETED (Cint reports completed), ENDED (end date). */
  public static final String FIELDING_STATE = "fieldingState";
  public static final String FIELDING_STATUS = "fieldingStatus";
  public static final String COMPLETES = "completes";
  public static final String PRESCREENS = "prescreens";
  public static final String GOAL = "goal";
  public static final String CONVERSION_RATE = "conversionRate";
  public static final String INCIDENCE_RATE = "incidenceRate";
  public static final String COST = "cost";
  public static final String CURRENCY = "currency";
  public static final String READ_AT = "readAt";
  public static final String READINGS = "readings";
  public static final String START_FIELDING_AT = "startFieldingAt";
  public static final String END_FIELDING_AT = "endFieldingAt";
  /** Completes projected at the end date at the pace so far. */
  public static final String PROJECTED_COMPLETES = "projectedCompletes";
  public static final String DAYS_LEFT = "daysLeft";
  /** ISO-8601 duration of the timer between two readings. */
  public static final String FIELDING_INTERVAL = "fieldingInterval";
  /** Set when a person chose keepFielding: the pace is not reviewed again. */
  public static final String PACE_ACCEPTED = "paceAccepted";
  /** keepFielding, closeNow, pause, resume. */
  public static final String PACE_DECISION = "paceDecision";
  public static final String CLOSE_JOB_ID = "closeJobId";
  public static final String CLOSE_JOB_STATUS = "closeJobStatus";
  public static final String CLOSE_FAILURE_REASON = "closeFailureReason";
  public static final String CLOSE_ATTEMPT = "closeAttempt";
  /** Set by the end events: COMPLETED, ENDED or CLOSED. */
  public static final String FIELDING_OUTCOME = "fieldingOutcome";

  public FollowFieldingVariables(VariableScope scope) {
    super(scope);
  }

  /** One reading's figures as variables. */
  public void reading(FieldingReading reading) {
    scope.setVariable(FIELDING_STATUS, reading.status());
    scope.setVariable(COMPLETES, reading.completes());
    scope.setVariable(PRESCREENS, reading.prescreens());
    scope.setVariable(GOAL, reading.goal());
    scope.setVariable(CONVERSION_RATE, decimal(reading.conversionRate()));
    scope.setVariable(INCIDENCE_RATE, decimal(reading.incidenceRate()));
    scope.setVariable(COST, decimal(reading.cost()));
    scope.setVariable(CURRENCY, reading.currency());
    scope.setVariable(READ_AT, reading.readAt().toString());
    scope.setVariable(READINGS, readings() + 1);
  }

  public int readings() {
    return scope.getVariable(READINGS) instanceof Number n ? n.intValue() : 0;
  }

  public String fieldingStatus() {
    return (String) scope.getVariable(FIELDING_STATUS);
  }

  public int completes() {
    return scope.getVariable(COMPLETES) instanceof Number n ? n.intValue() : 0;
  }

  public int goal() {
    return scope.getVariable(GOAL) instanceof Number n ? n.intValue() : 0;
  }

  public void period(Instant start, Instant end) {
    scope.setVariable(START_FIELDING_AT, start == null ? null : start.toString());
    scope.setVariable(END_FIELDING_AT, end == null ? null : end.toString());
  }

  public void state(String state) {
    scope.setVariable(FIELDING_STATE, state);
  }

  public void projection(int projected, double daysLeft) {
    scope.setVariable(PROJECTED_COMPLETES, projected);
    scope.setVariable(DAYS_LEFT, Math.round(daysLeft * 10) / 10.0);
  }

  public boolean paceAccepted() {
    return Boolean.TRUE.equals(scope.getVariable(PACE_ACCEPTED));
  }

  public void paceAccepted(boolean accepted) {
    scope.setVariable(PACE_ACCEPTED, accepted);
  }

  public String paceDecision() {
    return (String) scope.getVariable(PACE_DECISION);
  }

  public String closeJobId() {
    return (String) scope.getVariable(CLOSE_JOB_ID);
  }

  public void closeJobId(String id) {
    scope.setVariable(CLOSE_JOB_ID, id);
  }

  public void closeJobStatus(String status) {
    scope.setVariable(CLOSE_JOB_STATUS, status);
  }

  /** The close attempt so far (0 before the first): part of the batch job's idempotency key. */
  public int closeAttempt() {
    return scope.getVariable(CLOSE_ATTEMPT) instanceof Number n ? n.intValue() : 0;
  }

  public void closeAttempt(int attempt) {
    scope.setVariable(CLOSE_ATTEMPT, attempt);
  }

  private static Double decimal(BigDecimal value) {
    return value == null ? null : value.doubleValue();
  }
}
