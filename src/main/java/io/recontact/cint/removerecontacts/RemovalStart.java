package io.recontact.cint.removerecontacts;

import io.recontact.engine.StartCheck;
import io.recontact.engine.StartVariables;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.springframework.stereotype.Component;

/** Start listener of cintRemoveRecontacts ({@code ${removalStart.check(execution)}}): which target group. */
@Component("removalStart")
public class RemovalStart implements StartCheck {

  @Override
  public void check(DelegateExecution execution) {
    StartVariables.of(CintRemoveRecontactsController.PROCESS_KEY, execution)
        .positiveInteger(RemovalVariables.ACCOUNT_ID, "the Cint account id")
        .ulid(RemovalVariables.PROJECT_ID, "the Cint project id")
        .ulid(RemovalVariables.TARGET_GROUP_ID, "the Cint target group id")
        .orRefuse();
  }
}
