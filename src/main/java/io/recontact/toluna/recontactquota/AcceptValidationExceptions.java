package io.recontact.toluna.recontactquota;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** proceed: the exceptions stay recorded and are skipped; the valid members go on to sampling. */
@Component("acceptValidationExceptions")
class AcceptValidationExceptions implements JavaDelegate {

  private final QuotaMembers members;

  AcceptValidationExceptions(QuotaMembers members) {
    this.members = members;
  }

  @Override
  public void execute(DelegateExecution execution) {
    TolunaQuotaVariables vars = new TolunaQuotaVariables(execution);
    members.acceptExceptions(vars.panelGuid(), vars.quotaId());
    vars.exceptionsPending(0);
  }
}
