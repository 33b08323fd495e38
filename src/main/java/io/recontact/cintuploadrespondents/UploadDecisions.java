package io.recontact.cintuploadrespondents;

import io.recontact.process.RefusedInput;
import io.recontact.process.TaskDecisions;
import java.util.Set;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.springframework.stereotype.Component;

/** Task listener of {@code ReviewPartialUpload}: {@code ${uploadDecisions.validate(task)}}. */
@Component("uploadDecisions")
public class UploadDecisions {

  public void validate(DelegateTask task) {
    String decision = TaskDecisions.requireChoice(task, "uploadDecision", Set.of("resubmit", "accept", "abort"));
    int goal = TaskDecisions.requirePositive(task, "completesGoal");
    TaskDecisions.comment(task);
    Object saved = task.getVariable("savedCount");
    boolean stillRunning = "DEADLINE".equals(task.getVariable("uploadJobStatus"));
    if ("accept".equals(decision) && !stillRunning && saved instanceof Number count && goal > count.intValue()) {
      throw RefusedInput.decision("Cint has saved " + count + " IDs: to accept, lower the completes goal to at "
          + "most " + count + " (it is " + goal + "), or resubmit or abort");
    }
  }
}
