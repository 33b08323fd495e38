package io.recontact.delivery;

import io.recontact.delivery.DeliveryProperties.Channel;
import io.recontact.marketplace.BoundedCalls;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.EnumMap;
import java.util.List;
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

  private enum Outcome { DELIVERED, FAILED, RETRY, NOT_SENT }

  private record Due(InviteMessage message, String channel, int attempts) {
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
    BoundedCalls.run(due, properties.concurrency(), 0, keepGoing, d -> {
      Outcome outcome = attempt(d);
      synchronized (tally) {
        tally.merge(outcome, 1, Integer::sum);
      }
    });
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

  private Outcome attempt(Due due) {
    InviteMessage m = due.message();
    if (due.attempts() >= properties.maxAttempts()) {
      // Claimed for a last attempt whose outcome was never recorded (the process stopped during the send).
      return finish(m, Outcome.FAILED, "no outcome recorded for attempt " + due.attempts() + " of "
          + properties.maxAttempts());
    }
    Instant claimedAt = now();
    int claimed = separate.execute(status -> jdbc.update("update toluna_invite_delivery set attempts = attempts + 1, "
        + "next_attempt_at = ? where invite_id = ? and state = 'PENDING' and attempts = ? and next_attempt_at <= ?",
        time(claimedAt.plus(CLAIM_LEASE)), m.inviteId(), due.attempts(), time(claimedAt)));
    if (claimed == 0) {
      return Outcome.NOT_SENT; // another round has it
    }
    int attempts = due.attempts() + 1;
    InviteChannel channel = channel(due.channel());
    if (channel == null) {
      return finish(m, Outcome.FAILED, "unknown channel '" + due.channel() + "'");
    }
    try {
      channel.deliver(m);
      return finish(m, Outcome.DELIVERED, null);
    } catch (DeliveryException e) {
      if (!e.retryable() || attempts >= properties.maxAttempts()) {
        String reason = e.retryable() ? e.getMessage() + " (attempt " + attempts + " of " + properties.maxAttempts()
            + ")" : e.getMessage();
        return finish(m, Outcome.FAILED, reason);
      }
      return retry(m, attempts, e.getMessage());
    } catch (RuntimeException e) {
      LOG.warn("Invite {} of quota {}: the {} channel failed unexpectedly", m.inviteId(), m.quotaId(), due.channel(),
          e);
      return attempts >= properties.maxAttempts() ? finish(m, Outcome.FAILED, e.toString())
          : retry(m, attempts, e.toString());
    }
  }

  private Outcome retry(InviteMessage m, int attempts, String reason) {
    Duration delay = properties.backoff().multipliedBy(1L << Math.min(attempts - 1, 30));
    Instant next = now().plus(delay.compareTo(MAX_DELAY) > 0 ? MAX_DELAY : delay);
    separate.executeWithoutResult(status -> jdbc.update("update toluna_invite_delivery set next_attempt_at = ?, "
        + "last_error = ? where invite_id = ? and state = 'PENDING'", time(next), truncate(reason), m.inviteId()));
    return Outcome.RETRY;
  }

  /** The row's final state and the member's, together. */
  private Outcome finish(InviteMessage m, Outcome outcome, String reason) {
    Instant now = now();
    boolean delivered = outcome == Outcome.DELIVERED;
    separate.executeWithoutResult(status -> {
      jdbc.update("update toluna_invite_delivery set state = ?, delivered_at = ?, last_error = ? "
          + "where invite_id = ? and state = 'PENDING'", delivered ? "DELIVERED" : "FAILED",
          delivered ? time(now) : null, truncate(reason), m.inviteId());
      jdbc.update("update toluna_quota_member set state = ?, reason = ?, updated_at = ? where panel_guid = ? "
          + "and quota_id = ? and member_code = ?", delivered ? "DELIVERED" : "DELIVERY_FAILED",
          delivered ? null : truncate("invite not delivered: " + reason), time(now), m.panelGuid(), m.quotaId(),
          m.memberCode());
    });
    return outcome;
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
