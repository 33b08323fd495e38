package io.recontact.governance;

import io.recontact.storage.JdbcBatches;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Every contact of a respondent ({@code respondent_contact}, V40), by the respondent's hash only. Written only inside the transaction that makes the
 * contact (a Cint batch's job id, a Toluna invite with its outbox row), refused without one, so the history never
 * disagrees with what was sent. Read through the view {@code respondent_contact_history}, which adds a Toluna
 * invite's delivery and outcome from the tables that own them.
 */
@Repository
public class ContactHistory {

  public static final String UPLOAD = "TARGET_GROUP_UPLOAD";
  public static final String INVITE = "INVITE";
  /** Rows per multi-row insert: 7 parameters each; 100,000 IDs are 200 statements in batches. */
  static final int ROWS_PER_INSERT = 500;

  /** One Toluna invite as stored. */
  public record Invite(String memberCode, String panelGuid, long surveyId, long quotaId, String inviteId,
      String channel) {
  }

  /** One line of a respondent's history; fields of the other marketplace are null. */
  public record Contact(Instant contactedAt, String marketplace, String kind, String targetGroup,
      String recontact, Long uploadBatchId, String panelGuid, Long surveyId, Long quotaId, String inviteId,
      String channel, String deliveryState, Instant deliveredAt, String outcome, String outcomeReason,
      Instant outcomeAt, Instant reversedAt) {
  }

  private final JdbcTemplate jdbc;
  private final TransactionTemplate joined;

  public ContactHistory(JdbcTemplate jdbc, PlatformTransactionManager transactions) {
    this.jdbc = jdbc;
    this.joined = new TransactionTemplate(transactions);
    this.joined.setPropagationBehavior(TransactionDefinition.PROPAGATION_MANDATORY);
  }

  /** The IDs of one Cint upload batch, sent to {@code targetGroup} for the recontact {@code recontactKey}. */
  public void recordUpload(long batchId, String targetGroup, String recontactKey, List<String> ids) {
    OffsetDateTime at = now();
    // In hash order: the index then grows page by page instead of at random places.
    List<String> hashes = ids.stream().map(id -> RespondentIds.hash(Marketplace.CINT, id)).sorted().toList();
    joined.executeWithoutResult(status -> JdbcBatches.multiRowInsert(jdbc, "insert into respondent_contact "
        + "(marketplace, respondent_hash, contacted_at, kind, target_group, recontact_key, upload_batch_id) values ",
        "('CINT', ?, ?, '" + UPLOAD + "', ?, ?, ?)", ROWS_PER_INSERT, hashes, (ps, p, index, hash) -> {
          ps.setString(p, hash);
          ps.setObject(p + 1, at);
          ps.setString(p + 2, targetGroup);
          ps.setString(p + 3, recontactKey);
          ps.setLong(p + 4, batchId);
          return p + 5;
        }));
  }

  /** Toluna invites, stored in the caller's transaction with the invites and their outbox rows. */
  public void recordInvites(List<Invite> invites) {
    OffsetDateTime at = now();
    joined.executeWithoutResult(status -> JdbcBatches.multiRowInsert(jdbc, "insert into respondent_contact "
        + "(marketplace, respondent_hash, contacted_at, kind, panel_guid, survey_id, quota_id, invite_id, channel) "
        + "values ", "('TOLUNA', ?, ?, '" + INVITE + "', ?, ?, ?, ?, ?)", ROWS_PER_INSERT, invites,
        (ps, p, index, invite) -> {
          ps.setString(p, RespondentIds.hash(Marketplace.TOLUNA, invite.memberCode()));
          ps.setObject(p + 1, at);
          ps.setString(p + 2, invite.panelGuid());
          ps.setLong(p + 3, invite.surveyId());
          ps.setLong(p + 4, invite.quotaId());
          ps.setString(p + 5, invite.inviteId());
          ps.setString(p + 6, invite.channel());
          return p + 7;
        }));
  }

  /** For an erasure: deletes the respondent's contacts (found by hash); returns how many. */
  public int erase(Marketplace marketplace, String normalisedId) {
    return jdbc.update("delete from respondent_contact where respondent_hash = ?",
        RespondentIds.hash(marketplace, normalisedId));
  }

  /** The respondent's contacts, newest first (the id breaks ties: contacts of one batch share their time). */
  public List<Contact> of(Marketplace marketplace, String normalisedId, int limit) {
    return jdbc.query("select * from respondent_contact_history where respondent_hash = ? "
        + "order by contacted_at desc, id desc fetch first ? rows only", ContactHistory::contact,
        RespondentIds.hash(marketplace, normalisedId), limit);
  }

  private static Contact contact(ResultSet rs, int row) throws SQLException {
    return new Contact(instant(rs, "contacted_at"), rs.getString("marketplace"), rs.getString("kind"),
        rs.getString("target_group"), rs.getString("recontact_key"), longOrNull(rs, "upload_batch_id"),
        rs.getString("panel_guid"), longOrNull(rs, "survey_id"), longOrNull(rs, "quota_id"),
        rs.getString("invite_id"), rs.getString("channel"), rs.getString("delivery_state"),
        instant(rs, "delivered_at"), rs.getString("outcome"), rs.getString("outcome_reason"),
        instant(rs, "outcome_at"), instant(rs, "reversed_at"));
  }

  static Instant instant(ResultSet rs, String column) throws SQLException {
    OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
    return value == null ? null : value.toInstant();
  }

  private static Long longOrNull(ResultSet rs, String column) throws SQLException {
    long value = rs.getLong(column);
    return rs.wasNull() ? null : value;
  }

  static OffsetDateTime now() {
    return OffsetDateTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.MICROS);
  }
}
