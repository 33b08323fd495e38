package io.recontact.cint.uploadrespondents;

import io.recontact.cint.CintErrors;
import io.recontact.cint.client.CintClient;
import io.recontact.cint.client.CintJobRates;
import io.recontact.cint.client.CintModel.UploadJobSummary;
import io.recontact.cint.client.TargetGroupRef;
import io.recontact.cint.uploadrespondents.UploadBatches.Batch;
import io.recontact.cint.uploadrespondents.UploadBatches.Kind;
import io.recontact.engine.JobPolling;
import io.recontact.governance.ContactHistory;
import io.recontact.metrics.OnCommit;
import io.recontact.metrics.RecontactMetrics;
import java.time.Instant;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Sends the next planned batch as an upload-by-file job. Exactly once: a batch that already has a job keeps it, and
 * before uploading, Cint's job list is searched for the batch's file name, which covers a crash between Cint's
 * answer and our commit. A 409 (another job still runs) is the modelled error {@code CINT_CONFLICT}.
 */
@Component("startUploadJob")
class StartUploadJob implements JavaDelegate {

  private static final Logger LOG = LoggerFactory.getLogger(StartUploadJob.class);

  private final CintClient cint;
  private final UploadBatches batches;
  private final JobPolling polling;
  private final CintJobRates rates;
  private final RecontactMetrics metrics;
  private final ContactHistory contacts;

  StartUploadJob(CintClient cint, UploadBatches batches, JobPolling polling, CintJobRates rates,
      RecontactMetrics metrics, ContactHistory contacts) {
    this.cint = cint;
    this.batches = batches;
    this.polling = polling;
    this.rates = rates;
    this.metrics = metrics;
    this.contacts = contacts;
  }

  @Override
  public void execute(DelegateExecution execution) {
    UploadVariables vars = new UploadVariables(execution);
    long batchId = vars.nextBatchId();
    Batch batch = batches.get(batchId);
    TargetGroupRef tg = vars.targetGroup();
    String jobId = batch.cintJobId();
    Instant sent = Instant.now();
    if (jobId == null) {
      jobId = CintErrors.call("Start upload job", () -> cint.listUploadJobs(tg)).stream()
          .filter(job -> batch.fileName().equals(job.fileName()))
          .map(UploadJobSummary::jobId)
          .findFirst()
          .orElseGet(() -> CintErrors.conflictAware("Start upload job", () -> cint.createUploadJob(tg,
              vars.entityType(), batch.fileName(),
              batches.render(batchId))));
      // Cint's job runs from here; the contact history below takes seconds for a large file.
      sent = Instant.now();
      batches.markSent(batchId, jobId);
      if (batch.kind() == Kind.INITIAL) {
        // The contact history, in the transaction that commits the job id. A resubmission sends again IDs Cint did
        // not save from an initial batch: the same contact, already recorded.
        contacts.recordUpload(batchId, tg.targetGroupId(), execution.getProcessBusinessKey(),
            batches.ids(batchId));
      }
      LOG.info("Cint upload job {} started for batch {} ({} IDs, file {})", jobId, batchId, batch.idCount(),
          batch.fileName());
      // Counted once the batch's job id is committed: an attempt that rolls back adopts the job the next time.
      OnCommit.run(() -> metrics.cintJobStarted(RecontactMetrics.UPLOAD));
    }
    vars.uploadJob(batchId, jobId);
    polling.start(execution, "upload", rates.upload(batch.idCount()), sent);
  }
}
