package io.recontact.panel;

import java.util.Collection;

/**
 * Told, inside the import's transaction, which members were stored opted out and which with another status, so
 * what depends on a member's opt-out (the do-not-contact list) commits with the directory or not at all.
 */
public interface MemberStatusListener {

  void statusesStored(Collection<String> optedOut, Collection<String> notOptedOut);
}
