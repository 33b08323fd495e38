package io.recontact.toluna.incentivesettlement;

import static io.swagger.v3.oas.annotations.media.Schema.RequiredMode.REQUIRED;

import io.swagger.v3.oas.annotations.media.Schema;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;

/** What the settlement API answers. */
final class SettlementRunView {

  private SettlementRunView() {
  }

  record SettlementStarted(@Schema(requiredMode = REQUIRED) String processInstanceId,
      @Schema(requiredMode = REQUIRED) String process,
      @Schema(requiredMode = REQUIRED, description = "This run in the settlement API (GET), also once it ended")
      String status,
      @Schema(requiredMode = REQUIRED, description = "Engine REST history of the run") String history) {
  }

  /**
   * One run. {@code state}: RUNNING, IN_REVIEW (its reversal review is open) or ENDED; {@code paidOutAt}: when it
   * released the settlement (all payouts accepted). {@code reversals} and {@code payouts} only for one run.
   */
  record SettlementRun(@Schema(requiredMode = REQUIRED) String processInstanceId,
      @Schema(requiredMode = REQUIRED) String state, @Schema(requiredMode = REQUIRED) OffsetDateTime startedAt,
      OffsetDateTime cutoff, OffsetDateTime paidOutAt, int settledEntries, long settledCents, int reversalsToReview,
      List<SettlementReversal> reversals,
      @Schema(description = "Payout rows of the run by state (pending, sent)") Map<String, Long> payouts) {

    SettlementRun with(List<SettlementReversal> reversals, Map<String, Long> payouts) {
      return new SettlementRun(processInstanceId, state, startedAt, cutoff, paidOutAt, settledEntries, settledCents,
          reversalsToReview, reversals, payouts);
    }
  }

  /** A reversal of a paid credit this run reviews; {@code decision} IN_REVIEW, CLAWED_BACK or WRITTEN_OFF. */
  record SettlementReversal(long entryId, long surveyId, String inviteId, long amountCents, String reconciliationId,
      OffsetDateTime reversedAt, String decision) {
  }
}
