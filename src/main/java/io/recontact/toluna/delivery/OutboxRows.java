package io.recontact.toluna.delivery;

import io.recontact.storage.JdbcBatches;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The SQL of the outbox table ({@code toluna_invite_delivery}, V4) and the member states it moves. Inserts join the
 * caller's transaction (they must commit with the invite); claims, releases and outcomes run in transactions of
 * their own, because the caller's Camunda job transaction may roll back or run long.
 */
final class OutboxRows {

  static final int MAX_ERROR_LENGTH = 1000;

  enum Outcome { DELIVERED, FAILED, RETRY }

  /** A PENDING row as a round reads it ({@code nextAttemptAt}: its place in due order). */
  record Due(InviteMessage message, String channel, int attempts, Instant nextAttemptAt) {
  }

  /** What {@link #settleAndClaim} wrote and claimed ({@code lease}: the claim's, null when nothing was claimed). */
  record Settled(List<Mark> written, List<Due> claimed, String lease) {
  }

  /**
   * A send's outcome ({@code next}: when a retry is due; {@code sent}: false for a row failed without a send, whose
   * lost attempt was counted when its lease ran out).
   */
  record Mark(InviteMessage message, Outcome outcome, String reason, Instant next, boolean sent) {

    Mark(InviteMessage message, Outcome outcome, String reason, Instant next) {
      this(message, outcome, reason, next, true);
    }
  }

  private final JdbcTemplate jdbc;
  private final TransactionTemplate joined;
  private final TransactionTemplate separate;
  /** Claims of rows made before V71 (one update per row), honoured until their lease ends. */
  private final OutboxLease lease;
  private final SliceLeases leases;

  OutboxRows(JdbcTemplate jdbc, PlatformTransactionManager transactions, String owner) {
    this.jdbc = jdbc;
    this.lease = new OutboxLease(jdbc, transactions, "toluna_invite_delivery", "invite_id", owner);
    this.leases = new SliceLeases(jdbc, transactions, owner);
    this.joined = new TransactionTemplate(transactions);
    this.joined.setPropagationBehavior(TransactionDefinition.PROPAGATION_MANDATORY);
    this.separate = new TransactionTemplate(transactions);
    this.separate.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
  }

  /** PENDING rows due now, in the caller's transaction (refused without one). */
  void insert(List<String> inviteIds, String panelGuid, long quotaId, String channel, Instant now) {
    joined.executeWithoutResult(status -> JdbcBatches.multiRowInsert(jdbc, "insert into toluna_invite_delivery "
        + "(invite_id, panel_guid, quota_id, channel, state, attempts, next_attempt_at) values ",
        "(?, ?, ?, ?, 'PENDING', 0, ?)", 200, inviteIds, (ps, p, index, id) -> {
          ps.setString(p, id);
          ps.setString(p + 1, panelGuid);
          ps.setLong(p + 2, quotaId);
          ps.setString(p + 3, channel);
          ps.setObject(p + 4, time(now));
          return p + 5;
        }));
  }

  /**
   * The first {@code max} due rows with what a channel needs. They are picked from the outbox alone, then joined:
   * joining first made H2 join and sort every pending row of the quota per round. The order names the due index's
   * leading columns too (fixed by the condition, so the order is the same): only then does H2 read the index in order
   * and stop after {@code max} rows; ordered by the last two alone it read and sorted every PENDING row of the quota,
   * 0.5-1.8 s per round at 100,000 (issue 20's profile), against 1-40 ms now. PostgreSQL plans both alike.
   * After {@code after} in due order (null: from the start): a call reads its next page past the rows it has already
   * handed out, which stay due until their claims commit. The cursor's time is also a plain lower bound, so both
   * databases start the index scan at it: with the row comparison as an "or" alone, PostgreSQL scanned the due index
   * from the quota's first PENDING entry, past the dead entries claims and outcomes left behind (not HOT: the
   * indexed columns changed), 93 ms per page of 1,000 (9.3 s of statement time per benchmark run; issue 20). Rows
   * in a lease's range ({@link SliceLeases}, V71) and rows claimed one by one before it ({@code claimed_until}, V69)
   * are skipped.
   */
  List<Due> due(String panelGuid, long quotaId, Instant now, Due after, int max) {
    List<Object> args = new ArrayList<>(List.of(panelGuid, quotaId, time(now), time(now)));
    String outside = SliceLeases.outside(leases.ranges(panelGuid, quotaId), args) + " ";
    String past = "";
    if (after != null) {
      past = "and o.next_attempt_at >= ? and (o.next_attempt_at > ? or o.invite_id > ?) ";
      args.addAll(List.of(time(after.nextAttemptAt()), time(after.nextAttemptAt()), after.message().inviteId()));
    }
    args.add(max);
    // The e-mail address only for the e-mail channel: a webhook does not send it, and reading the member's directory
    // row (with its profile) for each invite was work for nothing.
    return jdbc.query("select d.invite_id, d.channel, d.attempts, d.next_attempt_at, i.member_code, i.survey_id, "
        + "i.wave_id, i.url, i.loi, i.ir, i.partner_amount, i.member_amount, case when d.channel = '"
        + DeliveryProperties.Channel.EMAIL.name() + "' then (select m.email from panel_member m where "
        + "m.member_code = i.member_code) end as email from (select o.invite_id, o.channel, o.attempts, "
        + "o.next_attempt_at from toluna_invite_delivery o where o.panel_guid = ? and o.quota_id = ? and o.state = "
        + "'PENDING' and o.next_attempt_at <= ? and " + OutboxLease.UNLEASED + outside + past + "order by "
        + "o.panel_guid, o.quota_id, o.state, o.next_attempt_at, o.invite_id fetch first ? rows only) d "
        + "join toluna_invite i on i.invite_id = d.invite_id order by d.next_attempt_at, d.invite_id",
        (rs, row) -> due(rs, panelGuid, quotaId), args.toArray());
  }

