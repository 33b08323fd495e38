package io.recontact.cint.recontact;

import io.recontact.cint.CintErrors;
import io.recontact.cint.client.CintClient;
import io.recontact.cint.client.CintModel.TargetGroupsListItem;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Creates the draft recontact target group exactly once. Cint's create is not idempotent, so the group is first
 * looked up by a customer reference derived from the business key; a retry after a crash between Cint's answer and
 * our commit finds it instead of creating a second one.
 */
@Component("createDraftTargetGroup")
class CreateDraftTargetGroup implements JavaDelegate {

  private static final Logger LOG = LoggerFactory.getLogger(CreateDraftTargetGroup.class);

  private final CintClient cint;

  CreateDraftTargetGroup(CintClient cint) {
    this.cint = cint;
  }

  @Override
  public void execute(DelegateExecution execution) {
    RecontactRequest request = RecontactVariables.request(execution);
    RecontactVariables vars = new RecontactVariables(execution);
    int accountId = vars.accountId();
    String projectId = vars.projectId();
    int goal = vars.completesGoal();
    String reference = RecontactVariables.customerReference(execution.getProcessBusinessKey());
    String targetGroupId = CintErrors.call("Create draft target group",
            () -> cint.findTargetGroupByCustomerReference(accountId, projectId, reference))
        .map(TargetGroupsListItem::id)
        .orElseGet(() -> CintErrors.modelled("Create draft target group",
            () -> cint.createDraftTargetGroup(accountId, projectId, request.toDraft(reference, goal))));
    vars.targetGroupId(targetGroupId);
    vars.cintCompletesGoal(goal);
    LOG.info("Cint draft target group {} in project {} of account {} (customer reference {}, completes goal {})",
        targetGroupId, projectId, accountId, reference, goal);
  }
}
