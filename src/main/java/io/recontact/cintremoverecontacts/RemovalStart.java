package io.recontact.cintremoverecontacts;

import io.recontact.process.StartVariables;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.springframework.stereotype.Component;

/** Start listener of cintRemoveRecontacts ({@code ${removalStart.check(execution)}}): which target group. */
@Component("removalStart")
public class RemovalStart {

  public void check(DelegateExecution execution) {
    StartVariables.of(CintRemoveRecontactsController.PROCESS_KEY, execution)
        .positiveInteger("accountId", "the Cint account id")
        .ulid("projectId", "the Cint project id")
        .ulid("targetGroupId", "the Cint target group id")
        .orRefuse();
  }
}
