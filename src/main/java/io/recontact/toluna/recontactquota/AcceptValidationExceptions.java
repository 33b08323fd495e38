package io.recontact.toluna.recontactquota;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.springframework.stereotype.Component;

/** proceed: the exceptions stay recorded and are skipped; the valid members go on to sampling. */
@Component("acceptValidationExceptions")
class AcceptValidationExceptions extends QuotaStep {

  private final ValidationExceptions exceptions;

  AcceptValidationExceptions(ValidationExceptions exceptions) {
    this.exceptions = exceptions;
  }

  @Override
  void execute(DelegateExecution execution, TolunaQuotaVariables vars, String panel, long quota) {
    exceptions.accept(panel, quota);
    vars.exceptionsPending(0);
  }
}
