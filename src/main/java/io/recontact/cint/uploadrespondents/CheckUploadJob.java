package io.recontact.cint.uploadrespondents;

import io.recontact.cint.CintErrors;
import io.recontact.cint.CintJobCheck.Outcome;
import io.recontact.cint.CintJobCheck;
import io.recontact.cint.client.CintClient;
import io.recontact.cint.client.CintModel.RecontactJob;
import io.recontact.cint.uploadrespondents.UploadBatches.Status;
import io.recontact.metrics.OnCommit;
import io.recontact.metrics.RecontactMetrics;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Reads the upload job and sets {@code uploadJobStatus}: PROCESSING (poll again, backing off), COMPLETED (clean),
 * PARTIAL ({@code partial_success_reason}), FAILED, or DEADLINE (still processing after the polling deadline).
 */
@Component("checkUploadJob")
class CheckUploadJob implements JavaDelegate {

  private static final Logger LOG = LoggerFactory.getLogger(CheckUploadJob.class);
  static final CintJobCheck.Loop LOOP = new CintJobCheck.Loop("upload", RecontactMetrics.UPLOAD,
      UploadVariables.FAILURE_REASON);

  private final CintClient cint;
  private final UploadBatches batches;
  private final CintJobCheck check;
  private final RecontactMetrics metrics;

  CheckUploadJob(CintClient cint, UploadBatches batches, CintJobCheck check, RecontactMetrics metrics) {
    this.cint = cint;
    this.batches = batches;
    this.check = check;
    this.metrics = metrics;
  }

  @Override
  public void execute(DelegateExecution execution) {
    UploadVariables vars = new UploadVariables(execution);
    String jobId = vars.uploadJobId();
    long batchId = vars.uploadBatchId();
    RecontactJob job = CintErrors.call("Check upload job", () -> cint.getUploadJob(vars.targetGroup(), jobId));
    Outcome outcome = check.outcome(execution, LOOP, "Cint upload job " + jobId, job.status(), job.failureReason());
    String status = outcome.name();
    if (outcome == Outcome.COMPLETED && job.partialSuccessReason() != null) {
      status = "PARTIAL";
      vars.cintDescription(job.partialSuccessReason().description());
      vars.failureReason(null);
      batches.markOutcome(batchId, Status.PARTIAL, job.partialSuccessReason().description());
    } else if (outcome == Outcome.COMPLETED) {
      batches.markOutcome(batchId, Status.COMPLETED, null);
    } else if (outcome == Outcome.FAILED) {
      vars.cintDescription(null);
      batches.markOutcome(batchId, Status.FAILED, vars.failureReason());
    }
    vars.uploadJobStatus(status);
    if (outcome != Outcome.PROCESSING) {
      LOG.info("Cint upload job {} of batch {}: {}", jobId, batchId, status);
      count(execution, batchId, status);
    }
    UploadRun.summarise(execution, batches);
    if ("COMPLETED".equals(status)) {
      vars.nextBatchId(batches.nextPlanned(execution.getProcessInstanceId())
          .map(UploadBatches.Batch::id).orElse(null));
    }
  }

  private void count(DelegateExecution execution, long batchId, String status) {
    check.finished(execution, LOOP, status);
    if ("COMPLETED".equals(status) || "PARTIAL".equals(status)) {
      int ids = batches.get(batchId).idCount();
      OnCommit.run(() -> metrics.respondentIdsUploaded(ids, "PARTIAL".equals(status)));
    }
  }
}
