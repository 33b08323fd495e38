package io.recontact.cint.uploadrespondents;

import io.recontact.cint.client.CintClient;
import io.recontact.cint.CintErrors;
import io.recontact.cint.recontact.RecontactVariables;
import io.recontact.engine.JobPolling;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * Carries out the person's {@code uploadDecision}: {@code resubmit} queues only the failed IDs (or, for a job past
 * its deadline, keeps waiting), {@code accept} drops them and writes a lowered {@code completesGoal} to the draft,
 * {@code abort} drops them. The diagram then routes on the decision.
 */
@Component("applyUploadDecision")
class ApplyUploadDecision implements JavaDelegate {

  private final CintClient cint;
  private final UploadBatches batches;
  private final JobPolling polling;

  ApplyUploadDecision(CintClient cint, UploadBatches batches, JobPolling polling) {
    this.cint = cint;
    this.batches = batches;
    this.polling = polling;
  }

  @Override
  public void execute(DelegateExecution execution) {
    String runKey = execution.getProcessInstanceId();
    UploadVariables vars = new UploadVariables(execution);
    String decision = vars.uploadDecision();
    switch (decision) {
      case "resubmit" -> {
        if (vars.pastDeadline()) {
          polling.start(execution, "upload");
        }
        batches.acceptProposals(runKey);
      }
      case "accept" -> {
        batches.discardProposals(runKey);
        updateGoalIfLowered(execution);
      }
      case "abort" -> batches.discardProposals(runKey);
      default -> throw new IllegalStateException("uploadDecision must be resubmit, accept or abort, not " + decision);
    }
    vars.nextBatchId(batches.nextPlanned(runKey).map(UploadBatches.Batch::id).orElse(null));
    UploadRun.summarise(execution, batches);
  }

  private void updateGoalIfLowered(DelegateExecution execution) {
    RecontactVariables vars = new RecontactVariables(execution);
    int goal = vars.completesGoal();
    Integer atCint = vars.cintCompletesGoal();
    if (atCint != null && goal == atCint) {
      return;
    }
    if (!vars.hasRequest()) {
      // A replacement has no draft request to rewrite (the group may be live): the goal stays a local decision.
      new UploadVariables(execution).goalNote("completes goal " + goal + " was not written to Cint: change it in Cint");
      return;
    }
    String reference = RecontactVariables.customerReference(execution.getProcessBusinessKey());
    CintErrors.call("Update completes goal", () -> {
      cint.updateDraftTargetGroup(vars.targetGroup(),
          RecontactVariables.request(execution).toDraft(reference, goal));
      return null;
    });
    vars.cintCompletesGoal(goal);
  }
}
