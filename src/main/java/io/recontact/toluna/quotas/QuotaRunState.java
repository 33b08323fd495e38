package io.recontact.toluna.quotas;

import java.time.OffsetDateTime;

/**
 * Where a quota's run stands, derived from {@code toluna_quota_run} and {@code toluna_quota}: ENDED once the instance
 * ended (see the run's outcome); otherwise CLOSED when the survey closed or the quota left the inventory (the instance
 * is about to end), PAUSED while Toluna says the quota is not live (the instance waits at "Quota paused"), else ACTIVE.
 * Without a run: NOT_STARTED for a quota of a recontact survey, NOT_RECONTACT for any other quota of the inventory
 * (the sweep never starts one for it).
 */
public enum QuotaRunState {
  ACTIVE, PAUSED, CLOSED, ENDED, NOT_STARTED, NOT_RECONTACT;

  static QuotaRunState of(Boolean runActive, Boolean recontact, Boolean live, Boolean inInventory,
      OffsetDateTime surveyClosedAt) {
    if (runActive == null) {
      return Boolean.FALSE.equals(recontact) ? NOT_RECONTACT : NOT_STARTED;
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