  /** The leases ({@link SliceLeases#releaseOwn}) and rows claimed before V71 that this node's previous process left. */
  int releaseStaleClaims(Instant processStart, Duration lease, Instant now) {
    return leases.releaseOwn(processStart, lease, now) + this.lease.releaseStaleClaims(processStart, lease, now);
  }

  /** {@link SliceLeases#expire}: before a round reads due rows. */
  int expireLeases(String panelGuid, long quotaId, Instant now) {
    return leases.expire(panelGuid, quotaId, now);
  }

  /** A lease whose rows were not sent: they are due again as they were. */
  void endLease(String id) {
    leases.end(id);
  }

  /**
   * Outcomes of a few sends, rows and members together, and the end of their slice's lease, in a transaction of its
   * own. Returns the marks that changed a PENDING row (a row another round settled meanwhile is left as it is).
   */
  List<Mark> write(List<Mark> batch, String lease, Instant now) {
    return separate.execute(status -> {
      List<Mark> written = writeInCaller(batch, now);
      leases.endInCaller(lease);
      return written;
    });
  }

  /**
   * A worker's outcomes, the end of their slice's lease ({@code ended}) and the lease of its next slice in one
   * transaction: half the commits of writing and claiming apart (each rewrites the changed index pages on H2's file
   * database). The claim commits before anything it claims is sent, and the outcomes are those of sends already made:
   * a crash between the two leaves the sent rows leased, as before.
   */
  Settled settleAndClaim(List<Mark> marks, String ended, List<Due> next, Instant now, Duration lease) {
    if (marks.isEmpty() && ended == null && next.isEmpty()) {
      return new Settled(List.of(), List.of(), null);
    }
    return separate.execute(status -> {
      List<Mark> written = writeInCaller(marks, now);
      leases.endInCaller(ended);
      if (next.isEmpty()) {
        return new Settled(written, List.of(), null);
      }
      InviteMessage first = next.get(0).message();
      SliceLeases.Claim claim = leases.claimInCaller(first.panelGuid(), first.quotaId(), next, now, lease);
      return new Settled(written, claim.claimed(), claim.id());
    });
  }

