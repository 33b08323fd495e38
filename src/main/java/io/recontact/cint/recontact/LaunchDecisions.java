package io.recontact.cint.recontact;

import io.recontact.cint.CintReview;
import io.recontact.engine.TaskDecisions;
import java.util.Set;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.springframework.stereotype.Component;

/** Listeners of {@code ReviewLaunchFailure}: retry the launch or abort. */
@Component("launchDecisions")
public class LaunchDecisions extends CintReview {

  @Override
  public void decide(DelegateTask task) {
    TaskDecisions.requireChoice(task, RecontactVariables.LAUNCH_DECISION, Set.of("retry", "abort"));
    TaskDecisions.comment(task);
  }
}
