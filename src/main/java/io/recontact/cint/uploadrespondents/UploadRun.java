package io.recontact.cint.uploadrespondents;

import io.recontact.cint.uploadrespondents.UploadBatches.Batch;
import io.recontact.cint.uploadrespondents.UploadBatches.Kind;
import java.util.List;
import org.camunda.bpm.engine.delegate.DelegateExecution;

/** Variables of one upload run: references and counts only, never IDs. */
final class UploadRun {

  private UploadRun() {
  }

  /** Batch file names start with the business key, so Cint's job list shows whose files they are. */
  static String filePrefix(DelegateExecution execution) {
    String key = execution.getProcessBusinessKey();
    String base = key == null || key.isBlank() ? execution.getProcessInstanceId() : key;
    return base.replaceAll("[^A-Za-z0-9._-]", "_");
  }

  /** Counts for forms, the status API and the final variables. */
  static void summarise(DelegateExecution execution, UploadBatches batches) {
    List<Batch> all = batches.all(execution.getProcessInstanceId());
    int batchCount = (int) all.stream().filter(b -> b.kind() != Kind.OVER_CAPACITY).count();
    int overCapacity = all.stream().filter(b -> b.kind() == Kind.OVER_CAPACITY).mapToInt(Batch::idCount).sum();
    // Distinct IDs: a resubmission sends again IDs an initial batch sent, so only initial batches count.
    int sentIds = all.stream().filter(b -> b.kind() == Kind.INITIAL && b.cintJobId() != null)
        .mapToInt(Batch::idCount).sum();
    int jobCount = (int) all.stream().filter(b -> b.cintJobId() != null).count();
    StringBuilder jobs = new StringBuilder();
    for (Batch batch : all) {
      if (batch.cintJobId() != null) {
        jobs.append(batch.fileName()).append(": ").append(batch.cintJobId()).append(' ').append(batch.status())
            .append(batch.detail() == null ? "" : " (" + batch.detail() + ")").append('\n');
      }
    }
    new UploadVariables(execution).runCounts(batchCount, overCapacity, sentIds, jobCount,
        io.recontact.engine.Text.fitVariable(jobs.toString().strip()));
  }
}
