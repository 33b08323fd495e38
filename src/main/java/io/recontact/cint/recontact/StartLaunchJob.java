package io.recontact.cint.recontact;

import io.recontact.cint.CintErrors;
import io.recontact.cint.client.CintClient;
import io.recontact.engine.JobPolling;
import io.recontact.metrics.OnCommit;
import io.recontact.metrics.RecontactMetrics;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Starts the launch-from-draft job. The {@code idempotency-key} is derived from the instance and the launch attempt,
 * so a technical retry gets the same job back; only a person's "retry" after a failed launch moves to a new key.
 */
@Component("startLaunchJob")
class StartLaunchJob implements JavaDelegate {

  private static final Logger LOG = LoggerFactory.getLogger(StartLaunchJob.class);

  private final CintClient cint;
  private final JobPolling polling;
  private final RecontactMetrics metrics;

  StartLaunchJob(CintClient cint, JobPolling polling, RecontactMetrics metrics) {
    this.cint = cint;
    this.polling = polling;
    this.metrics = metrics;
  }

  @Override
  public void execute(DelegateExecution execution) {
    RecontactVariables vars = new RecontactVariables(execution);
    int launchAttempt = vars.launchAttempt();
    String key = UUID.nameUUIDFromBytes((execution.getProcessInstanceId() + ":launch:" + launchAttempt)
        .getBytes(StandardCharsets.UTF_8)).toString();
    RecontactRequest request = RecontactVariables.request(execution);
    String jobId = CintErrors.modelled("Start launch job", () -> cint.createLaunchJob(vars.targetGroup(),
        key, RecontactRequest.instant(request.endFieldingAt())));
    vars.launchAttempt(launchAttempt);
    vars.launchJobId(jobId);
    LOG.info("Cint launch job {} started (attempt {})", jobId, launchAttempt);
    polling.start(execution, "launch");
    OnCommit.run(() -> metrics.cintJobStarted(RecontactMetrics.LAUNCH));
  }
}
