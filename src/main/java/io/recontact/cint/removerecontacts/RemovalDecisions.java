package io.recontact.cint.removerecontacts;

import io.recontact.cint.CintReview;
import io.recontact.engine.TaskDecisions;
import java.util.Set;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.springframework.stereotype.Component;

/** Listeners of {@code ReviewRemovalFailure}: retry the removal or abort. */
@Component("removalDecisions")
public class RemovalDecisions extends CintReview {

  @Override
  public void decide(DelegateTask task) {
    TaskDecisions.requireChoice(task, RemovalVariables.REMOVAL_DECISION, Set.of("retry", "abort"));
    TaskDecisions.comment(task);
  }
}
