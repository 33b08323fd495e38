package io.recontact.cint.followfielding;

import io.recontact.cint.CintErrors;
import io.recontact.cint.CintJobCheck;
import io.recontact.cint.CintJobCheck.Outcome;
import io.recontact.cint.client.CintClient;
import io.recontact.cint.client.CintModel.BulkCompleteJob;
import io.recontact.cint.client.CintModel.FailureReason;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Reads the complete job through the shared job check ({@code closeJobStatus} PROCESSING, COMPLETED, FAILED or
 * DEADLINE). A job that completed but lists this target group as failed is FAILED with Cint's reason. Once
 * completed, a last reading gives the end variables their final figures.
 */
@Component("checkCloseJob")
class CheckCloseJob implements JavaDelegate {

  private static final Logger LOG = LoggerFactory.getLogger(CheckCloseJob.class);
  static final String METRIC_KIND = "complete_fielding";
  static final CintJobCheck.Loop LOOP = new CintJobCheck.Loop(StartCloseJob.LOOP, METRIC_KIND,
      FollowFieldingVariables.CLOSE_FAILURE_REASON);

  private final CintClient cint;
  private final CintJobCheck check;
  private final ReadFielding reader;
  private final FieldingFollows follows;

  CheckCloseJob(CintClient cint, CintJobCheck check, ReadFielding reader, FieldingFollows follows) {
    this.cint = cint;
    this.check = check;
    this.reader = reader;
    this.follows = follows;
  }

  @Override
  public void execute(DelegateExecution execution) {
    FollowFieldingVariables vars = new FollowFieldingVariables(execution);
    String jobId = vars.closeJobId();
    BulkCompleteJob job = CintErrors.call("Check close job", () -> cint.getCompleteJob(vars.targetGroup(), jobId));
    FailureReason failed = job.failureOf(vars.targetGroupId());
    Outcome outcome = check.outcome(execution, LOOP, "Cint complete job " + jobId, job.status(), failed);
    if (outcome == Outcome.COMPLETED && failed != null) {
      execution.setVariable(FollowFieldingVariables.CLOSE_FAILURE_REASON, CintJobCheck.reason(failed));
      outcome = Outcome.FAILED;
    }
    vars.closeJobStatus(outcome.name());
    if (outcome == Outcome.COMPLETED) {
      FieldingReading last = reader.read(vars.targetGroup(), "close");
      follows.add(last);
      vars.reading(last);
    }
    if (outcome != Outcome.PROCESSING) {
      LOG.info("Cint complete job {}: {}", jobId, outcome);
      check.finished(execution, LOOP, outcome.name());
    }
  }
}
