package io.recontact.governance;

import io.recontact.storage.JdbcBatches;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Every contact of a respondent ({@code respondent_contact}, V40), without the identifier. Written only inside the
 * transaction that makes the contact (a Cint batch's job id, a Toluna invite with its outbox row), refused without
 * one, so the history never disagrees with what was sent. Read through the view {@code respondent_contact_history},
 * which adds a Toluna invite's delivery and outcome from the tables that own them.
 *
 * <p>A contact names its respondent by hash, except a Toluna invite's while the invite holds the member code: that
 * contact is found through its invite ({@code toluna_invite.member_code}), and gets the hash when retention removes
 * the code ({@link #nameByHash}). A hash is random, so indexing it per invite wrote at a random place of the index
 * (V67); the member's invites are found by the member code's index, which the invite writes anyway.
 */
@Repository
public class ContactHistory {

  public static final String UPLOAD = "TARGET_GROUP_UPLOAD";
  public static final String INVITE = "INVITE";
  /** Rows per multi-row insert (5 or 6 parameters each); 100,000 IDs are 200 statements in batches. */
  static final int ROWS_PER_INSERT = 500;

  /** One Toluna invite as stored; its {@code toluna_invite} row, which names the member, is in the same transaction. */
  public record Invite(String panelGuid, long surveyId, long quotaId, String inviteId, String channel) {
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
        + "(marketplace, contacted_at, kind, panel_guid, survey_id, quota_id, invite_id, channel) values ",
        "('TOLUNA', ?, '" + INVITE + "', ?, ?, ?, ?, ?)", ROWS_PER_INSERT, invites, (ps, p, index, invite) -> {
          ps.setObject(p, at);
          ps.setString(p + 1, invite.panelGuid());
          ps.setLong(p + 2, invite.surveyId());
          ps.setLong(p + 3, invite.quotaId());
          ps.setString(p + 4, invite.inviteId());
          ps.setString(p + 5, invite.channel());
          return p + 6;
        }));
  }

  /**
   * Before invites lose their member code (retention), their contacts get the member's hash, in the caller's
   * transaction: {@code memberCodes} maps invite id to member code. Returns the contacts named.
   */
  public int nameByHash(Map<String, String> memberCodes) {
    List<Map.Entry<String, String>> invites = List.copyOf(memberCodes.entrySet());
    return joined.execute(status -> JdbcBatches.batch(jdbc, "update respondent_contact set respondent_hash = ? "
        + "where invite_id = ? and respondent_hash is null", invites.size(), (ps, i) -> {
          ps.setString(1, RespondentIds.hash(Marketplace.TOLUNA, invites.get(i).getValue()));
          ps.setString(2, invites.get(i).getKey());
        }));
  }

  /**
   * For an erasure: deletes the respondent's contacts (by hash, and a Toluna member's through their invites, so this
   * runs before the invites lose the member code: {@code GovernanceErasure} is the first step); returns how many.
   */
  public int erase(Marketplace marketplace, String normalisedId) {
    int rows = 0;
    if (marketplace == Marketplace.TOLUNA) {
      rows += jdbc.update("delete from respondent_contact where invite_id in "
          + "(select invite_id from toluna_invite where member_code = ?)", normalisedId);
    }
    return rows + jdbc.update("delete from respondent_contact where respondent_hash = ?",
        RespondentIds.hash(marketplace, normalisedId));
  }

  /** The respondent's contacts, newest first (contacts of one batch share their time: then by id, newest first). */
  public List<Contact> of(Marketplace marketplace, String normalisedId, int limit) {
    List<Row> rows = new ArrayList<>(jdbc.query("select * from respondent_contact_history where respondent_hash = ? "
        + "order by contacted_at desc, id desc fetch first ? rows only", ContactHistory::row,
        RespondentIds.hash(marketplace, normalisedId), limit));
    if (marketplace == Marketplace.TOLUNA) {
      // Driven by the member's invites; a contact that has a hash was read above.
      jdbc.query("select h.* from toluna_invite i join respondent_contact_history h on h.invite_id = i.invite_id "
          + "where i.member_code = ? order by h.contacted_at desc, h.id desc fetch first ? rows only", rs -> {
            if (rs.getString("respondent_hash") == null) {
              rows.add(row(rs, 0));
            }
          }, normalisedId, limit);
      rows.sort(Comparator.comparing((Row r) -> r.contact().contactedAt()).thenComparingLong(Row::id).reversed());
    }
    return rows.stream().limit(limit).map(Row::contact).toList();
  }

  /**
   * For the caps: the contact times after {@code since} of the respondents behind {@code hashes} (hash to normalised
   * id), keyed by normalised id, ascending.
   */
  Map<String, List<Instant>> timesSince(Marketplace marketplace, Map<String, String> hashes, Instant since) {
    Map<String, List<Instant>> times = new HashMap<>();
    OffsetDateTime after = OffsetDateTime.ofInstant(since, ZoneOffset.UTC);
    List<Object> args = new ArrayList<>(hashes.keySet());
    args.add(after);
    jdbc.query("select respondent_hash, contacted_at from respondent_contact where respondent_hash in ("
        + Suppressions.marks(hashes.size()) + ") and contacted_at > ?", rs -> {
          times.computeIfAbsent(hashes.get(rs.getString(1)), k -> new ArrayList<>()).add(instant(rs, "contacted_at"));
        }, args.toArray());
    if (marketplace == Marketplace.TOLUNA) {
      List<Object> codes = new ArrayList<>(hashes.values());
      codes.add(after);
      // No condition on the hash in SQL: "is null" would invite a planner to read every such contact of the window
      // through the hash index instead of the few of these members' invites.
      jdbc.query("select i.member_code, c.contacted_at, c.respondent_hash from toluna_invite i join respondent_contact "
          + "c on c.invite_id = i.invite_id where i.member_code in (" + Suppressions.marks(hashes.size()) + ") and "
          + "c.contacted_at > ?", rs -> {
            if (rs.getString(3) == null) {
              times.computeIfAbsent(rs.getString(1), k -> new ArrayList<>()).add(instant(rs, "contacted_at"));
            }
          }, codes.toArray());
    }
    times.values().forEach(list -> list.sort(null));
    return times;
  }

  /** A contact with its row id, which orders contacts of the same time. */
  private record Row(long id, Contact contact) {
  }

  private static Row row(ResultSet rs, int row) throws SQLException {
    return new Row(rs.getLong("id"), new Contact(instant(rs, "contacted_at"), rs.getString("marketplace"),
        rs.getString("kind"), rs.getString("target_group"), rs.getString("recontact_key"),
        longOrNull(rs, "upload_batch_id"), rs.getString("panel_guid"), longOrNull(rs, "survey_id"),
        longOrNull(rs, "quota_id"), rs.getString("invite_id"), rs.getString("channel"), rs.getString("delivery_state"),
        instant(rs, "delivered_at"), rs.getString("outcome"), rs.getString("outcome_reason"),
        instant(rs, "outcome_at"), instant(rs, "reversed_at")));
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
