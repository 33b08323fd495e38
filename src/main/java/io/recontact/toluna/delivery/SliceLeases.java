package io.recontact.toluna.delivery;

import io.recontact.storage.TimeOrderedIds;
import io.recontact.toluna.delivery.OutboxRows.Due;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * A delivery worker's claim of its slice of due outbox rows: one row in {@code toluna_delivery_lease} (V71) with the
 * slice's range in due order and its invites, instead of an update of each outbox row (on H2 each such update rewrote
 * the row in every index of the outbox; issue 20). What the per-row claim guaranteed still holds:
 * <ul>
 * <li>no two rounds send one invite at once: a due read skips every row in a lease's range, and a claim locks its
 * rows ({@code for update}) and keeps only those still pending as read and in no other lease;</li>
 * <li>a send whose outcome was lost counts as an attempt: a lease that ran out, or that this node's previous process
 * left, adds one attempt to its invites still pending before it is removed and they are due again;</li>
 * <li>rows claimed but not sent are due again once their lease is removed (with the outcomes of the slice's
 * sends).</li>
 * </ul>
 */
final class SliceLeases {

  /** Most invites one lease holds (a slice is at most a page, {@link InviteOutbox#PAGE}). */
  static final int MAX_INVITES = 1_000;
  /** For a due read over {@code toluna_invite_delivery o}: the row is in no lease's range. */
  static final String NOT_LEASED = "not exists (select 1 from toluna_delivery_lease l where l.panel_guid = "
      + "o.panel_guid and l.quota_id = o.quota_id and (o.next_attempt_at > l.first_at or (o.next_attempt_at = "
      + "l.first_at and o.invite_id >= l.first_invite)) and (o.next_attempt_at < l.last_at or (o.next_attempt_at = "
      + "l.last_at and o.invite_id <= l.last_invite)))";

  /** What a claim leased: {@code id} null when nothing was left to claim. */
  record Claim(String id, List<Due> claimed) {
  }

  /** A lease's range in due order ({@code next_attempt_at}, invite id), both ends included. */
  record Range(Instant firstAt, String firstInvite, Instant lastAt, String lastInvite) {

    boolean covers(Instant at, String inviteId) {
      int fromFirst = at.compareTo(firstAt) != 0 ? at.compareTo(firstAt) : inviteId.compareTo(firstInvite);
      int toLast = at.compareTo(lastAt) != 0 ? at.compareTo(lastAt) : inviteId.compareTo(lastInvite);
      return fromFirst >= 0 && toLast <= 0;
    }
  }

  /** For a due read over {@code toluna_invite_delivery o}: one row outside a range (six parameters). */
  private static final String OUTSIDE = "not ((o.next_attempt_at > ? or (o.next_attempt_at = ? and o.invite_id >= ?)) "
      + "and (o.next_attempt_at < ? or (o.next_attempt_at = ? and o.invite_id <= ?)))";

  private final JdbcTemplate jdbc;
  private final TransactionTemplate separate;
  /** This node's stable lock owner, written into {@code claimed_by}; null: leases name no node. */
  private final String owner;

  SliceLeases(JdbcTemplate jdbc, PlatformTransactionManager transactions, String owner) {
    this.jdbc = jdbc;
    this.separate = new TransactionTemplate(transactions);
    this.separate.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
    this.owner = owner;
  }

  /**
   * Leases the candidates (one quota's, in due order) that are still pending as read and in no other lease, in the
   * caller's transaction, which must commit before anything claimed is sent.
   */
  Claim claimInCaller(String panelGuid, long quotaId, List<Due> candidates, Instant now, Duration lease) {
    if (candidates.isEmpty()) {
      return new Claim(null, List.of());
    }
    if (candidates.size() > MAX_INVITES) {
      throw new IllegalArgumentException("a lease holds at most " + MAX_INVITES + " invites, not "
          + candidates.size());
    }
    Map<String, Due> asRead = new HashMap<>();
    candidates.forEach(d -> asRead.put(d.message().inviteId(), d));
    Set<String> still = new HashSet<>();
    // The rows are locked first (a plain IN list of at most MAX_INVITES keys of the outbox's primary key, looked up
    // one by one on both databases), so another claim of any of them waits until this one commits its lease; then
    // the quota's leases are read, and a row in another's range is left to it. Claims of other rows do not wait.
    jdbc.query("select o.invite_id, o.attempts, o.next_attempt_at from toluna_invite_delivery o where o.invite_id in ("
        + String.join(", ", Collections.nCopies(asRead.size(), "?")) + ") and o.state = 'PENDING' for update",
        rs -> {
          Due d = asRead.get(rs.getString(1));
          if (d.attempts() == rs.getInt(2)
              && d.nextAttemptAt().equals(rs.getObject(3, OffsetDateTime.class).toInstant())) {
            still.add(d.message().inviteId());
          }
        }, asRead.keySet().toArray());
    List<Range> leased = still.isEmpty() ? List.of() : ranges(panelGuid, quotaId);
    still.removeIf(id -> leased.stream().anyMatch(r -> r.covers(asRead.get(id).nextAttemptAt(), id)));
    List<Due> claimed = candidates.stream().filter(d -> still.contains(d.message().inviteId())).toList();
    if (claimed.isEmpty()) {
      return new Claim(null, List.of());
    }
    Due first = claimed.get(0);
    Due last = claimed.get(claimed.size() - 1);
    String id = TimeOrderedIds.next();
    jdbc.update("insert into toluna_delivery_lease (panel_guid, quota_id, id, first_at, first_invite, last_at, "
        + "last_invite, invite_ids, claimed_until, claimed_by) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", panelGuid,
        quotaId, id, time(first.nextAttemptAt()), first.message().inviteId(), time(last.nextAttemptAt()),
        last.message().inviteId(), String.join(",", claimed.stream().map(d -> d.message().inviteId()).toList()),
        time(now.plus(lease)), owner);
    return new Claim(id, claimed);
  }

