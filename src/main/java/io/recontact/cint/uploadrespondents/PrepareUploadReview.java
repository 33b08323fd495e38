package io.recontact.cint.uploadrespondents;

import io.recontact.cint.CintErrors;
import io.recontact.cint.client.CintClient;
import io.recontact.cint.client.TargetGroupRef;
import io.recontact.cint.uploadrespondents.UploadBatches.Batch;
import io.recontact.cint.uploadrespondents.UploadBatches.Status;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * Describes the latest upload job for the review: its IDs, how many Cint saved, its failure reason, and the IDs of
 * it Cint did not save, each once. Cint reports only counts, so the job's IDs are compared with the RSIDs Cint lists
 * as eligible for recontact; those not saved are proposed as a resubmission, the person decides. RIDs cannot be
 * compared (Cint maps them to RSIDs internally), so for them only counts are shown. A line for the whole run counts
 * each ID once however often it was sent.
 */
@Component("prepareUploadReview")
class PrepareUploadReview implements JavaDelegate {

  private final CintClient cint;
  private final UploadBatches batches;

  PrepareUploadReview(CintClient cint, UploadBatches batches) {
    this.cint = cint;
    this.batches = batches;
  }

  @Override
  public void execute(DelegateExecution execution) {
    UploadVariables vars = new UploadVariables(execution);
    TargetGroupRef tg = vars.targetGroup();
    String runKey = execution.getProcessInstanceId();
    boolean respondentIds = vars.entityType().isRespondentId();
    String jobStatus = vars.uploadJobStatus();
    Long batchId = vars.uploadBatchId();
    Batch latest = batchId == null ? null : batches.get(batchId);
    Set<String> notSaved = new LinkedHashSet<>();
    Integer jobSaved = null;
    Integer runNotSaved = null;
    int saved;
    if (respondentIds && !"DEADLINE".equals(jobStatus)) {
      Set<String> eligible = new HashSet<>();
      CintErrors.call("Prepare upload review", () -> {
        cint.forEachEligibleRsidPage(tg, eligible::addAll);
        return null;
      });
      // One pass over what the run sent: the latest job's missing IDs, and the run's, each ID once.
      Set<String> runMissing = new HashSet<>();
      for (Batch batch : batches.all(runKey)) {
        if (batch.cintJobId() == null) {
          continue;
        }
        boolean isLatest = latest != null && batch.id() == latest.id();
        batches.forEachId(batch.id(), id -> {
          if (!eligible.contains(id)) {
            runMissing.add(id);
            if (isLatest) {
              notSaved.add(id);
            }
          }
        });
      }
      jobSaved = latest == null ? null : latest.idCount() - notSaved.size();
      runNotSaved = runMissing.size();
      saved = eligible.size();
    } else {
      saved = CintErrors.call("Prepare upload review", () -> cint.savedRespondentIdsCount(tg));
    }
    List<String> proposed = new ArrayList<>(notSaved);
    batches.propose(runKey, UploadRun.filePrefix(execution), proposed);
    UploadRun.summarise(execution, batches);
    vars.savedCount(saved);
    vars.reviewFigures(latest == null ? null : latest.idCount(), jobSaved, proposed.size(),
        FailedIdsController.failedIdsPath(runKey), respondentIds);
    // The latest job's own texts: an earlier job's description must not stand beside this job's failure.
    vars.cintDescription(latest != null && latest.status() == Status.PARTIAL ? latest.detail() : null);
    if (latest != null && latest.status() != Status.FAILED && !"DEADLINE".equals(jobStatus)) {
      vars.failureReason(null);
    }
    vars.review(reason(vars, jobStatus, saved, latest, jobSaved), runSummary(vars, saved, runNotSaved));
    vars.clearUploadDecision();
  }

  private static String reason(UploadVariables vars, String jobStatus, int saved, Batch latest,
      Integer jobSaved) {
    int goal = vars.completesGoal();
    String job = latest == null ? "The upload job" : "Upload job " + latest.cintJobId() + " (" + latest.idCount()
        + " IDs, file " + latest.fileName() + ")";
    String outcome = jobSaved == null ? "" : " Cint saved " + jobSaved + " of its " + latest.idCount()
        + " IDs and did not save " + (latest.idCount() - jobSaved) + ".";
    String refused = jobSaved == null || jobSaved == latest.idCount() ? "" : " The IDs not saved passed our file "
        + "check (well-formed, no blanks), so Cint refused them: they are not among the respondent IDs Cint lists "
        + "as eligible for recontact on this target group.";
    return switch (jobStatus == null ? "" : jobStatus) {
      case "PARTIAL" -> job + " completed with Cint's partial_success_reason." + outcome + refused;
      case "FAILED" -> job + " failed. Cint's failure_reason: " + vars.failureReason() + outcome
          + refused;
      case "DEADLINE" -> vars.failureReason()
          + ". 'resubmit' keeps waiting for it; 'accept' goes on with what is saved.";
      default -> "Cint has " + saved + " saved respondent IDs, fewer than the completes goal of " + goal
          + ". Lower the goal to at most " + saved + " and accept, or abort.";
    };
  }

  /** The whole run, every ID counted once: resubmitted IDs are a subset of the IDs sent before. */
  private static String runSummary(UploadVariables vars, int saved, Integer runNotSaved) {
    return "This run so far: " + vars.sentIdCount() + " distinct IDs sent in "
        + vars.uploadJobCount() + " upload job(s); Cint holds " + saved + " respondent IDs for "
        + "the target group" + (runNotSaved == null ? "." : "; " + runNotSaved + " of the IDs sent are not saved.");
  }
}
