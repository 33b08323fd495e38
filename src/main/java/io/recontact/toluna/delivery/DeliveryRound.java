package io.recontact.toluna.delivery;

import java.time.Instant;

/**
 * What one {@link InviteOutbox#deliverDue} call did, and what is left for the quota.
 *
 * @param retryLater sends that failed and will be tried again
 * @param pendingTotal the quota's PENDING rows after the round, due or not; {@link #NOT_COUNTED} after a full round
 *     (as many outcomes as the round's maximum: the caller goes on with another round)
 * @param nextAttemptAt the earliest next attempt among them; null when none is left or not counted
 */
public record DeliveryRound(int delivered, int failed, int retryLater, int pendingTotal, Instant nextAttemptAt) {

  public static final int NOT_COUNTED = -1;
}
