package io.recontact.toluna.recontactquota;

import io.recontact.governance.ContactGate;
import io.recontact.governance.ContactGate.Reason;
import io.recontact.governance.ContactGate.Refusal;
import io.recontact.governance.Marketplace;
import io.recontact.storage.ArrayLookups;
import io.recontact.toluna.QuotaMemberState;
import io.recontact.toluna.eligibility.MemberEligibility.ReasonCode;
import io.recontact.toluna.recontactquota.Invites.Generated;
import io.recontact.toluna.recontactquota.QuotaMembers.StateChange;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * The respondent side of storing invites: in the transaction that stores them, the do-not-contact list and the
 * contact caps decide ({@link ContactGate#admit}, holding the members' lock rows), refused members become exceptions
 * (SUPPRESSED, or CONTACT_CAP with the time they may be contacted again); their generated links are dropped unsent.
 * The admitted ones' invites, stored in the same transaction, are their contacts in the history ({@code
 * ContactHistory}).
 */
@Component
class GovernedInvites {

  private final ContactGate gate;
  private final JdbcTemplate jdbc;

  GovernedInvites(ContactGate gate, JdbcTemplate jdbc) {
    this.gate = gate;
    this.jdbc = jdbc;
  }

  /**
   * The members of {@code batch} that may be invited; the others are made exceptions. Caller's transaction. A member
   * who already has this quota's invite (a chunk run twice) is passed on undecided: its own invite would count
   * against it, and storing it again fails on the invite's key, which keeps the first. Only refused members are
   * looked up for that (a look-up per batch of every member cost PostgreSQL ~6 ms per 50 invites).
   */
  List<Generated> admit(String panelGuid, long quotaId, List<Generated> batch) {
    Map<String, Refusal> refused = new HashMap<>(gate.admit(Marketplace.TOLUNA,
        batch.stream().map(Generated::memberCode).toList()));
    if (refused.isEmpty()) {
      return batch;
    }
    refused.keySet().removeAll(alreadyInvited(panelGuid, quotaId, refused.keySet()));
    if (refused.isEmpty()) {
      return batch;
    }
    OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
    List<Object[]> rows = new ArrayList<>();
    refused.forEach((code, refusal) -> {
      StateChange change = exception(code, refusal);
      rows.add(new Object[] {change.reasonCode(), change.reason(), now, panelGuid, quotaId, code});
    });
    jdbc.batchUpdate("update toluna_quota_member set state = 'EXCEPTION', reason_code = ?, reason = ?, "
        + "reviewed = false, updated_at = ? where panel_guid = ? and quota_id = ? and member_code = ? "
        + "and state = 'MATCHED'", rows);
    return batch.stream().filter(g -> !refused.containsKey(g.memberCode())).toList();
  }

  /**
   * The codes that have this quota's invite already, each looked up in the unique key (uq_toluna_invite_member)
   * ({@link ArrayLookups}): "member_code in (...)" (its third column) scanned every invite of the quota per batch on
   * H2, quadratic over a large quota (the profile of issue 20: half of the time spent storing invites, at 20,000
   * codes).
   */
  private Set<String> alreadyInvited(String panelGuid, long quotaId, Set<String> codes) {
    if (codes.isEmpty()) {
      return Set.of();
    }
    Set<String> invited = new HashSet<>();
    ArrayLookups.query(jdbc, "select member_code from toluna_invite where", List.of("panel_guid", "quota_id"),
        List.of(panelGuid, quotaId), "member_code", codes, rs -> {
          invited.add(rs.getString(1));
        });
    return invited;
  }

  static StateChange exception(String code, Refusal refusal) {
    return refusal.reason() == Reason.SUPPRESSED
        ? new StateChange(code, QuotaMemberState.EXCEPTION, ReasonCode.SUPPRESSED.name(),
            "on the do-not-contact list: never invited")
        : new StateChange(code, QuotaMemberState.EXCEPTION, ReasonCode.CONTACT_CAP.name(),
            "reached a contact cap: may be contacted again from " + refusal.until());
  }
}
