package io.recontact.governance;

import io.recontact.governance.erasure.ErasureStep;
import io.recontact.governance.erasure.Respondent;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * The contact history's and the do-not-contact list's part of an erasure: the contacts go (they hold the hash only,
 * but a hash is still the person's), suppressions lose their identifier and an ERASURE entry keeps the hash
 * suppressed for good, so a later upload or invite screens the respondent out like any suppressed one. A Toluna
 * invite that still names the member is a contact of its own; the Toluna step's tombstone on it ends that one.
 */
@Component
class GovernanceErasure implements ErasureStep {

  private final ContactHistory contacts;
  private final Suppressions suppressions;

  GovernanceErasure(ContactHistory contacts, Suppressions suppressions) {
    this.contacts = contacts;
    this.suppressions = suppressions;
  }

  @Override
  public Map<String, Integer> erase(Respondent respondent) {
    Marketplace marketplace = Marketplace.parse(respondent.marketplace()).orElseThrow();
    String id = RespondentIds.normalise(marketplace, respondent.id());
    Map<String, Integer> places = new LinkedHashMap<>();
    places.put("respondent_contact", contacts.erase(marketplace, id));
    places.put("respondent_suppression", suppressions.erase(marketplace, id, "erasure"));
    return places;
  }
}
