package io.recontact.toluna.incentivesettlement;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Sends the due payouts (of any run: an earlier run's leftovers too) and records what is left; once nothing is left
 * the run gives up its claim, so the next run may confirm. A payout the receiver refused
 * {@code payout.max-attempts} times fails the job: after the engine's retries an incident names the entry and the
 * receiver's answer, and a retry in Cockpit sends it again.
 */
@Component("payOutIncentives")
class PayOutIncentives implements JavaDelegate {

  /** Payouts per job: the crash window and one job's length stay bounded. */
  static final int PER_JOB = 500;
  private static final Logger LOG = LoggerFactory.getLogger(PayOutIncentives.class);

  private final PayoutOutbox outbox;
  private final SettlementRuns runs;

  PayOutIncentives(PayoutOutbox outbox, SettlementRuns runs) {
    this.outbox = outbox;
    this.runs = runs;
  }

  @Override
  public void execute(DelegateExecution execution) {
    PayoutOutbox.Round round = outbox.deliverDue(PER_JOB);
    LOG.info("Settlement {}: {} payouts sent ({} cents credited, {} clawed back), {} left", execution
        .getProcessInstanceId(), round.sent(), round.creditCents(), round.clawbackCents(), round.left());
    if (round.exhausted() != null) {
      throw new IllegalStateException(round.exhausted());
    }
    new SettlementVariables(execution).payouts(round.sent(), round.left(), round.next(), java.time.Instant.now());
    if (round.left() == 0) {
      runs.release(execution.getProcessInstanceId());
    }
  }
}
