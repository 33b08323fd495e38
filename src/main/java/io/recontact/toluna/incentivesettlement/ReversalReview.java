package io.recontact.toluna.incentivesettlement;

import io.recontact.engine.ReviewListener;
import io.recontact.engine.TaskDecisions;
import java.util.List;
import java.util.Set;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.springframework.stereotype.Component;

/**
 * Task listeners of ReviewIncentiveReversals: on create the cases (ledger entry, survey, invite, amount,
 * reconciliation; no member code), task-local and dropped on completion; on complete the decision check.
 */
@Component("reversalReview")
public class ReversalReview implements ReviewListener {

  static final Set<String> DECISIONS = Set.of(SettlementVariables.CLAW_BACK, SettlementVariables.WRITE_OFF);
  /** Cases listed in the form; the API link lists them all. */
  static final int LISTED = 50;

  private final SettlementLedger ledger;

  ReversalReview(SettlementLedger ledger) {
    this.ledger = ledger;
  }

  @Override
  public void prepare(DelegateTask task) {
    String run = task.getProcessInstanceId();
    List<SettlementLedger.ReversalCase> cases = ledger.cases(run);
    long cents = cases.stream().mapToLong(SettlementLedger.ReversalCase::amountCents).sum();
    StringBuilder text = new StringBuilder();
    cases.stream().limit(LISTED).forEach(c -> text.append("entry ").append(c.entryId()).append(": ")
        .append(c.amountCents()).append(" cents, survey ").append(c.surveyId()).append(", invite ")
        .append(c.inviteId()).append(", reconciliation ").append(c.reconciliationId()).append(" at ")
        .append(c.reversedAt()).append('\n'));
    if (cases.size() > LISTED) {
      text.append("... ").append(cases.size() - LISTED).append(" more\n");
    }
    task.setName("Review incentive reversals: " + cases.size() + " paid credits reversed by Toluna");
    String title = cases.size() + " credits already paid out were reversed by Toluna (" + cents + " cents in all); "
        + "settlement " + run;
    task.setDescription(title);
    new SettlementVariables(task).reviewForm(title, text.toString().strip(), cents,
        SettlementController.SETTLEMENTS + "/" + run);
    TaskDecisions.newDecision(task);
  }

  @Override
  public void decide(DelegateTask task) {
    TaskDecisions.requireChoice(task, SettlementVariables.DECISION, DECISIONS);
    TaskDecisions.comment(task);
    new SettlementVariables(task).dropCases();
  }
}
