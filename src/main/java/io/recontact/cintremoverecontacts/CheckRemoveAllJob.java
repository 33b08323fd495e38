package io.recontact.cintremoverecontacts;

import io.recontact.cint.client.CintClient;
import io.recontact.cint.client.CintModel.RecontactJob;
import io.recontact.cint.process.CintStep;
import io.recontact.process.JobPolling;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * Reads the remove-all job ({@code removeJobStatus} PROCESSING, COMPLETED, FAILED or DEADLINE). When it completed,
 * Cint's overview must say 0; anything else is a problem a person must see. Without a job (Cint counted no saved
 * IDs when the removal started) the overview alone decides.
 */
@Component("checkRemoveAllJob")
class CheckRemoveAllJob implements JavaDelegate {

  private final CintClient cint;
  private final JobPolling polling;

  CheckRemoveAllJob(CintClient cint, JobPolling polling) {
    this.cint = cint;
    this.polling = polling;
  }

  @Override
  public void execute(DelegateExecution execution) {
    String jobId = (String) execution.getVariable("removeJobId");
    RecontactJob job = jobId == null ? null : CintStep.call("Check remove-all job",
        () -> cint.getRemoveAllJob(CintStep.targetGroup(execution), jobId));
    if (job == null) {
      int left = CintStep.call("Check remove-all job",
          () -> cint.savedRespondentIdsCount(CintStep.targetGroup(execution)));
      execution.setVariable("savedCount", left);
      execution.setVariable("removeJobStatus", left == 0 ? "COMPLETED" : "FAILED");
      if (left != 0) {
        execution.setVariable("removeFailureReason", "Cint counted no saved respondent IDs when the removal "
            + "started, and " + left + " now: another upload ran meanwhile");
      }
      return;
    }
    String status;
    switch (job.status()) {
      case COMPLETED -> {
        int left = CintStep.call("Check remove-all job",
            () -> cint.savedRespondentIdsCount(CintStep.targetGroup(execution)));
        execution.setVariable("savedCount", left);
        if (left == 0) {
          status = "COMPLETED";
        } else {
          status = "FAILED";
          execution.setVariable("removeFailureReason", "Cint's remove-all job " + jobId + " completed, but the "
              + "overview still counts " + left + " saved respondent IDs");
        }
      }
      case FAILED -> {
        status = "FAILED";
        execution.setVariable("removeFailureReason", job.failureReason() == null ? "Cint gave no failure_reason"
            : job.failureReason().code() + ": " + job.failureReason().description());
      }
      default -> status = polling.notDoneYet(execution, "remove", "Cint remove-all job " + jobId, job.status(),
          "removeFailureReason");
    }
    execution.setVariable("removeJobStatus", status);
  }
}
