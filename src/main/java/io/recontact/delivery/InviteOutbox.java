package io.recontact.delivery;

import io.recontact.delivery.DeliveryProperties.Channel;
import io.recontact.marketplace.BoundedCalls;
import io.recontact.marketplace.Pacer;
import io.recontact.storage.Batcher;
import io.recontact.storage.JdbcBatches;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.EnumMap;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.Map;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The invite outbox ({@code toluna_invite_delivery}, V4): a row is written with its invite and sent until delivered
 * or failed. Each send first claims its row (attempts + 1, next attempt pushed past {@link #CLAIM_LEASE}) in a
 * transaction of its own, so two rounds never send one invite at the same time and a send whose outcome was lost
 * counts as an attempt; the outcome is recorded right after the send, again in its own transaction, because the
 * caller's Camunda job transaction may roll back or run long. What remains is the crash window between a send and
 * its mark: the resend carries the same idempotency key or Message-ID (docs/toluna-delivery.md).
 */
@Repository
public class InviteOutbox {

  /** How long a claimed row is left alone: far beyond one send's timeout. */
  static final Duration CLAIM_LEASE = Duration.ofMinutes(5);
  /** Longest wait between two attempts, however many failed. */
  static final Duration MAX_DELAY = Duration.ofDays(1);
  static final int MAX_ERROR_LENGTH = 1000;
  private static final Logger LOG = LoggerFactory.getLogger(InviteOutbox.class);

  private enum Outcome { DELIVERED, FAILED, RETRY }

  /** Outcomes written per transaction: the crash window (sent, not marked) covers at most this many sends. */
  static final int MARK_BATCH = 20;

  private record Due(InviteMessage message, String channel, int attempts) {
  }

  /** A send's outcome, written with others of the round ({@code next}: when a retry is due). */
  private record Mark(InviteMessage message, Outcome outcome, String reason, Instant next) {
  }

  private final JdbcTemplate jdbc;
  private final TransactionTemplate joined;
  private final TransactionTemplate separate;
  private final DeliveryProperties properties;
  private final Map<Channel, InviteChannel> channels = new EnumMap<>(Channel.class);
  private final Clock clock;

  @Autowired
  public InviteOutbox(JdbcTemplate jdbc, PlatformTransactionManager transactions, DeliveryProperties properties,
      List<InviteChannel> channels) {
    this(jdbc, transactions, properties, channels, Clock.systemUTC());
  }

  InviteOutbox(JdbcTemplate jdbc, PlatformTransactionManager transactions, DeliveryProperties properties,
      List<InviteChannel> channels, Clock clock) {
    this.jdbc = jdbc;
    this.joined = new TransactionTemplate(transactions);
    this.joined.setPropagationBehavior(TransactionDefinition.PROPAGATION_MANDATORY);
    this.separate = new TransactionTemplate(transactions);
    this.separate.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
    this.properties = properties;
    channels.forEach(c -> this.channels.put(c.kind(), c));
    this.clock = clock;
  }

  /**
   * Writes the PENDING delivery of a stored invite, due now, on the configured channel. Must run inside the
   * transaction that stores the invite: the invite and its delivery commit together or not at all.
   */
  public void enqueue(String inviteId, String panelGuid, long quotaId) {
    joined.executeWithoutResult(status -> jdbc.update("insert into toluna_invite_delivery (invite_id, panel_guid, "
        + "quota_id, channel, state, attempts, next_attempt_at) values (?, ?, ?, ?, 'PENDING', 0, ?)", inviteId,
        panelGuid, quotaId, properties.channel().name(), time(now())));
  }

  /** {@link #enqueue} for many invites of one quota, in one statement per few hundred rows. */
  public void enqueueAll(List<String> inviteIds, String panelGuid, long quotaId) {
    OffsetDateTime now = time(now());
    String channel = properties.channel().name();
    joined.executeWithoutResult(status -> JdbcBatches.multiRowInsert(jdbc, "insert into toluna_invite_delivery "
        + "(invite_id, panel_guid, quota_id, channel, state, attempts, next_attempt_at) values ",
        "(?, ?, ?, ?, 'PENDING', 0, ?)", 200, inviteIds, (ps, p, index, id) -> {
          ps.setString(p, id);
          ps.setString(p + 1, panelGuid);
          ps.setLong(p + 2, quotaId);
          ps.setString(p + 3, channel);
          ps.setObject(p + 4, now);
          return p + 5;
        }));
  }

  /**
   * Sends up to {@code max} of the quota's due PENDING invites, {@code concurrency} at a time ({@link BoundedCalls}).
   * {@code keepGoing} is asked before each send, on the caller's thread; once it says false nothing more is sent this
   * round and the unsent rows stay PENDING as they were.
   */
  public DeliveryRound deliverDue(String panelGuid, long quotaId, int max, BooleanSupplier keepGoing) {
    if (max < 1) {
      throw new IllegalArgumentException("max must be at least 1, not " + max);
    }
    // The due rows are picked from the outbox alone, then joined: joining first made H2 join and sort every
    // pending row of the quota per round (a second per round at 100,000 pending).
    List<Due> due = jdbc.query("select d.invite_id, d.channel, d.attempts, i.member_code, i.survey_id, i.wave_id, "
        + "i.url, i.loi, i.ir, i.partner_amount, i.member_amount, m.email from (select invite_id, channel, attempts, "
        + "next_attempt_at from toluna_invite_delivery where panel_guid = ? and quota_id = ? and state = 'PENDING' "
        + "and next_attempt_at <= ? order by next_attempt_at, invite_id fetch first ? rows only) d "
        + "join toluna_invite i on i.invite_id = d.invite_id left join panel_member m on m.member_code = i.member_code "
        + "order by d.next_attempt_at, d.invite_id",
        (rs, row) -> due(rs, panelGuid, quotaId), panelGuid, quotaId, time(now()), max);
    Map<Outcome, Integer> tally = new EnumMap<>(Outcome.class);
    Batcher<Mark> marks = new Batcher<>(MARK_BATCH, this::write);
    try {
      List<Due> claimed = claim(due, marks, tally);
      Set<String> started = ConcurrentHashMap.newKeySet();
      try {
        BoundedCalls.run(claimed, properties.concurrency(), Pacer.NONE, keepGoing, d -> {
          started.add(d.message().inviteId());
          Outcome outcome = attempt(d, marks);
          synchronized (tally) {
            tally.merge(outcome, 1, Integer::sum);
          }
        });
      } finally {
        release(claimed.stream().filter(d -> !started.contains(d.message().inviteId())).toList());
      }
    } finally {
      marks.flush();
    }
    return jdbc.queryForObject("select count(*), min(next_attempt_at) from toluna_invite_delivery "
        + "where panel_guid = ? and quota_id = ? and state = 'PENDING'", (rs, row) -> {
          OffsetDateTime next = rs.getObject(2, OffsetDateTime.class);
          return new DeliveryRound(tally.getOrDefault(Outcome.DELIVERED, 0), tally.getOrDefault(Outcome.FAILED, 0),
              tally.getOrDefault(Outcome.RETRY, 0), rs.getInt(1), next == null ? null : next.toInstant());
        }, panelGuid, quotaId);
  }

  public DeliveryCounts counts(String panelGuid, long quotaId) {
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

  /**
   * Claims the due rows in one transaction (attempts + 1, next attempt pushed past the lease), each only if no other
   * round changed it since it was read; a row already at its last attempt whose outcome was never recorded fails.
   */
  private List<Due> claim(List<Due> due, Batcher<Mark> marks, Map<Outcome, Integer> tally) {
    Instant claimedAt = now();
    List<Due> candidates = new ArrayList<>();
    for (Due d : due) {
      if (d.attempts() >= properties.maxAttempts()) {
        marks.add(new Mark(d.message(), Outcome.FAILED, "no outcome recorded for attempt " + d.attempts() + " of "
            + properties.maxAttempts(), null));
        tally.merge(Outcome.FAILED, 1, Integer::sum);
      } else {
        candidates.add(d);
      }
    }
    int[] counts = separate.execute(status -> jdbc.batchUpdate("update toluna_invite_delivery set attempts = "
        + "attempts + 1, next_attempt_at = ? where invite_id = ? and state = 'PENDING' and attempts = ? and "
        + "next_attempt_at <= ?", candidates.stream().map(d -> new Object[] {time(claimedAt.plus(CLAIM_LEASE)),
            d.message().inviteId(), d.attempts(), time(claimedAt)}).toList()));
    List<Due> claimed = new ArrayList<>();
    for (int i = 0; i < candidates.size(); i++) {
      if (counts[i] > 0 || counts[i] == java.sql.Statement.SUCCESS_NO_INFO) {
        claimed.add(candidates.get(i)); // 0 = another round has it
      }
    }
    return claimed;
  }

  /** Claimed rows that were not sent (the quota was paused meanwhile) go back as they were. */
  private void release(List<Due> unsent) {
    if (unsent.isEmpty()) {
      return;
    }
    Instant now = now();
    separate.executeWithoutResult(status -> jdbc.batchUpdate("update toluna_invite_delivery set attempts = ?, "
        + "next_attempt_at = ? where invite_id = ? and state = 'PENDING'", unsent.stream().map(d -> new Object[] {
            d.attempts(), time(now), d.message().inviteId()}).toList()));
  }

  private Outcome attempt(Due due, Batcher<Mark> marks) {
    InviteMessage m = due.message();
    int attempts = due.attempts() + 1;
    InviteChannel channel = channel(due.channel());
    Mark mark;
    if (channel == null) {
      mark = new Mark(m, Outcome.FAILED, "unknown channel '" + due.channel() + "'", null);
    } else {
      mark = send(channel, due, attempts);
    }
    marks.add(mark);
    return mark.outcome();
  }

  private Mark send(InviteChannel channel, Due due, int attempts) {
    InviteMessage m = due.message();
    try {
      channel.deliver(m);
      return new Mark(m, Outcome.DELIVERED, null, null);
    } catch (DeliveryException e) {
      if (!e.retryable() || attempts >= properties.maxAttempts()) {
        String reason = e.retryable() ? e.getMessage() + " (attempt " + attempts + " of " + properties.maxAttempts()
            + ")" : e.getMessage();
        return new Mark(m, Outcome.FAILED, reason, null);
      }
      return retry(m, attempts, e.getMessage());
    } catch (RuntimeException e) {
      LOG.warn("Invite {} of quota {}: the {} channel failed unexpectedly", m.inviteId(), m.quotaId(), due.channel(),
          e);
      return attempts >= properties.maxAttempts() ? new Mark(m, Outcome.FAILED, e.toString(), null)
          : retry(m, attempts, e.toString());
    }
  }

  private Mark retry(InviteMessage m, int attempts, String reason) {
    Duration delay = properties.backoff().multipliedBy(1L << Math.min(attempts - 1, 30));
    return new Mark(m, Outcome.RETRY, reason, now().plus(delay.compareTo(MAX_DELAY) > 0 ? MAX_DELAY : delay));
  }

  /** Outcomes of a few sends, rows and members together, in a transaction of its own. */
  private void write(List<Mark> batch) {
    Instant now = now();
    List<Object[]> done = new ArrayList<>();
    List<Object[]> members = new ArrayList<>();
    List<Object[]> later = new ArrayList<>();
    for (Mark mark : batch) {
      InviteMessage m = mark.message();
      boolean delivered = mark.outcome() == Outcome.DELIVERED;
      if (mark.outcome() == Outcome.RETRY) {
        later.add(new Object[] {time(mark.next()), truncate(mark.reason()), m.inviteId()});
        continue;
      }
      done.add(new Object[] {delivered ? "DELIVERED" : "FAILED", delivered ? time(now) : null,
          truncate(mark.reason()), m.inviteId()});
      members.add(new Object[] {delivered ? "DELIVERED" : "DELIVERY_FAILED",
          delivered ? null : truncate("invite not delivered: " + mark.reason()), time(now), m.panelGuid(),
          m.quotaId(), m.memberCode()});
    }
    separate.executeWithoutResult(status -> {
      jdbc.batchUpdate("update toluna_invite_delivery set state = ?, delivered_at = ?, last_error = ? "
          + "where invite_id = ? and state = 'PENDING'", done);
      jdbc.batchUpdate("update toluna_quota_member set state = ?, reason = ?, updated_at = ? where panel_guid = ? "
          + "and quota_id = ? and member_code = ?", members);
      jdbc.batchUpdate("update toluna_invite_delivery set next_attempt_at = ?, last_error = ? where invite_id = ? "
          + "and state = 'PENDING'", later);
    });
  }

  private InviteChannel channel(String name) {
    try {
      return channels.get(Channel.valueOf(name));
    } catch (IllegalArgumentException e) {
      return null;
    }
  }

  private static Due due(ResultSet rs, String panelGuid, long quotaId) throws SQLException {
    Long waveId = rs.getObject("wave_id") == null ? null : rs.getLong("wave_id");
    Integer loi = rs.getObject("loi") == null ? null : rs.getInt("loi");
    Integer ir = rs.getObject("ir") == null ? null : rs.getInt("ir");
    Double partner = rs.getObject("partner_amount") == null ? null : rs.getDouble("partner_amount");
    Double member = rs.getObject("member_amount") == null ? null : rs.getDouble("member_amount");
    InviteMessage message = new InviteMessage(rs.getString("invite_id"), panelGuid, rs.getString("member_code"),
        rs.getString("email"), rs.getLong("survey_id"), waveId, quotaId, rs.getString("url"), loi, ir, partner, member);
    return new Due(message, rs.getString("channel"), rs.getInt("attempts"));
  }

  private Instant now() {
    return clock.instant().truncatedTo(ChronoUnit.MICROS);
  }

  private static OffsetDateTime time(Instant instant) {
    return instant.atOffset(ZoneOffset.UTC);
  }

  private static String truncate(String text) {
    return text == null || text.length() <= MAX_ERROR_LENGTH ? text : text.substring(0, MAX_ERROR_LENGTH - 3) + "...";
  }
}
