package io.recontact.cint.uploadrespondents;

import io.recontact.cint.CintErrors;
import io.recontact.cint.client.CintClient;
import java.util.List;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Cuts the accepted IDs into files Cint takes (below 5 MB, within the 100,000 cap). Planned once per run, as ranges
 * of the stored file.
 */
@Component("planUploadBatches")
class PlanUploadBatches implements JavaDelegate {

  private static final Logger LOG = LoggerFactory.getLogger(PlanUploadBatches.class);

  private final CintClient cint;
  private final UploadBatches batches;

  PlanUploadBatches(CintClient cint, UploadBatches batches) {
    this.cint = cint;
    this.batches = batches;
  }

  @Override
  public void execute(DelegateExecution execution) {
    String runKey = execution.getProcessInstanceId();
    UploadVariables vars = new UploadVariables(execution);
    if (!batches.isPlanned(runKey)) {
      int saved = CintErrors.call("Plan upload batches", () -> cint.savedRespondentIdsCount(vars.targetGroup()));
      long fileId = vars.respondentFileId();
      batches.plan(runKey, UploadRun.filePrefix(execution), fileId, Math.max(0, CintClient.MAX_RECONTACT_IDS - saved));
      List<UploadBatches.Batch> planned = batches.all(runKey);
      LOG.info("Upload of respondent file {} planned in {} batch(es) of {} IDs in all; Cint already saved {}", fileId,
          planned.size(), planned.stream().mapToInt(UploadBatches.Batch::idCount).sum(), saved);
    }
    UploadRun.summarise(execution, batches);
    vars.nextBatchId(batches.nextPlanned(runKey).map(UploadBatches.Batch::id).orElse(null));
  }
}
