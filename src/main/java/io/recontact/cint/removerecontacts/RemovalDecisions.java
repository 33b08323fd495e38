package io.recontact.cint.removerecontacts;

import io.recontact.engine.TaskDecisions;
import java.util.Set;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.springframework.stereotype.Component;

/** Task listener of {@code ReviewRemovalFailure}: {@code ${removalDecisions.validate(task)}}. */
@Component("removalDecisions")
public class RemovalDecisions {

  public void validate(DelegateTask task) {
    TaskDecisions.requireChoice(task, RemovalVariables.REMOVAL_DECISION, Set.of("retry", "abort"));
    TaskDecisions.comment(task);
  }
}
