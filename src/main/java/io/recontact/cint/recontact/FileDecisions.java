package io.recontact.cint.recontact;

import io.recontact.cint.CintReview;
import io.recontact.engine.TaskDecisions;
import java.util.Set;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.springframework.stereotype.Component;

/** Listeners of {@code ReviewRespondentFile}: approve (with a goal) or reject the file. */
@Component("fileDecisions")
public class FileDecisions extends CintReview {

  @Override
  public void decide(DelegateTask task) {
    TaskDecisions.requireChoice(task, RecontactVariables.FILE_DECISION, Set.of("approve", "reject"));
    TaskDecisions.requirePositive(task, RecontactVariables.COMPLETES_GOAL);
    TaskDecisions.comment(task);
  }
}
