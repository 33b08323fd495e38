package io.recontact.cint.uploadrespondents;

import io.recontact.engine.RefusedInput;
import io.recontact.engine.TaskDecisions;
import java.util.Set;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.springframework.stereotype.Component;

/** Task listener of {@code ReviewPartialUpload}: {@code ${uploadDecisions.validate(task)}}. */
@Component("uploadDecisions")
public class UploadDecisions {

  public void validate(DelegateTask task) {
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
