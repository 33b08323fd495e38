package io.recontact.dataretention;

import io.recontact.metrics.OnCommit;
import io.recontact.metrics.RecontactMetrics;
import java.time.Instant;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * One chunk of the current kind ({@link RetainedKind}) per job: the loop in the diagram comes back here (after an
 * async boundary, so each chunk commits on its own) until every kind reports nothing more.
 */
@Component("removeRetainedRows")
class RemoveRetainedRows implements JavaDelegate {

  private final RetainedRows rows;
  private final RetentionProperties properties;
  private final RecontactMetrics metrics;

  RemoveRetainedRows(RetainedRows rows, RetentionProperties properties, RecontactMetrics metrics) {
    this.rows = rows;
    this.properties = properties;
    this.metrics = metrics;
  }

  @Override
  public void execute(DelegateExecution execution) {
    RetentionVariables vars = new RetentionVariables(execution);
    RetainedKind kind = vars.kind();
    Instant cutoff = vars.cutoff();
    RetainedRows.Removed removed = switch (kind) {
      case RESPONDENT_FILES -> rows.respondentFiles(cutoff, vars.cursor(), properties.filesPerChunk());
      case UPLOAD_BATCH_IDS -> rows.uploadBatchIds(cutoff, vars.cursor(), properties.filesPerChunk());
      case QUOTA_MEMBERS -> rows.quotaMembers(cutoff, properties.chunkSize());
      case INVITE_BODIES -> rows.inviteBodies(cutoff, properties.chunkSize());
      case DONE -> new RetainedRows.Removed(0, 0, null, false);
    };
    vars.chunk(kind, removed);
    if (kind != RetainedKind.DONE) {
      OnCommit.run(() -> {
        metrics.retentionRemoved(kind.tag, removed.rows());
        if (kind == RetainedKind.RESPONDENT_FILES) {
          metrics.retentionRemoved("respondent_files", removed.items());
        }
      });
    }
  }
}
