package io.recontact.toluna.incentivesettlement;

import io.recontact.metrics.OnCommit;
import io.recontact.metrics.RecontactMetrics;
import io.recontact.panel.Incentives;
import java.time.OffsetDateTime;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Confirms the PENDING credits older than the hold period (SETTLED, each with its payout row) and takes the
 * reversals of paid credits into this run's review, all in the job's transaction.
 */
@Component("confirmCredits")
class ConfirmCredits implements JavaDelegate {

  private static final Logger LOG = LoggerFactory.getLogger(ConfirmCredits.class);

  private final SettlementLedger ledger;
  private final SettlementRuns runs;
  private final SettlementProperties properties;
  private final RecontactMetrics metrics;

  ConfirmCredits(SettlementLedger ledger, SettlementRuns runs, SettlementProperties properties,
      RecontactMetrics metrics) {
    this.ledger = ledger;
    this.runs = runs;
    this.properties = properties;
    this.metrics = metrics;
  }

  @Override
  public void execute(DelegateExecution execution) {
    String run = execution.getProcessInstanceId();
    OffsetDateTime cutoff = Incentives.now().minus(properties.holdPeriod());
    SettlementLedger.Tally settled = ledger.confirm(run, cutoff);
    SettlementLedger.Tally toReview = ledger.takeReversals(run);
    runs.record(run, cutoff, settled.entries(), settled.cents(), toReview.entries());
    new SettlementVariables(execution).settled(settled.entries(), settled.cents(), toReview.entries());
    OnCommit.run(() -> metrics.incentives("settled", settled.entries(), settled.cents()));
    LOG.info("Settlement {}: {} credits settled ({} cents) up to {}, {} reversals of paid credits to review", run,
        settled.entries(), settled.cents(), cutoff, toReview.entries());
  }
}
