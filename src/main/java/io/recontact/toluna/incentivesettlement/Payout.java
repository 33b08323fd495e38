package io.recontact.toluna.incentivesettlement;

import java.time.OffsetDateTime;

/** One ledger entry as the rewards system receives it; {@code entryId} is its idempotency key. */
record Payout(long entryId, String kind, String memberCode, String source, String panelGuid, long surveyId,
    String inviteId, long amountCents, Long reversesEntryId, String settlementId, OffsetDateTime settledAt) {

  boolean clawback() {
    return "CLAWBACK".equals(kind);
  }
}
