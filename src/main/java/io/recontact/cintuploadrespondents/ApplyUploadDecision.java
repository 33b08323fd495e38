package io.recontact.cintuploadrespondents;

import io.recontact.cint.client.CintClient;
import io.recontact.cint.process.CintStep;
import io.recontact.cint.process.RecontactVariables;
import io.recontact.cint.process.UploadBatches;
import io.recontact.process.JobPolling;
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
    String decision = (String) execution.getVariable("uploadDecision");
    switch (decision) {
      case "resubmit" -> {
        if ("DEADLINE".equals(execution.getVariable("uploadJobStatus"))) {
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
    execution.setVariable("nextBatchId", batches.nextPlanned(runKey).map(UploadBatches.Batch::id).orElse(null));
    UploadRun.summarise(execution, batches);
  }

  private void updateGoalIfLowered(DelegateExecution execution) {
    int goal = ((Number) execution.getVariable("completesGoal")).intValue();
    Object atCint = execution.getVariable("cintCompletesGoal");
    if (atCint != null && goal == ((Number) atCint).intValue()) {
      return;
    }
    if (!execution.hasVariable(RecontactVariables.REQUEST)) {
      // A replacement has no draft request to rewrite (the group may be live): the goal stays a local decision.
      execution.setVariable("goalNote", "completes goal " + goal + " was not written to Cint: change it in Cint");
      return;
    }
    String reference = RecontactVariables.customerReference(execution.getProcessBusinessKey());
    CintStep.call("Update completes goal", () -> {
      cint.updateDraftTargetGroup(CintStep.targetGroup(execution),
          RecontactVariables.request(execution).toDraft(reference, goal));
      return null;
    });
    execution.setVariable("cintCompletesGoal", goal);
  }
}