  /**
   * Removes a lease in the caller's transaction (with the outcomes of its sends): its unsent rows are due again. By
   * its id alone: the table holds a few rows per running round.
   */
  void endInCaller(String id) {
    if (id != null) {
      jdbc.update("delete from toluna_delivery_lease where id = ?", id);
    }
  }

  /** {@link #endInCaller} in a transaction of its own. */
  void end(String id) {
    if (id != null) {
      separate.executeWithoutResult(status -> endInCaller(id));
    }
  }

  /**
   * The quota's leases that ran out (their round stopped without removing them): each adds one attempt to its
   * invites still pending and is removed, in a transaction of its own, so those invites are due again with the lost
   * send counted. Returns how many leases.
   */
  int expire(String panelGuid, long quotaId, Instant now) {
    return removeCounting(jdbc.queryForList("select id from toluna_delivery_lease where panel_guid = ? and "
        + "quota_id = ? and claimed_until <= ?", String.class, panelGuid, quotaId, time(now)), now, null);
  }

  /**
   * At start, before the job executor runs: the leases this node's owner took before this process started (they end
   * before {@code processStart + lease}) were its dead previous process's; they are removed now, as {@link #expire}
   * does, instead of when they end. Returns how many leases.
   */
  int releaseOwn(Instant processStart, Duration lease, Instant now) {
    if (owner == null) {
      return 0;
    }
    return removeCounting(jdbc.queryForList("select id from toluna_delivery_lease where claimed_by = ? and "
        + "claimed_until > ? and claimed_until < ?", String.class, owner, time(now), time(processStart.plus(lease))),
        now, owner);
  }

  /** The quota's leases, running or run out. */
  List<Range> ranges(String panelGuid, long quotaId) {
    return jdbc.query("select first_at, first_invite, last_at, last_invite from toluna_delivery_lease where "
        + "panel_guid = ? and quota_id = ?", (rs, row) -> new Range(rs.getObject(1, OffsetDateTime.class).toInstant(),
            rs.getString(2), rs.getObject(3, OffsetDateTime.class).toInstant(), rs.getString(4)), panelGuid, quotaId);
  }

  /**
   * The condition "in none of {@code ranges}" for a due read over {@code toluna_invite_delivery o} (empty: none),
   * its parameters added to {@code args}: plain comparisons H2 checks per row, not a subquery run for each row.
   */
  static String outside(List<Range> ranges, List<Object> args) {
    StringBuilder sql = new StringBuilder();
    for (Range r : ranges) {
      sql.append(" and ").append(OUTSIDE);
      args.addAll(List.of(time(r.firstAt()), time(r.firstAt()), r.firstInvite(), time(r.lastAt()), time(r.lastAt()),
          r.lastInvite()));
    }
    return sql.toString();
  }

  /** The earliest end of the quota's leases (null: none). */
  Instant firstEnd(String panelGuid, long quotaId) {
    OffsetDateTime end = jdbc.queryForObject("select min(claimed_until) from toluna_delivery_lease where "
        + "panel_guid = ? and quota_id = ?", OffsetDateTime.class, panelGuid, quotaId);
    return end == null ? null : end.toInstant();
  }

  /** Each lease removed only by the transaction that deletes it (another round may be removing it too). */
  private int removeCounting(List<String> ids, Instant now, String ownedBy) {
    int removed = 0;
    for (String id : ids) {
      Boolean done = separate.execute(status -> {
        List<String> invites = jdbc.queryForList("select invite_ids from toluna_delivery_lease where id = ?",
            String.class, id);
        String condition = ownedBy == null ? "claimed_until <= ?" : "claimed_by = ?";
        if (invites.isEmpty() || jdbc.update("delete from toluna_delivery_lease where id = ? and " + condition, id,
            ownedBy == null ? time(now) : ownedBy) == 0) {
          return false;
        }
        jdbc.batchUpdate("update toluna_invite_delivery set attempts = attempts + 1 where invite_id = ? and state = "
            + "'PENDING'", Arrays.stream(invites.get(0).split(",")).map(i -> new Object[] {i}).toList());
        return true;
      });
      removed += Boolean.TRUE.equals(done) ? 1 : 0;
    }
    return removed;
  }

  private static OffsetDateTime time(Instant instant) {
    return instant.atOffset(ZoneOffset.UTC);
  }
}
