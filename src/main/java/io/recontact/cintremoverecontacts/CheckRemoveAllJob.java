package io.recontact.cintremoverecontacts;

import io.recontact.cint.client.CintClient;
import io.recontact.cint.client.CintModel.RecontactJob;
import io.recontact.cint.process.CintStep;
import io.recontact.metrics.OnCommit;
import io.recontact.metrics.RecontactMetrics;
import io.recontact.process.JobPolling;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Reads the remove-all job ({@code removeJobStatus} PROCESSING, COMPLETED, FAILED or DEADLINE). When it completed,
 * Cint's overview must say 0; anything else is a problem a person must see. Without a job (Cint counted no saved
 * IDs when the removal started) the overview alone decides.
 */
@Component("checkRemoveAllJob")
class CheckRemoveAllJob implements JavaDelegate {

  private static final Logger LOG = LoggerFactory.getLogger(CheckRemoveAllJob.class);

  private final CintClient cint;
  private final JobPolling polling;
  private final RecontactMetrics metrics;

  CheckRemoveAllJob(CintClient cint, JobPolling polling, RecontactMetrics metrics) {
    this.cint = cint;
    this.polling = polling;
    this.metrics = metrics;
  }

  @Override
  public void execute(DelegateExecution execution) {
    String jobId = (String) execution.getVariable("removeJobId");
    if (jobId == null) {
      execution.setVariable("removeJobStatus", emptyOrFailed(execution, "Cint counted no saved respondent IDs when "
          + "the removal started, but"));
      return;
    }
    RecontactJob job = CintStep.call("Check remove-all job",
        () -> cint.getRemoveAllJob(CintStep.targetGroup(execution), jobId));
    var running = polling.running(execution, "remove");
    int checks = polling.checks(execution, "remove");
    String status = switch (job.status()) {
      case COMPLETED -> emptyOrFailed(execution, "Cint's remove-all job " + jobId + " completed, but");
      case FAILED -> {
        execution.setVariable("removeFailureReason", job.failureReason() == null ? "Cint gave no failure_reason"
            : job.failureReason().code() + ": " + job.failureReason().description());
        yield "FAILED";
      }
      default -> polling.notDoneYet(execution, "remove", "Cint remove-all job " + jobId, job.status(),
          "removeFailureReason");
    };
    execution.setVariable("removeJobStatus", status);
    if (!"PROCESSING".equals(status)) {
      LOG.info("Cint remove-all job {}: {}{}", jobId, status,
          "COMPLETED".equals(status) ? "" : ": " + execution.getVariable("removeFailureReason"));
      OnCommit.run(() -> metrics.cintJobFinished(RecontactMetrics.REMOVE_ALL, status, running, checks));
    }
  }

  /** COMPLETED when Cint's overview counts no saved IDs; otherwise FAILED with a reason a person can act on. */
  private String emptyOrFailed(DelegateExecution execution, String what) {
    int left = CintStep.call("Check remove-all job",
        () -> cint.savedRespondentIdsCount(CintStep.targetGroup(execution)));
    execution.setVariable("savedCount", left);
    if (left == 0) {
      return "COMPLETED";
    }
    execution.setVariable("removeFailureReason", what + " the overview still counts " + left
        + " saved respondent IDs");
    return "FAILED";
  }
}
