package io.recontact.cintrecontact;

import io.recontact.cint.client.CintClient;
import io.recontact.cint.client.CintModel.LaunchJob;
import io.recontact.cint.process.CintStep;
import io.recontact.metrics.OnCommit;
import io.recontact.metrics.RecontactMetrics;
import io.recontact.process.JobPolling;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/** Reads the launch job: {@code launchJobStatus} PROCESSING, COMPLETED, FAILED or DEADLINE. */
@Component("checkLaunchJob")
class CheckLaunchJob implements JavaDelegate {

  private static final Logger LOG = LoggerFactory.getLogger(CheckLaunchJob.class);

  private final CintClient cint;
  private final JobPolling polling;
  private final RecontactMetrics metrics;

  CheckLaunchJob(CintClient cint, JobPolling polling, RecontactMetrics metrics) {
    this.cint = cint;
    this.polling = polling;
    this.metrics = metrics;
  }

  @Override
  public void execute(DelegateExecution execution) {
    String jobId = (String) execution.getVariable("launchJobId");
    LaunchJob job = CintStep.call("Check launch job", () -> cint.getLaunchJob(CintStep.targetGroup(execution), jobId));
    var running = polling.running(execution, "launch");
    int checks = polling.checks(execution, "launch");
    String status;
    switch (job.status()) {
      case COMPLETED -> {
        status = "COMPLETED";
        execution.setVariable("fieldingRunId", job.createdFieldingRunId());
      }
      case FAILED -> {
        status = "FAILED";
        execution.setVariable("launchFailureReason", job.failureReason() == null ? "Cint gave no failure_reason"
            : job.failureReason().code() + ": " + job.failureReason().description());
        // A new attempt needs a new idempotency-key: the old one would return this failed job again.
        execution.setVariable("launchAttempt", ((Number) execution.getVariable("launchAttempt")).intValue() + 1);
      }
      default -> status = polling.notDoneYet(execution, "launch", "Cint launch job " + jobId, job.status(),
          "launchFailureReason");
    }
    execution.setVariable("launchJobStatus", status);
    if (!"PROCESSING".equals(status)) {
      LOG.info("Cint launch job {}: {}{}", jobId, status, "COMPLETED".equals(status)
          ? " (fielding run " + job.createdFieldingRunId() + ")" : ": " + execution.getVariable("launchFailureReason"));
      OnCommit.run(() -> metrics.cintJobFinished(RecontactMetrics.LAUNCH, status, running, checks));
    }
  }
}
