package io.recontact.dataretention;

import io.recontact.governance.ContactHistory;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * One bounded chunk of each kind of personal data past retention, removed with plain SQL on both marketplaces' tables
 * (this flow uses neither marketplace's classes). A Cint file counts as ended when no Camunda instance with its
 * reference as business key runs or ended after the cut-off ({@link EndedRuns}); a Toluna quota when its
 * {@code toluna_quota_run} row is inactive and ended before the cut-off (a new run makes it active again).
 * Runs inside the chunk's job transaction: a failed chunk rolls back whole and is retried.
 */
@Component
class RetainedRows {

  /** An invite's member code once its body is gone: unique per invite, so the unique keys still hold. */
  static final String EXPIRED_MEMBER = "expired:";

  private static final String QUOTA_ENDED = "r.active = false and r.ended_at < :cutoff";

  private final JdbcTemplate jdbc;
  private final NamedParameterJdbcTemplate named;
  private final EndedRuns runs;
  private final ContactHistory contacts;

  RetainedRows(JdbcTemplate jdbc, EndedRuns runs, ContactHistory contacts) {
    this.jdbc = jdbc;
    this.named = new NamedParameterJdbcTemplate(jdbc);
    this.runs = runs;
    this.contacts = contacts;
  }

  /**
   * What one chunk removed: {@code items} (files, batches, invites), {@code rows} (the kind's figure), the cursor to
   * go on after, and whether more may be left.
   */
  record Removed(long items, long rows, String cursor, boolean more) {
  }

  /** Stored respondent files (with their IDs, pages, rejections) whose recontact ended before the cut-off. */
  Removed respondentFiles(Instant cutoff, String cursor, int limit) {
    List<Map<String, Object>> candidates = named.queryForList("select id, reference from respondent_file "
        + "where created_at < :cutoff and id > :after order by id limit :limit", params(cutoff, limit)
        .addValue("after", cursor == null ? 0L : Long.parseLong(cursor)));
    if (candidates.isEmpty()) {
      return new Removed(0, 0, cursor, false);
    }
    List<Long> ids = candidates.stream().map(row -> ((Number) row.get("id")).longValue()).toList();
    Set<String> inUse = runs.businessKeysInUse(candidates.stream().map(row -> (String) row.get("reference"))
        .toList(), cutoff);
    List<Long> uploadedFrom = uploadRunsInUse(ids, cutoff);
    List<Long> due = candidates.stream().filter(row -> !inUse.contains((String) row.get("reference")))
        .map(row -> ((Number) row.get("id")).longValue()).filter(id -> !uploadedFrom.contains(id)).toList();
    long rows = 0;
    if (!due.isEmpty()) {
      MapSqlParameterSource files = new MapSqlParameterSource("ids", due);
      rows += named.update("delete from cint_upload_batch_id where batch_id in "
          + "(select id from cint_upload_batch where file_id in (:ids))", files);
      // The batch rows stay (the upload's figures); they no longer point into a file.
      named.update("update cint_upload_batch set file_id = null, first_seq = null, last_seq = null "
          + "where file_id in (:ids)", files);
      for (String table : List.of("respondent_file_page", "respondent_file_id", "respondent_file_rejection")) {
        rows += named.update("delete from " + table + " where file_id in (:ids)", files);
      }
      named.update("delete from respondent_file where id in (:ids)", files);
    }
    return new Removed(due.size(), rows, String.valueOf(ids.get(ids.size() - 1)), candidates.size() == limit);
  }

  /** Files of the chunk that an upload run still in use was cut from. */
  private List<Long> uploadRunsInUse(List<Long> fileIds, Instant cutoff) {
    List<Map<String, Object>> uploads = named.queryForList("select distinct file_id, run_key from cint_upload_batch "
        + "where file_id in (:ids)", new MapSqlParameterSource("ids", fileIds));
    Set<String> inUse = runs.instancesInUse(uploads.stream().map(row -> (String) row.get("run_key")).toList(),
        cutoff);
    return uploads.stream().filter(row -> inUse.contains((String) row.get("run_key")))
        .map(row -> ((Number) row.get("file_id")).longValue()).toList();
  }

  /** The IDs listed in upload batches that no file holds (replacements, removals) once their run ended. */
  Removed uploadBatchIds(Instant cutoff, String cursor, int limit) {
    List<Map<String, Object>> batches = named.queryForList("select b.id, b.run_key from cint_upload_batch b "
        + "where b.created_at < :cutoff and b.id > :after and b.file_id is null "
        + "and exists (select 1 from cint_upload_batch_id i where i.batch_id = b.id) order by b.id limit :limit",
        params(cutoff, limit).addValue("after", cursor == null ? 0L : Long.parseLong(cursor)));
    if (batches.isEmpty()) {
      return new Removed(0, 0, cursor, false);
    }
    Set<String> inUse = runs.instancesInUse(batches.stream().map(row -> (String) row.get("run_key")).toList(),
        cutoff);
    List<Long> due = batches.stream().filter(row -> !inUse.contains((String) row.get("run_key")))
        .map(row -> ((Number) row.get("id")).longValue()).toList();
    long rows = due.isEmpty() ? 0 : named.update("delete from cint_upload_batch_id where batch_id in (:ids)",
        new MapSqlParameterSource("ids", due));
    Object last = batches.get(batches.size() - 1).get("id");
    return new Removed(due.size(), rows, String.valueOf(last), batches.size() == limit);
  }

  /**
   * Up to {@code limit} member rows of quotas that ended before the cut-off, up to as many survey claims (only once no
   * quota of the survey runs or ended after the cut-off: a claim keeps a member from a second invite to the survey),
   * and the quotas' fetch cursors (the last member code read).
   */
  Removed quotaMembers(Instant cutoff, int limit) {
    List<Object[]> members = named.query("select m.panel_guid, m.quota_id, m.member_code from toluna_quota_member m "
        + "join toluna_quota_run r on r.panel_guid = m.panel_guid and r.quota_id = m.quota_id where " + QUOTA_ENDED
        + " limit :limit", params(cutoff, limit), (rs, n) -> new Object[] {rs.getString(1), rs.getLong(2),
            rs.getString(3)});
    long rows = sum(jdbc.batchUpdate("delete from toluna_quota_member where panel_guid = ? and quota_id = ? "
        + "and member_code = ?", members));
    List<Object[]> claims = named.query("select s.panel_guid, s.survey_id, s.member_code from toluna_survey_member s "
        + "join toluna_quota_run r on r.panel_guid = s.panel_guid and r.quota_id = s.quota_id where " + QUOTA_ENDED
        + " and not exists (select 1 from toluna_quota q join toluna_quota_run a on a.panel_guid = q.panel_guid "
        + "and a.quota_id = q.quota_id where q.panel_guid = s.panel_guid and q.survey_id = s.survey_id "
        + "and (a.active = true or a.ended_at is null or a.ended_at >= :cutoff)) limit :limit",
        params(cutoff, limit), (rs, n) -> new Object[] {rs.getString(1), rs.getLong(2), rs.getString(3)});
    rows += sum(jdbc.batchUpdate("delete from toluna_survey_member where panel_guid = ? and survey_id = ? "
        + "and member_code = ?", claims));
    rows += named.update("delete from toluna_fetch_cursor where exists (select 1 from toluna_quota_run r "
        + "where r.panel_guid = toluna_fetch_cursor.panel_guid and r.quota_id = toluna_fetch_cursor.quota_id and "
        + QUOTA_ENDED + ")", params(cutoff, limit));
    return new Removed(members.size(), rows, null, members.size() == limit || claims.size() == limit);
  }

  /**
   * Up to {@code limit} invites of quotas that ended before the cut-off lose their body: the URL (it opens the
   * member's survey), the delivery's last error, and the member code of the invite and its outcome. The rows, their
   * outcome, revenue and times stay: the quota's and the survey's figures are counted from them. Their contacts stay
   * in the respondent's history, named by the member's hash from then on.
   */
  Removed inviteBodies(Instant cutoff, int limit) {
    Map<String, String> memberCodes = new LinkedHashMap<>();
    named.query("select i.invite_id, i.member_code from toluna_invite i join toluna_quota_run r on r.panel_guid = "
        + "i.panel_guid and r.quota_id = i.quota_id where " + QUOTA_ENDED + " and i.url <> '' limit :limit",
        params(cutoff, limit), rs -> {
          memberCodes.put(rs.getString(1), rs.getString(2));
        });
    List<String> invites = List.copyOf(memberCodes.keySet());
    // The contact history keeps the contact: the invite was it while it named the member, from now on a row by hash.
    contacts.keepInvites(memberCodes);
    List<Object[]> expired = new ArrayList<>();
    invites.forEach(id -> expired.add(new Object[] {EXPIRED_MEMBER + id, id}));
    long rows = sum(jdbc.batchUpdate("update toluna_invite set url = '', member_code = ? where invite_id = ?",
        expired));
    jdbc.batchUpdate("update toluna_invite_outcome set member_code = ? where invite_id = ?", expired);
    jdbc.batchUpdate("update toluna_invite_delivery set last_error = null where invite_id = ?",
        invites.stream().map(id -> new Object[] {id}).toList());
    return new Removed(invites.size(), rows, null, invites.size() == limit);
  }

  private static MapSqlParameterSource params(Instant cutoff, int limit) {
    return new MapSqlParameterSource("cutoff", Timestamp.from(cutoff)).addValue("limit", limit);
  }

  private static long sum(int[] counts) {
    long total = 0;
    for (int count : counts) {
      total += Math.max(count, 0);
    }
    return total;
  }
}
