package io.recontact.cint.removerecontacts;

import io.recontact.cint.CintVariables;
import org.camunda.bpm.engine.delegate.VariableScope;

/** The variables of a cintRemoveRecontacts instance: the remove-all job, its outcome and the person's decision. */
public class RemovalVariables extends CintVariables {

  public static final String REMOVE_JOB_ID = "removeJobId";
  public static final String REMOVE_JOB_STATUS = "removeJobStatus";
  public static final String REMOVE_FAILURE_REASON = "removeFailureReason";
  public static final String REMOVAL_DECISION = "removalDecision";
  /** Set by the diagram's end events, read by the calling flow and the status API. */
  public static final String REMOVAL_OUTCOME = "removalOutcome";
  public static final String REMOVAL_DECISION_COMMENT = "removalDecisionComment";

  public RemovalVariables(VariableScope scope) {
    super(scope);
  }

  /** The running remove-all job, or null when none was needed. */
  public String removeJobId() {
    return (String) scope.getVariable(REMOVE_JOB_ID);
  }

  public void removeJobId(String jobId) {
    if (jobId == null) {
      scope.removeVariable(REMOVE_JOB_ID);
    } else {
      scope.setVariable(REMOVE_JOB_ID, jobId);
    }
  }

  public void removeJobStatus(String status) {
    scope.setVariable(REMOVE_JOB_STATUS, status);
  }

  public String removeFailureReason() {
    return (String) scope.getVariable(REMOVE_FAILURE_REASON);
  }

  public void removeFailureReason(String reason) {
    scope.setVariable(REMOVE_FAILURE_REASON, reason);
  }
}
