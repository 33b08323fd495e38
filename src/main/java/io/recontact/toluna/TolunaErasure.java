package io.recontact.toluna;

import io.recontact.governance.erasure.ErasureStep;
import io.recontact.governance.erasure.Respondent;
import io.recontact.governance.erasure.TextMasking;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * The Toluna tables' part of a member's erasure (docs/respondent-erasure.md). What only concerns the member goes:
 * quota member rows, survey claims, the last profile synced, a paging cursor that stops at the code (the next page
 * starts over; the erased code is not stored again, QuotaMembers). What the quotas' figures and the money need
 * stays without the person: invites and outcomes keep their amounts and states with the member code replaced by
 * the tombstone and the personal link blanked; an invite not delivered yet is marked FAILED, so it never goes out.
 */
@Component
class TolunaErasure implements ErasureStep {

  static final String ERASED = "respondent erased";

  private final JdbcTemplate jdbc;

  TolunaErasure(JdbcTemplate jdbc) {
    this.jdbc = jdbc;
  }

  @Override
  public Map<String, Integer> erase(Respondent respondent) {
    if (!Respondent.TOLUNA.equals(respondent.marketplace())) {
      return Map.of();
    }
    String code = respondent.id();
    String tombstone = respondent.tombstone();
    Map<String, Integer> places = new LinkedHashMap<>();
    places.put("toluna_quota_member", jdbc.update("delete from toluna_quota_member where member_code = ?", code));
    places.put("toluna_survey_member", jdbc.update("delete from toluna_survey_member where member_code = ?", code));
    places.put("toluna_member_sync", jdbc.update("delete from toluna_member_sync where member_code = ?", code));
    places.put("toluna_fetch_cursor", jdbc.update("update toluna_fetch_cursor set last_code = null "
        + "where last_code = ?", code));
    int undelivered = jdbc.update("update toluna_invite_delivery set state = 'FAILED', last_error = ? "
        + "where state = 'PENDING' and invite_id in (select invite_id from toluna_invite where member_code = ?)",
        ERASED, code);
    places.put("toluna_invite_delivery", undelivered + TextMasking.mask(jdbc, "toluna_invite_delivery",
        "last_error", respondent, "invite_id"));
    places.put("toluna_invite", jdbc.update("update toluna_invite set member_code = ?, url = '' "
        + "where member_code = ?", tombstone, code));
    places.put("toluna_invite_outcome", jdbc.update("update toluna_invite_outcome set member_code = ? "
        + "where member_code = ?", tombstone, code));
    places.put("toluna_quota_member.reason", TextMasking.mask(jdbc, "toluna_quota_member", "reason", respondent,
        "panel_guid", "quota_id", "member_code"));
    return places;
  }
}
