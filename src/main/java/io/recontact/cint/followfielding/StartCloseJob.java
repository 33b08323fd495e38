package io.recontact.cint.followfielding;

import io.recontact.cint.CintErrors;
import io.recontact.cint.client.CintClient;
import io.recontact.engine.JobPolling;
import io.recontact.metrics.OnCommit;
import io.recontact.metrics.RecontactMetrics;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * A person chose closeNow: starts Cint's batch job complete-fielding-runs-by-target-group-id for this target group.
 * The Idempotency-Key is the instance and the close attempt, so a retry of this task gets the same job and a new
 * attempt (after a failed job) a new one.
 */
@Component("startCloseJob")
class StartCloseJob implements JavaDelegate {

  private static final Logger LOG = LoggerFactory.getLogger(StartCloseJob.class);
  static final String LOOP = "close";

  private final CintClient cint;
  private final JobPolling polling;
  private final RecontactMetrics metrics;

  StartCloseJob(CintClient cint, JobPolling polling, RecontactMetrics metrics) {
    this.cint = cint;
    this.polling = polling;
    this.metrics = metrics;
  }

  @Override
  public void execute(DelegateExecution execution) {
    FollowFieldingVariables vars = new FollowFieldingVariables(execution);
    int attempt = vars.closeAttempt() + 1;
    String key = execution.getProcessInstanceId() + "-close-" + attempt;
    String jobId = CintErrors.call("Start close job", () -> cint.createCompleteJob(vars.targetGroup(), key));
    vars.closeAttempt(attempt);
    vars.closeJobId(jobId);
    LOG.info("Cint complete job {} started for target group {} (attempt {})", jobId, vars.targetGroupId(), attempt);
    polling.start(execution, LOOP);
    OnCommit.run(() -> metrics.cintJobStarted(CheckCloseJob.METRIC_KIND));
  }
}
