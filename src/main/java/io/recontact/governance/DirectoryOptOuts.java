package io.recontact.governance;

import io.recontact.panel.MemberStatusListener;
import java.util.Collection;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.springframework.stereotype.Component;

/**
 * A member opting out in our directory is suppressed: the import writes (or, for another status, removes) the
 * member's DIRECTORY entry in its own transaction. Written rather than looked up at contact time so that one list
 * answers every check (files, validation, the outbox stop) and the opt-out stops undelivered invites at once.
 */
@Component
class DirectoryOptOuts implements MemberStatusListener {

  private final Suppressions suppressions;
  private final IdentityService identity;

  DirectoryOptOuts(Suppressions suppressions, IdentityService identity) {
    this.suppressions = suppressions;
    this.identity = identity;
  }

  @Override
  public void statusesStored(Collection<String> optedOut, Collection<String> notOptedOut) {
    Authentication who = identity.getCurrentAuthentication();
    suppressions.directoryStatuses(optedOut, notOptedOut, "member directory import"
        + (who == null || who.getUserId() == null ? "" : " by " + who.getUserId()));
  }
}
