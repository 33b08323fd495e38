package io.recontact.cintuploadrespondents;

import io.recontact.cint.client.CintClient;
import io.recontact.cint.client.CintModel.RecontactJob;
import io.recontact.cint.process.CintStep;
import io.recontact.cintuploadrespondents.UploadBatches.Status;
import io.recontact.metrics.OnCommit;
import io.recontact.metrics.RecontactMetrics;
import io.recontact.process.JobPolling;
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

  private final CintClient cint;
  private final UploadBatches batches;
  private final JobPolling polling;
  private final RecontactMetrics metrics;

  CheckUploadJob(CintClient cint, UploadBatches batches, JobPolling polling, RecontactMetrics metrics) {
    this.cint = cint;
    this.batches = batches;
    this.polling = polling;
    this.metrics = metrics;
  }

  @Override
  public void execute(DelegateExecution execution) {
    String jobId = (String) execution.getVariable("uploadJobId");
    long batchId = ((Number) execution.getVariable("uploadBatchId")).longValue();
    RecontactJob job = CintStep.call("Check upload job",
        () -> cint.getUploadJob(CintStep.targetGroup(execution), jobId));
    String status;
    switch (job.status()) {
      case COMPLETED -> {
        if (job.partialSuccessReason() != null) {
          status = "PARTIAL";
          execution.setVariable("cintDescription", job.partialSuccessReason().description());
          execution.setVariable("failureReason", null);
          batches.markOutcome(batchId, Status.PARTIAL, job.partialSuccessReason().description());
        } else {
          status = "COMPLETED";
          batches.markOutcome(batchId, Status.COMPLETED, null);
        }
      }
      case FAILED -> {
        status = "FAILED";
        String reason = job.failureReason() == null ? "Cint gave no failure_reason"
            : job.failureReason().code() + ": " + job.failureReason().description();
        execution.setVariable("failureReason", reason);
        execution.setVariable("cintDescription", null);
        batches.markOutcome(batchId, Status.FAILED, reason);
      }
      default -> status = polling.notDoneYet(execution, "upload", "Cint upload job " + jobId, job.status(),
          "failureReason");
    }
    execution.setVariable("uploadJobStatus", status);
    if (!"PROCESSING".equals(status)) {
      LOG.info("Cint upload job {} of batch {}: {}", jobId, batchId, status);
    }
    count(execution, batchId, status);
    UploadRun.summarise(execution, batches);
    if ("COMPLETED".equals(status)) {
      execution.setVariable("nextBatchId", batches.nextPlanned(execution.getProcessInstanceId())
          .map(UploadBatches.Batch::id).orElse(null));
    }
  }

  private void count(DelegateExecution execution, long batchId, String status) {
    if ("PROCESSING".equals(status)) {
      return;
    }
    var running = polling.running(execution, "upload");
    int checks = polling.checks(execution, "upload");
    int ids = batches.get(batchId).idCount();
    OnCommit.run(() -> {
      metrics.cintJobFinished(RecontactMetrics.UPLOAD, status, running, checks);
      if ("COMPLETED".equals(status) || "PARTIAL".equals(status)) {
        metrics.respondentIdsUploaded(ids, "PARTIAL".equals(status));
      }
    });
  }
}
