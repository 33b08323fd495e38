package io.recontact.toluna.recontactquota;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** recheck: the validation exceptions go back to be validated again (after the directory was corrected). */
@Component("recheckValidationExceptions")
class RecheckValidationExceptions implements JavaDelegate {

  private final QuotaMembers members;

  RecheckValidationExceptions(QuotaMembers members) {
    this.members = members;
  }

  @Override
  public void execute(DelegateExecution execution) {
    TolunaQuotaVariables vars = new TolunaQuotaVariables(execution);
    members.recheckExceptions(vars.panelGuid(), vars.quotaId());
  }
}
