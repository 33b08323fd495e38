package io.recontact.toluna.recontactquota;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.springframework.stereotype.Component;

/** recheck: the validation exceptions go back to be validated again (after the directory was corrected). */
@Component("recheckValidationExceptions")
class RecheckValidationExceptions extends QuotaStep {

  private final ValidationExceptions exceptions;

  RecheckValidationExceptions(ValidationExceptions exceptions) {
    this.exceptions = exceptions;
  }

  @Override
  void execute(DelegateExecution execution, TolunaQuotaVariables vars, String panel, long quota) {
    exceptions.recheck(panel, quota);
  }
}
