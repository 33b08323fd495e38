package io.recontact.cintuploadrespondents;

import io.recontact.cint.client.CintClient;
import io.recontact.cint.client.CintModel.EntityType;
import io.recontact.cint.client.TargetGroupRef;
import io.recontact.cint.process.CintStep;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * Finds the IDs Cint did not save: Cint reports only counts, so what this run sent is compared with the eligible
 * RSID list. They are proposed as a resubmission; the person decides. RIDs cannot be compared (Cint maps them to
 * RSIDs internally), so for them only counts are shown.
 */
@Component("prepareUploadReview")
class PrepareUploadReview implements JavaDelegate {

  static final int EXAMPLES = 20;

  private final CintClient cint;
  private final UploadBatches batches;

  PrepareUploadReview(CintClient cint, UploadBatches batches) {
    this.cint = cint;
    this.batches = batches;
  }

  @Override
  public void execute(DelegateExecution execution) {
    TargetGroupRef tg = CintStep.targetGroup(execution);
    String runKey = execution.getProcessInstanceId();
    boolean respondentIds = EntityType.valueOf((String) execution.getVariable("entityType")).isRespondentId();
    String jobStatus = (String) execution.getVariable("uploadJobStatus");
    List<String> failed = new ArrayList<>();
    int saved;
    if (respondentIds && !"DEADLINE".equals(jobStatus)) {
      Set<String> eligible = new HashSet<>();
      CintStep.call("Prepare upload review", () -> {
        cint.forEachEligibleRsidPage(tg, eligible::addAll);
        return null;
      });
      batches.forEachSentId(runKey, id -> {
        if (!eligible.contains(id)) {
          failed.add(id);
        }
      });
      saved = eligible.size();
    } else {
      saved = CintStep.call("Prepare upload review", () -> cint.savedRespondentIdsCount(tg));
    }
    batches.propose(runKey, UploadRun.filePrefix(execution), failed);
    execution.setVariable("savedCount", saved);
    execution.setVariable("failedIdCount", failed.size());
    execution.setVariable("failedIdExamples", String.join("\n", failed.subList(0, Math.min(EXAMPLES,
        failed.size()))));
    execution.setVariable("failedIdsComparable", respondentIds);
    execution.setVariable("reviewReason", reason(execution, jobStatus, saved));
    execution.setVariable("uploadDecision", null);
    UploadRun.summarise(execution, batches);
  }

  private static String reason(DelegateExecution execution, String jobStatus, int saved) {
    Object goal = execution.getVariable("completesGoal");
    return switch (jobStatus == null ? "" : jobStatus) {
      case "PARTIAL" -> "Cint saved only part of the file: " + execution.getVariable("cintDescription");
      case "FAILED" -> "Cint's upload job failed: " + execution.getVariable("failureReason");
      case "DEADLINE" -> String.valueOf(execution.getVariable("failureReason"))
          + ". 'resubmit' keeps waiting for it; 'accept' goes on with what is saved.";
      default -> "Cint has " + saved + " saved respondent IDs, fewer than the completes goal of " + goal
          + ". Lower the goal to at most " + saved + " and accept, or abort.";
    };
  }
}
