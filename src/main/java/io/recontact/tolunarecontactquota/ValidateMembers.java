package io.recontact.tolunarecontactquota;

import io.recontact.tolunarecontactquota.TolunaQuotaVariables.Count;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** Validates every new code against the member directory in bulk SQL and counts the outcome. */
@Component("validateMembers")
class ValidateMembers implements JavaDelegate {

  private final QuotaMembers members;
  private final QuotaProgress progress;

  ValidateMembers(QuotaMembers members, QuotaProgress progress) {
    this.members = members;
    this.progress = progress;
  }

  @Override
  public void execute(DelegateExecution execution) {
    TolunaQuotaVariables vars = new TolunaQuotaVariables(execution);
    members.validate(vars.panelGuid(), vars.quotaId());
    progress.update(vars);
    vars.exceptionsPending(members.unreviewedExceptions(vars.panelGuid(), vars.quotaId()));
  }
}
