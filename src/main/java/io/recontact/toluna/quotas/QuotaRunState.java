package io.recontact.toluna.quotas;

import java.time.OffsetDateTime;

/**
 * Where a quota's run stands, derived from {@code toluna_quota_run} and {@code toluna_quota}: ENDED once the instance
 * ended (see the run's outcome); otherwise CLOSED when the survey closed or the quota left the inventory (the instance
 * is about to end), PAUSED while Toluna says the quota is not live, else ACTIVE. NOT_STARTED: a quota in the
 * inventory without a run (for example not a recontact survey).
 */
public enum QuotaRunState {
  ACTIVE, PAUSED, CLOSED, ENDED, NOT_STARTED;

  static QuotaRunState of(Boolean runActive, Boolean live, Boolean inInventory, OffsetDateTime surveyClosedAt) {
    if (runActive == null) {
      return NOT_STARTED;
    }
    if (!runActive) {
      return ENDED;
    }
    if (surveyClosedAt != null || !Boolean.TRUE.equals(inInventory)) {
      return CLOSED;
    }
    return Boolean.FALSE.equals(live) ? PAUSED : ACTIVE;
  }
}
