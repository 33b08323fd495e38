package io.recontact.toluna.recontactquota;

import io.recontact.toluna.eligibility.MemberEligibility.ReasonCode;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/**
 * A quota's validation exceptions as a person reviews them ({@code toluna_quota_member} rows in state EXCEPTION):
 * counted by reason, accepted (proceed) or sent back to validation (recheck). {@link QuotaMembers} makes them.
 */
@Repository
public class ValidationExceptions {

  private static final String OF_QUOTA = " where panel_guid = ? and quota_id = ? and state = 'EXCEPTION'";

  private final JdbcTemplate jdbc;

  public ValidationExceptions(JdbcTemplate jdbc) {
    this.jdbc = jdbc;
  }

  /** Exceptions no person has seen yet. */
  public long unreviewed(String panelGuid, long quotaId) {
    return jdbc.queryForObject("select count(*) from toluna_quota_member" + OF_QUOTA + " and reviewed = false",
        Long.class, panelGuid, quotaId);
  }

  /** proceed: the exceptions stay recorded, count as seen and are skipped. */
  public int accept(String panelGuid, long quotaId) {
    return jdbc.update("update toluna_quota_member set reviewed = true, updated_at = ?" + OF_QUOTA
        + " and reviewed = false", now(), panelGuid, quotaId);
  }

  /**
   * recheck: every exception of validation goes back to RECEIVED and is validated again (a SUPPRESSED or
   * CONTACT_CAP member too: still suppressed or capped, it is an exception again; never invited by a decision).
   */
  public int recheck(String panelGuid, long quotaId) {
    List<String> codes = List.of(ReasonCode.UNKNOWN_MEMBER.name(), ReasonCode.INACTIVE.name(),
        ReasonCode.OPTED_OUT.name(), ReasonCode.SUSPENDED.name(), ReasonCode.MISSING_REQUIRED_PROFILE.name(),
        ReasonCode.SUPPRESSED.name(), ReasonCode.CONTACT_CAP.name());
    List<Object> args = new ArrayList<>(List.of(now(), panelGuid, quotaId));
    args.addAll(codes);
    return jdbc.update("update toluna_quota_member set state = 'RECEIVED', reason_code = null, reason = null, "
        + "reviewed = false, updated_at = ?" + OF_QUOTA + " and reason_code in ("
        + QuotaMembers.placeholders(codes.size()) + ")", args.toArray());
  }

  public Map<String, Long> byReason(String panelGuid, long quotaId) {
    Map<String, Long> counts = new TreeMap<>();
    jdbc.query("select reason_code, count(*) from toluna_quota_member" + OF_QUOTA + " group by reason_code", rs -> {
      counts.put(rs.getString(1), rs.getLong(2));
    }, panelGuid, quotaId);
    return counts;
  }

  private static OffsetDateTime now() {
    return OffsetDateTime.now(ZoneOffset.UTC);
  }
}
