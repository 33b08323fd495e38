package io.recontact.toluna.recontactquota;

import io.recontact.storage.ArrayLookups;
import io.recontact.storage.JdbcBatches;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/** The survey's claims on its members ({@code toluna_survey_member}, V4): one quota per survey and member. */
@Repository
public class SurveyClaims {

  private final JdbcTemplate jdbc;

  public SurveyClaims(JdbcTemplate jdbc) {
    this.jdbc = jdbc;
  }

  /**
   * One quota per survey: claims (survey, member) for the members a sampling chunk just matched ({@code matched}) that
   * no quota of the survey holds yet, then marks OTHER_QUOTA those another quota holds. The primary key of
   * {@code toluna_survey_member} decides a race between two quotas (the loser's job fails and, retried, finds the
   * member taken). By primary key, for the chunk's members only: over all of the quota's MATCHED members, each chunk
   * re-checked every earlier chunk's (at 100,000 codes: 11 chunks, 550,000 look-ups; issue 20).
   */
  public void claim(String panelGuid, long quotaId, long surveyId, List<String> matched) {
    OffsetDateTime at = OffsetDateTime.now(ZoneOffset.UTC);
    String reason = "matched, but already taken by another quota of survey " + surveyId + " (one quota per survey)";
    boolean postgres = ArrayLookups.postgres(jdbc);
    for (int from = 0; from < matched.size(); from += QuotaMembers.IN_CHUNK) {
      List<String> chunk = matched.subList(from, Math.min(matched.size(), from + QuotaMembers.IN_CHUNK));
      // PostgreSQL claims first and skips what is held, looking holders up only when it skipped some (its look-ups
      // were 0.6 s of a 100,000-code sampling; issue 20); H2 has no "on conflict" and looks up first.
      if (postgres && insert(panelGuid, quotaId, surveyId, chunk, at, " on conflict do nothing") == chunk.size()) {
        continue;
      }
      // Look-ups on the whole primary key only: no plan depends on the tables' statistics or size.
      Map<String, Long> holders = new HashMap<>();
      ArrayLookups.query(jdbc, "select member_code, quota_id from toluna_survey_member where",
          List.of("panel_guid", "survey_id"), List.of(panelGuid, surveyId), "member_code", chunk, rs -> {
            holders.put(rs.getString(1), rs.getLong(2));
          });
      if (!postgres) {
        insert(panelGuid, quotaId, surveyId, chunk.stream().filter(code -> !holders.containsKey(code)).toList(), at,
            "");
      }
      List<String> taken = chunk.stream().filter(code -> holders.containsKey(code) && holders.get(code) != quotaId)
          .toList();
      JdbcBatches.batch(jdbc, "update toluna_quota_member set state = 'OTHER_QUOTA', reason = ?, updated_at = ? "
          + "where panel_guid = ? and quota_id = ? and member_code = ? and state = 'MATCHED'", taken.size(),
          (ps, i) -> {
            ps.setString(1, reason);
            ps.setObject(2, at);
            ps.setString(3, panelGuid);
            ps.setLong(4, quotaId);
            ps.setString(5, taken.get(i));
          });
    }
  }

  private int insert(String panelGuid, long quotaId, long surveyId, List<String> codes, OffsetDateTime at,
      String suffix) {
    return JdbcBatches.multiRowInsert(jdbc, "insert into toluna_survey_member (panel_guid, survey_id, member_code, "
        + "quota_id, claimed_at) values ", "(?, ?, ?, ?, ?)", suffix, QuotaMembers.ROWS_PER_INSERT, codes,
        (ps, p, index, code) -> {
          ps.setString(p, panelGuid);
          ps.setLong(p + 1, surveyId);
          ps.setString(p + 2, code);
          ps.setLong(p + 3, quotaId);
          ps.setObject(p + 4, at);
          return p + 5;
        });
  }
}
