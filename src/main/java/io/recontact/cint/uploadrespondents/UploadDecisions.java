package io.recontact.cint.uploadrespondents;

import io.recontact.cint.CintReview;
import io.recontact.engine.RefusedInput;
import io.recontact.engine.TaskDecisions;
import java.util.Set;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.springframework.stereotype.Component;

/** Listeners of {@code ReviewPartialUpload}: resubmit the failed IDs, accept what was saved, or abort. */
@Component("uploadDecisions")
public class UploadDecisions extends CintReview {

  @Override
  public void decide(DelegateTask task) {
    String decision = TaskDecisions.requireChoice(task, UploadVariables.UPLOAD_DECISION,
        Set.of("resubmit", "accept", "abort"));
    int goal = TaskDecisions.requirePositive(task, UploadVariables.COMPLETES_GOAL);
    TaskDecisions.comment(task);
    UploadVariables vars = new UploadVariables(task);
    Integer count = vars.savedCount();
    if ("accept".equals(decision) && !vars.pastDeadline() && count != null && goal > count) {
      throw RefusedInput.decision("Cint has saved " + count + " IDs: to accept, lower the completes goal to at "
          + "most " + count + " (it is " + goal + "), or resubmit or abort");
    }
  }
}
