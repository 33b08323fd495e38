package io.recontact.toluna.recontactquota;

import java.util.HashMap;
import java.util.Map;
import org.camunda.bpm.engine.delegate.VariableScope;

/**
 * The variables of a tolunaRecontactQuota instance: references (panel, quota, survey) and counts, never member
 * codes. Gateways read the outcome variables; Cockpit shows the counts while a large quota runs.
 */
public final class TolunaQuotaVariables {

  static final String PANEL_GUID = "panelGuid";
  static final String QUOTA_ID = "quotaId";
  static final String SURVEY_ID = "surveyId";
  static final String SURVEY_NAME = "surveyName";
  static final String FETCH_OUTCOME = "fetchOutcome";
  static final String SAMPLING_OUTCOME = "samplingOutcome";
  static final String INVITE_OUTCOME = "inviteOutcome";
  static final String DELIVERY_OUTCOME = "deliveryOutcome";
  static final String DELIVERY_RETRY_IN = "deliveryRetryIn";
  static final String QUOTA_STATE = "quotaState";
  static final String EXCEPTIONS_PENDING = "exceptionsPending";
  static final String EXCEPTION_DECISION = "exceptionDecision";
  static final String OUTCOME = "quotaOutcome";
  static final String UNAVAILABLE_REASON = "unavailableReason";
  static final String FEED_DUE = "feedDue";
  // Task-local on ReviewValidationExceptions: what its form shows.
  static final String EXCEPTION_SUMMARY = "exceptionSummary";
  /** Set by older releases only (member codes): removed when such a review completes. */
  static final String EXCEPTION_EXAMPLES = "exceptionExamples";
  static final String EXCEPTIONS_CSV = "exceptionsCsv";
  static final String QUOTA_TITLE = "quotaTitle";

  /** Counts shown in Cockpit, each a process variable of the same name. */
  public enum Count {
    codesReceived, validCount, exceptionCount, matched, notMatched, otherQuota, invited,
    subquotaFull, delivered, deliveryFailed, deliveryPending, membersSynced
  }

  private final VariableScope scope;

  public TolunaQuotaVariables(VariableScope scope) {
    this.scope = scope;
  }

  /** The start variables; the counts begin at zero so Cockpit shows them from the first moment. */
  public static Map<String, Object> start(String panelGuid, long quotaId, long surveyId, String surveyName) {
    Map<String, Object> vars = new HashMap<>();
    vars.put(PANEL_GUID, panelGuid);
    vars.put(QUOTA_ID, quotaId);
    vars.put(SURVEY_ID, surveyId);
    vars.put(SURVEY_NAME, surveyName == null ? "" : surveyName);
    for (Count count : Count.values()) {
      vars.put(count.name(), 0L);
    }
    return vars;
  }

  public String panelGuid() {
    return (String) scope.getVariable(PANEL_GUID);
  }

  public long quotaId() {
    return number(QUOTA_ID);
  }

  public long surveyId() {
    return number(SURVEY_ID);
  }

  public String surveyName() {
    return (String) scope.getVariable(SURVEY_NAME);
  }

  public long count(Count count) {
    Object value = scope.getVariable(count.name());
    return value instanceof Number n ? n.longValue() : 0L;
  }

  public void set(Count count, long value) {
    scope.setVariable(count.name(), value);
  }

  public void add(Count count, long delta) {
    if (delta != 0) {
      set(count, count(count) + delta);
    }
  }

  public void fetchOutcome(String outcome) {
    scope.setVariable(FETCH_OUTCOME, outcome);
  }

  public void samplingOutcome(String outcome) {
    scope.setVariable(SAMPLING_OUTCOME, outcome);
  }

  public void inviteOutcome(String outcome) {
    scope.setVariable(INVITE_OUTCOME, outcome);
  }

  public void deliveryOutcome(String outcome, String retryIn) {
    scope.setVariable(DELIVERY_OUTCOME, outcome);
    scope.setVariable(DELIVERY_RETRY_IN, retryIn);
  }

  public void quotaState(String state) {
    scope.setVariable(QUOTA_STATE, state);
  }

  public void unavailableReason(String reason) {
    scope.setVariable(UNAVAILABLE_REASON, reason);
  }

  /** Set when a wait ends (refresh timer or message): the next check feeds the quota if it is open. */
  public boolean feedDue() {
    return Boolean.TRUE.equals(scope.getVariable(FEED_DUE));
  }

  public void feedDue(boolean due) {
    scope.setVariable(FEED_DUE, due);
  }

  public void exceptionsPending(long pending) {
    scope.setVariable(EXCEPTIONS_PENDING, pending);
  }

  public String outcome() {
    return (String) scope.getVariable(OUTCOME);
  }

  /** The review form's figures, local to its task: counts and the CSV link, never a member code. */
  void reviewForm(String title, String summary, String csvPath) {
    scope.setVariableLocal(QUOTA_TITLE, title);
    scope.setVariableLocal(EXCEPTION_SUMMARY, summary);
    scope.setVariableLocal(EXCEPTIONS_CSV, csvPath);
  }

  /** Removes the example codes a review of an older release put on its task. */
  void dropExamples() {
    scope.removeVariableLocal(EXCEPTION_EXAMPLES);
  }

  private long number(String name) {
    if (scope.getVariable(name) instanceof Number n) {
      return n.longValue();
    }
    throw new IllegalStateException("Process variable " + name + " is missing or not a number");
  }
}
