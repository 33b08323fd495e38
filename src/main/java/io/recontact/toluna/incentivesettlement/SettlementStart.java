package io.recontact.toluna.incentivesettlement;

import io.recontact.engine.StartCheck;
import io.recontact.engine.StartVariables;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.springframework.stereotype.Component;

/**
 * Start listener of tolunaIncentiveSettlement ({@code ${settlementStart.check(execution)}}). A run takes no
 * variables: it settles the whole ledger by the configured hold period.
 */
@Component("settlementStart")
public class SettlementStart implements StartCheck {

  @Override
  public void check(DelegateExecution execution) {
    StartVariables.of(SettlementController.PROCESS_KEY, execution)
        .none("it settles every credit older than recontact.toluna.incentives.hold-period")
        .orRefuse();
  }
}