  private List<Mark> writeInCaller(List<Mark> batch, Instant now) {
    List<Object[]> done = new ArrayList<>();
    List<Mark> doneMarks = new ArrayList<>();
    List<Object[]> members = new ArrayList<>();
    List<Object[]> later = new ArrayList<>();
    List<Mark> laterMarks = new ArrayList<>();
    for (Mark mark : batch) {
      InviteMessage m = mark.message();
      boolean delivered = mark.outcome() == Outcome.DELIVERED;
      if (mark.outcome() == Outcome.RETRY) {
        later.add(new Object[] {time(mark.next()), truncate(mark.reason()), mark.sent() ? 1 : 0, m.inviteId()});
        laterMarks.add(mark);
        continue;
      }
      done.add(new Object[] {delivered ? "DELIVERED" : "FAILED", delivered ? time(now) : null,
          truncate(mark.reason()), mark.sent() ? 1 : 0, m.inviteId()});
      doneMarks.add(mark);
      members.add(new Object[] {delivered ? "DELIVERED" : "DELIVERY_FAILED",
          delivered ? null : truncate("invite not delivered: " + mark.reason()), time(now), m.panelGuid(),
          m.quotaId(), m.memberCode()});
    }
    List<Mark> applied = new ArrayList<>();
    if (!done.isEmpty()) {
      // The attempt is counted with its outcome (a lease counts it only when it runs out with the row pending).
      applied(jdbc.batchUpdate("update toluna_invite_delivery set state = ?, delivered_at = ?, last_error = ?, "
          + "attempts = attempts + ? where invite_id = ? and state = 'PENDING'", done), doneMarks, applied);
      jdbc.batchUpdate("update toluna_quota_member set state = ?, reason = ?, updated_at = ? where panel_guid = ? "
          + "and quota_id = ? and member_code = ?", members);
    }
    if (!later.isEmpty()) {
      applied(jdbc.batchUpdate("update toluna_invite_delivery set next_attempt_at = ?, last_error = ?, "
          + "attempts = attempts + ?, claimed_until = null, claimed_by = null where invite_id = ? and state = "
          + "'PENDING'", later), laterMarks, applied);
    }
    return applied;
  }

  private static void applied(int[] counts, List<Mark> marks, List<Mark> applied) {
    for (int i = 0; i < marks.size(); i++) {
      if (OutboxLease.changed(counts, i)) {
        applied.add(marks.get(i));
      }
    }
  }


  /**
   * How many rows of the quota are still PENDING and when the earliest can be sent (null when none): a row in a
   * lease's range once the first lease ends (then it is due again or sent).
   */
  DeliveryRound round(String panelGuid, long quotaId, int delivered, int failed, int retryLater) {
    DeliveryRound round = jdbc.queryForObject("select count(*), min(case when " + SliceLeases.NOT_LEASED + " then "
        + OutboxLease.SENDABLE_AT + " end) from toluna_invite_delivery o where o.panel_guid = ? and o.quota_id = ? "
        + "and o.state = 'PENDING'", (rs, row) -> {
          OffsetDateTime next = rs.getObject(2, OffsetDateTime.class);
          return new DeliveryRound(delivered, failed, retryLater, rs.getInt(1), next == null ? null : next.toInstant());
        }, panelGuid, quotaId);
    Instant leaseEnd = round.pendingTotal() == 0 ? null : leases.firstEnd(panelGuid, quotaId);
    if (leaseEnd == null || (round.nextAttemptAt() != null && round.nextAttemptAt().isBefore(leaseEnd))) {
      return round;
    }
    return new DeliveryRound(delivered, failed, retryLater, round.pendingTotal(), leaseEnd);
  }

  DeliveryCounts counts(String panelGuid, long quotaId) {
    long[] counts = new long[3];
    jdbc.query("select state, count(*) from toluna_invite_delivery where panel_guid = ? and quota_id = ? "
        + "group by state", rs -> {
          switch (rs.getString(1)) {
            case "PENDING" -> counts[0] = rs.getLong(2);
            case "DELIVERED" -> counts[1] = rs.getLong(2);
            case "FAILED" -> counts[2] = rs.getLong(2);
            default -> { }
          }
        }, panelGuid, quotaId);
    return new DeliveryCounts(counts[0], counts[1], counts[2]);
  }

  private static Due due(ResultSet rs, String panelGuid, long quotaId) throws SQLException {
    Long waveId = rs.getObject("wave_id") == null ? null : rs.getLong("wave_id");
    Integer loi = rs.getObject("loi") == null ? null : rs.getInt("loi");
    Integer ir = rs.getObject("ir") == null ? null : rs.getInt("ir");
    Double partner = rs.getObject("partner_amount") == null ? null : rs.getDouble("partner_amount");
    Double member = rs.getObject("member_amount") == null ? null : rs.getDouble("member_amount");
    InviteMessage message = new InviteMessage(rs.getString("invite_id"), panelGuid, rs.getString("member_code"),
        rs.getString("email"), rs.getLong("survey_id"), waveId, quotaId, rs.getString("url"), loi, ir, partner, member);
    return new Due(message, rs.getString("channel"), rs.getInt("attempts"),
        rs.getObject("next_attempt_at", OffsetDateTime.class).toInstant());
  }

  private static OffsetDateTime time(Instant instant) {
    return instant.atOffset(ZoneOffset.UTC);
  }

  private static String truncate(String text) {
    return text == null || text.length() <= MAX_ERROR_LENGTH ? text : text.substring(0, MAX_ERROR_LENGTH - 3) + "...";
  }
}
