package io.recontact.cint.removerecontacts;

import io.recontact.cint.CintErrors;
import io.recontact.cint.CintJobCheck.Outcome;
import io.recontact.cint.CintJobCheck;
import io.recontact.cint.client.CintClient;
import io.recontact.cint.client.CintModel.RecontactJob;
import io.recontact.metrics.RecontactMetrics;
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
  static final CintJobCheck.Loop LOOP = new CintJobCheck.Loop("remove", RecontactMetrics.REMOVE_ALL,
      RemovalVariables.REMOVE_FAILURE_REASON);

  private final CintClient cint;
  private final CintJobCheck check;

  CheckRemoveAllJob(CintClient cint, CintJobCheck check) {
    this.cint = cint;
    this.check = check;
  }

  @Override
  public void execute(DelegateExecution execution) {
    RemovalVariables vars = new RemovalVariables(execution);
    String jobId = vars.removeJobId();
    if (jobId == null) {
      vars.removeJobStatus(emptyOrFailed(vars, "Cint counted no saved respondent IDs when the removal started, "
          + "but"));
      return;
    }
    RecontactJob job = CintErrors.call("Check remove-all job",
        () -> cint.getRemoveAllJob(vars.targetGroup(), jobId));
    Outcome outcome = check.outcome(execution, LOOP, "Cint remove-all job " + jobId, job.status(),
        job.failureReason());
    String status = outcome == Outcome.COMPLETED
        ? emptyOrFailed(vars, "Cint's remove-all job " + jobId + " completed, but") : outcome.name();
    vars.removeJobStatus(status);
    if (outcome != Outcome.PROCESSING) {
      LOG.info("Cint remove-all job {}: {}{}", jobId, status,
          "COMPLETED".equals(status) ? "" : ": " + vars.removeFailureReason());
      check.finished(execution, LOOP, status);
    }
  }

  /** COMPLETED when Cint's overview counts no saved IDs; otherwise FAILED with a reason a person can act on. */
  private String emptyOrFailed(RemovalVariables vars, String what) {
    int left = CintErrors.call("Check remove-all job", () -> cint.savedRespondentIdsCount(vars.targetGroup()));
    vars.savedCount(left);
    if (left == 0) {
      return Outcome.COMPLETED.name();
    }
    vars.removeFailureReason(what + " the overview still counts " + left + " saved respondent IDs");
    return Outcome.FAILED.name();
  }
}
