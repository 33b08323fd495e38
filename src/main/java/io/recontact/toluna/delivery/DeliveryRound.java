package io.recontact.toluna.delivery;

import java.time.Instant;

/**
 * What one {@link InviteOutbox#deliverDue} call did, and what is left for the quota.
 *
 * @param retryLater sends that failed and will be tried again
 * @param pendingTotal the quota's PENDING rows after the round, due or not
 * @param nextAttemptAt the earliest next attempt among them; null when none is left
 */
public record DeliveryRound(int delivered, int failed, int retryLater, int pendingTotal, Instant nextAttemptAt) {
}
