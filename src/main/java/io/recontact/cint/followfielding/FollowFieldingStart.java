package io.recontact.cint.followfielding;

import io.recontact.engine.StartCheck;
import io.recontact.engine.StartVariables;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.springframework.stereotype.Component;

/** Start listener of cintFollowFielding ({@code ${followFieldingStart.check(execution)}}): which target group. */
@Component("followFieldingStart")
public class FollowFieldingStart implements StartCheck {

  @Override
  public void check(DelegateExecution execution) {
    StartVariables.of(FieldingSignals.PROCESS_KEY, execution)
        .positiveInteger(FollowFieldingVariables.ACCOUNT_ID, "the Cint account id")
        .ulid(FollowFieldingVariables.PROJECT_ID, "the Cint project id")
        .ulid(FollowFieldingVariables.TARGET_GROUP_ID, "the Cint target group id")
        .orRefuse();
  }
}
