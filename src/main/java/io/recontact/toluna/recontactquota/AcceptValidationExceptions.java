package io.recontact.toluna.recontactquota;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.springframework.stereotype.Component;

/** proceed: the exceptions stay recorded and are skipped; the valid members go on to sampling. */
@Component("acceptValidationExceptions")
class AcceptValidationExceptions extends QuotaStep {

  private final QuotaMembers members;

  AcceptValidationExceptions(QuotaMembers members) {
    this.members = members;
  }

  @Override
  void execute(DelegateExecution execution, TolunaQuotaVariables vars, String panel, long quota) {
    members.acceptExceptions(panel, quota);
    vars.exceptionsPending(0);
  }
}
