package io.recontact.toluna.delivery;

/** A quota's outbox rows by state. */
public record DeliveryCounts(long pending, long delivered, long failed) {
}
