package io.recontact.toluna.recontactquota;

import io.recontact.engine.ChunkBudget;
import io.recontact.toluna.delivery.DeliveryRound;
import io.recontact.toluna.delivery.InviteOutbox;
import java.time.Duration;
import java.time.Instant;
import java.util.function.BooleanSupplier;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.springframework.stereotype.Component;

/**
 * Delivers one round of the quota's due invites from the outbox. Nothing is sent while the quota is paused or
 * closed: undelivered invites stay in the outbox. Outcome: MORE (more due now), RETRY_LATER (failed sends wait for
 * their back-off, the timer reads {@code deliveryRetryIn}), DONE, or HALTED.
 */
@Component("deliverInvites")
class DeliverInvites extends QuotaStep {

  static final Duration MIN_RETRY_WAIT = Duration.ofSeconds(1);

  private final InviteOutbox outbox;
  private final QuotaGate gate;
  private final QuotaProgress progress;
  private final ChunkBudget budget;

  DeliverInvites(InviteOutbox outbox, QuotaGate gate, QuotaProgress progress, ChunkBudget budget) {
    this.outbox = outbox;
    this.gate = gate;
    this.progress = progress;
    this.budget = budget;
  }

  @Override
  void execute(DelegateExecution execution, TolunaQuotaVariables vars, String panel, long quota) {
    BooleanSupplier open = gate.open(panel, quota);
    if (!open.getAsBoolean()) {
      vars.deliveryOutcome("HALTED", null);
      return;
    }
    // The job's time budget bounds the call: rows not reached stay due for the next job ("MORE"). One call goes on
    // through every due row while the budget lasts: a job per round paid a hand-off each (issue 20).
    BooleanSupplier budgetLeft = budget.left();
    BooleanSupplier keepGoing = () -> open.getAsBoolean() && budgetLeft.getAsBoolean();
    DeliveryRound round = outbox.deliverDue(panel, quota, Integer.MAX_VALUE, keepGoing);
    if (open.getAsBoolean() && !budgetLeft.getAsBoolean()) {
      progress.chunkDone(execution.getProcessInstanceId(), vars);
      vars.deliveryOutcome("MORE", null);
      return;
    }
    progress.stepDone(execution.getProcessInstanceId(), vars);
    if (!open.getAsBoolean()) {
      vars.deliveryOutcome("HALTED", null);
    } else if (round.pendingTotal() > 0) {
      Instant next = round.nextAttemptAt() == null ? Instant.now() : round.nextAttemptAt();
      Duration wait = Duration.between(Instant.now(), next);
      vars.deliveryOutcome("RETRY_LATER", (wait.compareTo(MIN_RETRY_WAIT) < 0 ? MIN_RETRY_WAIT : wait).toString());
    } else {
      vars.deliveryOutcome("DONE", null);
    }
  }
}
