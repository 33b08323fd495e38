package io.recontact.governance;

import io.recontact.governance.erasure.ErasureStep;
import io.recontact.governance.erasure.Respondent;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * The contact history's and the do-not-contact list's part of an erasure: the contacts go (they hold the hash only,
 * but a hash is still the person's), suppressions lose their identifier and an ERASURE entry keeps the hash
 * suppressed for good, so a later upload or invite screens the respondent out like any suppressed one. First of the
 * steps: a Toluna member's contacts are found through their invites, before those lose the member code.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
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
