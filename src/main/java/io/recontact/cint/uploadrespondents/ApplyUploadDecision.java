package io.recontact.cint.uploadrespondents;

import io.recontact.engine.JobPolling;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * Carries out the person's {@code uploadDecision}: {@code resubmit} queues only the failed IDs (or, for a job past
 * its deadline, keeps waiting), {@code accept} drops them and keeps the (possibly lowered) {@code completesGoal}
 * as the flow's output, {@code abort} drops them. The diagram then routes on the decision.
 */
@Component("applyUploadDecision")
class ApplyUploadDecision implements JavaDelegate {

  private final UploadBatches batches;
  private final JobPolling polling;

  ApplyUploadDecision(UploadBatches batches, JobPolling polling) {
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
        noteGoalWithoutDraft(execution);
      }
      case "abort" -> batches.discardProposals(runKey);
      default -> throw new IllegalStateException("uploadDecision must be resubmit, accept or abort, not " + decision);
    }
    vars.nextBatchId(batches.nextPlanned(runKey).map(UploadBatches.Batch::id).orElse(null));
    UploadRun.summarise(execution, batches);
  }

  /**
   * The accepted goal is this flow's output ({@code completesGoal}); the caller that owns a draft writes it there
   * (cintRecontact: UpdateCompletesGoal). A caller without a draft of its own (a replacement: the group may be
   * live) passes no {@code cintCompletesGoal}, so the person is told to change it in Cint.
   */
  private void noteGoalWithoutDraft(DelegateExecution execution) {
    UploadVariables vars = new UploadVariables(execution);
    if (vars.cintCompletesGoal() == null) {
      vars.goalNote("completes goal " + vars.completesGoal() + " was not written to Cint: change it in Cint");
    }
  }
}
