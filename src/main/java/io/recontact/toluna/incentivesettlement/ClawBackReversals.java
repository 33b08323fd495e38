package io.recontact.toluna.incentivesettlement;

import io.recontact.metrics.OnCommit;
import io.recontact.metrics.RecontactMetrics;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * The review decided {@code clawBack}: a CLAWBACK entry per reviewed credit, each with its payout (sent next, like a
 * credit), and the credits marked CLAWED_BACK, in one transaction.
 */
@Component("clawBackReversals")
class ClawBackReversals implements JavaDelegate {

  private final SettlementLedger ledger;
  private final RecontactMetrics metrics;

  ClawBackReversals(SettlementLedger ledger, RecontactMetrics metrics) {
    this.ledger = ledger;
    this.metrics = metrics;
  }

  @Override
  public void execute(DelegateExecution execution) {
    SettlementLedger.Tally clawed = ledger.clawBack(execution.getProcessInstanceId());
    new SettlementVariables(execution).decided(clawed.entries(), 0);
    OnCommit.run(() -> metrics.incentives("clawed_back", clawed.entries(), clawed.cents()));
  }
}
