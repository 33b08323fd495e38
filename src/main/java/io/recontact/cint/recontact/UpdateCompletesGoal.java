package io.recontact.cint.recontact;

import io.recontact.cint.CintErrors;
import io.recontact.cint.client.CintClient;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * After the upload: a person who accepted a partial upload may have lowered {@code completesGoal} (the upload's
 * output); the draft is this flow's, so this flow writes it, whether it launches next or not. A goal equal to the
 * one at Cint costs no call, so a retry after a crash writes nothing twice.
 */
@Component("updateCompletesGoal")
class UpdateCompletesGoal implements JavaDelegate {

  private static final Logger LOG = LoggerFactory.getLogger(UpdateCompletesGoal.class);

  private final CintClient cint;

  UpdateCompletesGoal(CintClient cint) {
    this.cint = cint;
  }

  @Override
  public void execute(DelegateExecution execution) {
    RecontactVariables vars = new RecontactVariables(execution);
    int goal = vars.completesGoal();
    Integer atCint = vars.cintCompletesGoal();
    if (atCint != null && goal == atCint) {
      return;
    }
    String reference = RecontactVariables.customerReference(execution.getProcessBusinessKey());
    CintErrors.call("Update completes goal", () -> {
      cint.updateDraftTargetGroup(vars.targetGroup(), RecontactVariables.request(execution).toDraft(reference, goal));
      return null;
    });
    vars.cintCompletesGoal(goal);
    LOG.info("Completes goal of target group {} lowered to {} at Cint", vars.targetGroupId(), goal);
  }
}
