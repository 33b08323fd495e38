package io.recontact.toluna.incentivesettlement;

import java.time.Instant;
import java.time.Duration;
import org.camunda.bpm.engine.delegate.VariableScope;

/**
 * The variables of one settlement run: counts and a summary only, never member codes or amounts per member (those
 * stay in {@code panel_incentive}). History keeps them, so history and {@link SettlementRunQueries} show finished runs.
 */
final class SettlementVariables {

  static final String CLAIMED = "settlementClaimed";
  static final String OUTCOME = "settlementOutcome";
  static final String SUMMARY = "settlementSummary";
  static final String SETTLED = "settledEntries";
  static final String SETTLED_CENTS = "settledCents";
  static final String TO_REVIEW = "reversalsToReview";
  static final String PAYOUTS_LEFT = "payoutsLeft";
  static final String RETRY_IN = "payoutRetryIn";
  static final String PAID = "payoutsSent";
  static final String DECISION = "reversalDecision";
  static final String CLAWED_BACK = "clawedBack";
  static final String WRITTEN_OFF = "writtenOff";
  /** Task-local form fields of ReviewIncentiveReversals. */
  static final String TITLE = "settlementTitle";
  static final String CASES = "reversalCases";
  static final String CASES_CENTS = "reversalCents";
  static final String CASES_URL = "reversalsUrl";

  /** SKIPPED while an earlier run still confirms or pays; SETTLED once this run confirmed the due credits. */
  enum Outcome { SKIPPED, SETTLED }

  static final String CLAW_BACK = "clawBack";
  static final String WRITE_OFF = "writeOff";

  private final VariableScope scope;

  SettlementVariables(VariableScope scope) {
    this.scope = scope;
  }

  void claimed(boolean claimed, String holder) {
    scope.setVariable(CLAIMED, claimed);
    if (!claimed) {
      scope.setVariable(OUTCOME, Outcome.SKIPPED.name());
      scope.setVariable(SUMMARY, "skipped: settlement " + holder + " still confirms or pays");
    }
  }

  void settled(int entries, long cents, int toReview) {
    scope.setVariable(OUTCOME, Outcome.SETTLED.name());
    scope.setVariable(SETTLED, entries);
    scope.setVariable(SETTLED_CENTS, cents);
    scope.setVariable(TO_REVIEW, toReview);
    scope.setVariable(SUMMARY, entries + " credits settled (" + cents + " cents), " + toReview
        + " reversals of paid credits to review");
  }

  int toReview() {
    return number(TO_REVIEW);
  }

  /** After a payout round: how many are left and how long until the earliest is due (ISO-8601, at least 1 s). */
  void payouts(int sent, int left, Instant next, Instant now) {
    scope.setVariable(PAID, number(PAID) + sent);
    scope.setVariable(PAYOUTS_LEFT, left);
    long seconds = next == null ? 1 : Math.max(1, Duration.between(now, next).toSeconds() + 1);
    scope.setVariable(RETRY_IN, Duration.ofSeconds(seconds).toString());
  }

  void decided(int clawedBack, int writtenOff) {
    scope.setVariable(CLAWED_BACK, clawedBack);
    scope.setVariable(WRITTEN_OFF, writtenOff);
  }

  void reviewForm(String title, String cases, long cents, String url) {
    scope.setVariableLocal(TITLE, title);
    scope.setVariableLocal(CASES, cases);
    scope.setVariableLocal(CASES_CENTS, cents);
    scope.setVariableLocal(CASES_URL, url);
  }

  void dropCases() {
    scope.removeVariableLocal(CASES);
  }

  private int number(String name) {
    return scope.getVariable(name) instanceof Number n ? n.intValue() : 0;
  }
}
