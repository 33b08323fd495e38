package io.recontact.cint.recontact;

import io.recontact.cint.CintErrors;
import io.recontact.cint.CintJobCheck.Outcome;
import io.recontact.cint.CintJobCheck;
import io.recontact.cint.client.CintClient;
import io.recontact.cint.client.CintModel.LaunchJob;
import io.recontact.metrics.RecontactMetrics;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/** Reads the launch job: {@code launchJobStatus} PROCESSING, COMPLETED, FAILED or DEADLINE. */
@Component("checkLaunchJob")
class CheckLaunchJob implements JavaDelegate {

  private static final Logger LOG = LoggerFactory.getLogger(CheckLaunchJob.class);
  static final CintJobCheck.Loop LOOP = new CintJobCheck.Loop("launch", RecontactMetrics.LAUNCH,
      RecontactVariables.LAUNCH_FAILURE_REASON);

  private final CintClient cint;
  private final CintJobCheck check;

  CheckLaunchJob(CintClient cint, CintJobCheck check) {
    this.cint = cint;
    this.check = check;
  }

  @Override
  public void execute(DelegateExecution execution) {
    RecontactVariables vars = new RecontactVariables(execution);
    String jobId = vars.launchJobId();
    LaunchJob job = CintErrors.call("Check launch job", () -> cint.getLaunchJob(vars.targetGroup(), jobId));
    Outcome outcome = check.outcome(execution, LOOP, "Cint launch job " + jobId, job.status(), job.failureReason());
    if (outcome == Outcome.COMPLETED) {
      vars.fieldingRunId(job.createdFieldingRunId());
    } else if (outcome == Outcome.FAILED) {
      // A new attempt needs a new idempotency-key: the old one would return this failed job again.
      vars.launchAttempt(vars.launchAttempt() + 1);
    }
    String status = outcome.name();
    vars.launchJobStatus(status);
    if (outcome != Outcome.PROCESSING) {
      LOG.info("Cint launch job {}: {}{}", jobId, status, outcome == Outcome.COMPLETED
          ? " (fielding run " + job.createdFieldingRunId() + ")" : ": " + vars.launchFailureReason());
      check.finished(execution, LOOP, status);
    }
  }
}
