package io.recontact.toluna.incentivesettlement;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** Claims the settlement for this run, or records which earlier run still confirms or pays. */
@Component("claimSettlement")
class ClaimSettlement implements JavaDelegate {

  private final SettlementRuns runs;

  ClaimSettlement(SettlementRuns runs) {
    this.runs = runs;
  }

  @Override
  public void execute(DelegateExecution execution) {
    String holder = runs.claim(execution.getProcessInstanceId());
    new SettlementVariables(execution).claimed(holder == null, holder);
  }
}
