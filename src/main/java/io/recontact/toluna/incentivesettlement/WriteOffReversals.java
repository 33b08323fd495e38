package io.recontact.toluna.incentivesettlement;

import io.recontact.metrics.OnCommit;
import io.recontact.metrics.RecontactMetrics;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** The review decided {@code writeOff}: the members keep the reviewed credits (WRITTEN_OFF); nothing is sent. */
@Component("writeOffReversals")
class WriteOffReversals implements JavaDelegate {

  private final SettlementLedger ledger;
  private final RecontactMetrics metrics;

  WriteOffReversals(SettlementLedger ledger, RecontactMetrics metrics) {
    this.ledger = ledger;
    this.metrics = metrics;
  }

  @Override
  public void execute(DelegateExecution execution) {
    SettlementLedger.Tally kept = ledger.writeOff(execution.getProcessInstanceId());
    new SettlementVariables(execution).decided(0, kept.entries());
    OnCommit.run(() -> metrics.incentives("written_off", kept.entries(), kept.cents()));
  }
}
