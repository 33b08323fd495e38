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
 * transaction that makes the contact (a Cint batch's job id), refused without one, so the history never disagrees
 * with what was sent. Read through the view {@code respondent_contact_history}, which adds a Toluna invite's delivery
 * and outcome from the tables that own them.
 *
 * <p>A Toluna invite is its own contact while it names the member ({@code toluna_invite.member_code}): the history and
 * the caps read the member's invites, stored in the transaction that stores the outbox row, and an erasure's
 * tombstone on the invite ends that contact. When retention removes the member code, the invite's contact is written
 * here, named by the member's hash ({@link #keepInvites}), so the history keeps it (V68). A row per invite written
 * with the invite cost three more row and index entries per invite (issue 20).
 */
@Repository
public class ContactHistory {

  public static final String UPLOAD = "TARGET_GROUP_UPLOAD";
  public static final String INVITE = "INVITE";
  /** Rows per multi-row insert (5 parameters each); 100,000 IDs are 200 statements in batches. */
  static final int ROWS_PER_INSERT = 500;

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

  /**
   * Before invites lose their member code (retention), each gets its contact row, named by the member's hash, in the
   * caller's transaction: {@code memberCodes} maps invite id to member code. An invite that has one already (a retried
   * chunk) is skipped. Returns the contacts written.
   */
  public int keepInvites(Map<String, String> memberCodes) {
    List<Map.Entry<String, String>> invites = List.copyOf(memberCodes.entrySet());
    return joined.execute(status -> JdbcBatches.batch(jdbc, "insert into respondent_contact (marketplace, "
        + "respondent_hash, contacted_at, kind, panel_guid, survey_id, quota_id, invite_id, channel) "
        + "select 'TOLUNA', ?, i.created_at, '" + INVITE + "', i.panel_guid, i.survey_id, i.quota_id, i.invite_id, "
        + "d.channel from toluna_invite i left join toluna_invite_delivery d on d.invite_id = i.invite_id "
        + "where i.invite_id = ? and not exists (select 1 from respondent_contact c where c.invite_id = i.invite_id)",
        invites.size(), (ps, i) -> {
          ps.setString(1, RespondentIds.hash(Marketplace.TOLUNA, invites.get(i).getValue()));
          ps.setString(2, invites.get(i).getKey());
        }));
  }

  /**
   * For an erasure: deletes the respondent's contacts by hash; returns how many. A Toluna member's invites that still
   * name the member are contacts of their own, ended by the Toluna step's tombstone on them.
   */
  public int erase(Marketplace marketplace, String normalisedId) {
    return jdbc.update("delete from respondent_contact where respondent_hash = ?",
        RespondentIds.hash(marketplace, normalisedId));
  }

  /**
   * The respondent's contacts, newest first (contacts of one batch share their time: then by id, newest first); a
   * Toluna member's are the contacts by hash and the invites that name the member, merged.
   */
  public List<Contact> of(Marketplace marketplace, String normalisedId, int limit) {
    List<Row> rows = new ArrayList<>(jdbc.query("select * from respondent_contact_history where respondent_hash = ? "
        + "order by contacted_at desc, id desc fetch first ? rows only", ContactHistory::row,
        RespondentIds.hash(marketplace, normalisedId), limit));
    if (marketplace == Marketplace.TOLUNA) {
      rows.addAll(jdbc.query("select i.created_at, i.panel_guid, i.survey_id, i.quota_id, i.invite_id, d.channel, "
          + "d.state, d.delivered_at, o.outcome, o.reason, o.event_at as outcome_at, o.reversed_at "
          + "from toluna_invite i left join toluna_invite_delivery d on d.invite_id = i.invite_id "
          + "left join toluna_invite_outcome o on o.invite_id = i.invite_id where i.member_code = ? "
          + "order by i.created_at desc, i.invite_id desc fetch first ? rows only", ContactHistory::invite,
          normalisedId, limit));
      rows.sort(Comparator.comparing((Row r) -> r.contact().contactedAt()).thenComparing(Row::order).reversed());
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
      jdbc.query("select member_code, created_at from toluna_invite where member_code in ("
          + Suppressions.marks(hashes.size()) + ") and created_at > ?", rs -> {
            times.computeIfAbsent(rs.getString(1), k -> new ArrayList<>()).add(instant(rs, "created_at"));
          }, codes.toArray());
    }
    times.values().forEach(list -> list.sort(null));
    return times;
  }

  /** A contact with what orders contacts of the same time: the row id, or a Toluna invite's time-ordered id. */
  private record Row(String order, Contact contact) {
  }

  private static Row row(ResultSet rs, int row) throws SQLException {
    return new Row("%020d".formatted(rs.getLong("id")), new Contact(instant(rs, "contacted_at"),
        rs.getString("marketplace"), rs.getString("kind"), rs.getString("target_group"),
        rs.getString("recontact_key"), longOrNull(rs, "upload_batch_id"), rs.getString("panel_guid"),
        longOrNull(rs, "survey_id"), longOrNull(rs, "quota_id"), rs.getString("invite_id"), rs.getString("channel"),
        rs.getString("delivery_state"), instant(rs, "delivered_at"), rs.getString("outcome"),
        rs.getString("outcome_reason"), instant(rs, "outcome_at"), instant(rs, "reversed_at")));
  }

  private static Row invite(ResultSet rs, int row) throws SQLException {
    return new Row(rs.getString("invite_id"), new Contact(instant(rs, "created_at"), "TOLUNA", INVITE, null, null,
        null, rs.getString("panel_guid"), rs.getLong("survey_id"), rs.getLong("quota_id"), rs.getString("invite_id"),
        rs.getString("channel"), rs.getString("state"), instant(rs, "delivered_at"), rs.getString("outcome"),
        rs.getString("reason"), instant(rs, "outcome_at"), instant(rs, "reversed_at")));
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
