package io.recontact.governance;

import java.util.Collection;

/**
 * A marketplace's contacts that are decided but not made yet (Toluna: invites in the outbox). A suppression stops
 * them in its own transaction, so an added suppression also stops what was about to go out.
 */
public interface PendingContacts {

  Marketplace marketplace();

  /** Stops the respondents' undelivered contacts; returns how many were stopped. Joins the caller's transaction. */
  int stop(Collection<String> normalisedIds, String reason);
}
