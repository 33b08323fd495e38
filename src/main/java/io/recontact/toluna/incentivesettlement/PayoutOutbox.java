package io.recontact.toluna.incentivesettlement;

import io.recontact.engine.OwnStaleLocks;
import io.recontact.marketplace.BoundedCalls;
import io.recontact.marketplace.Pacer;
import io.recontact.metrics.RecontactMetrics;
import io.recontact.storage.Batcher;
import io.recontact.toluna.delivery.DeliveryException;
import io.recontact.toluna.delivery.OutboxLease;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.event.ApplicationStartedEvent;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The payout outbox ({@code panel_incentive_payout}): each SETTLED ledger entry is POSTed to the rewards system until
 * it is accepted, claimed like the invite outbox ({@link OutboxLease}: attempts + 1 and a lease as long as the job
 * lock, before the send) and marked {@link #MARK_BATCH} at a time after the sends. A crash between a send and its
 * mark resends the entry with the same {@code Idempotency-Key} (the entry id), which the receiver drops.
 */
@Repository
class PayoutOutbox {

  static final int MARK_BATCH = 20;
  static final int MAX_ERROR = 1000;
  private static final Logger LOG = LoggerFactory.getLogger(PayoutOutbox.class);

  /** A due payout: its ledger entry as it is sent. */
  record Due(Payout payout, int attempts) {
  }

  private record Mark(Payout payout, boolean sent, String reason, Instant next) {
  }

  /**
   * What one round did: payouts sent (and their sum by kind), those left PENDING, when the earliest is due, and why a
   * payout still PENDING failed {@code maxAttempts} times or more (null when none).
   */
  record Round(int sent, long creditCents, long clawbackCents, int clawbacks, int left, Instant next,
      String exhausted) {
  }

  private final JdbcTemplate jdbc;
  private final TransactionTemplate separate;
  private final OutboxLease lease;
  private final PayoutChannel channel;
  private final SettlementProperties.Payout config;
  private final Duration claimLease;
  private final OwnStaleLocks node;
  private final RecontactMetrics metrics;

  PayoutOutbox(JdbcTemplate jdbc, PlatformTransactionManager transactions, PayoutChannel channel,
      SettlementProperties properties, @Value("${camunda.bpm.job-execution.lock-time-in-millis}") long jobLockMillis,
      RecontactMetrics metrics, OwnStaleLocks node) {
    this.node = node;
    this.jdbc = jdbc;
    this.separate = new TransactionTemplate(transactions);
    this.separate.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
    this.lease = new OutboxLease(jdbc, transactions, "panel_incentive_payout", "entry_id",
        node == null ? null : node.stableOwner().orElse(null));
    this.channel = channel;
    this.config = properties.payout();
    this.claimLease = Duration.ofMillis(jobLockMillis);
    this.metrics = metrics;
  }

  /** Payouts this node's previous, crashed process had claimed are due at once (as in the invite outbox). */
  @EventListener(ApplicationStartedEvent.class)
  public void releaseStaleClaims() {
    if (node != null && lease.releaseStaleClaims(node.processStart(), claimLease, now()) > 0) {
      LOG.info("Payout outbox: payouts claimed by this node's previous process are due again");
    }
  }

  /**
   * Sends up to {@code max} due payouts, {@code concurrency} at a time. The due rows are picked from the outbox alone,
   * in the due index's order from its first column, then joined: as the invite outbox's round (issue 20), joined
   * first H2 joined and sorted every PENDING row per round.
   */
  Round deliverDue(int max) {
    Instant now = now();
    List<Due> due = jdbc.query("select p.entry_id, p.attempts, i.kind, i.member_code, i.source, i.panel_guid, "
        + "i.survey_id, i.invite_id, i.amount_cents, i.reverses_id, i.settlement_id, i.settled_at from (select "
        + "entry_id, attempts, next_attempt_at from panel_incentive_payout where state = 'PENDING' and "
        + "next_attempt_at <= ? and " + OutboxLease.UNLEASED + " order by state, next_attempt_at, entry_id "
        + "fetch first ? rows only) p "
        + "join panel_incentive i on i.id = p.entry_id order by p.next_attempt_at, p.entry_id", (rs, n) ->
        new Due(new Payout(rs.getLong(1), rs.getString(3), rs.getString(4), rs.getString(5), rs.getString(6),
            rs.getLong(7), rs.getString(8), rs.getLong(9), rs.getObject(10, Long.class), rs.getString(11),
            rs.getObject(12, OffsetDateTime.class)), rs.getInt(2)), time(now), time(now), max);
    List<Mark> written = new ArrayList<>();
    Batcher<Mark> marks = new Batcher<>(MARK_BATCH, batch -> written.addAll(write(batch)));
    List<Due> claimed = lease.claim(due, d -> d.payout().entryId(), Due::attempts, now, claimLease);
    Set<Long> started = ConcurrentHashMap.newKeySet();
    try {
      BoundedCalls.run("Incentive payouts", claimed, config.concurrency(), Pacer.NONE, () -> true, d -> {
        started.add(d.payout().entryId());
        Mark mark = attempt(d);
        synchronized (marks) {
          marks.add(mark);
        }
      });
    } finally {
      lease.release(claimed.stream().filter(d -> !started.contains(d.payout().entryId())).toList(),
          d -> d.payout().entryId(), Due::attempts);
      synchronized (marks) {
        marks.flush();
      }
    }
    return round(written);
  }

  private Mark attempt(Due d) {
    int attempts = d.attempts() + 1;
    try {
      channel.send(d.payout());
      return new Mark(d.payout(), true, null, null);
    } catch (DeliveryException e) {
      return new Mark(d.payout(), false, e.getMessage(), next(attempts));
    } catch (RuntimeException e) {
      LOG.warn("Payout of ledger entry {} failed unexpectedly", d.payout().entryId(), e);
      return new Mark(d.payout(), false, e.toString(), next(attempts));
    }
  }

  /**
   * When a failed payout is due again: after the doubling back-off, or at once once it failed max-attempts times,
   * so that each retry of the failing job (the engine's, then Cockpit's) sends it again.
   */
  private Instant next(int attempts) {
    return attempts >= config.maxAttempts() ? now() : OutboxLease.retryAt(now(), config.backoff(), attempts);
  }

  /** Outcomes of a few sends in a transaction of their own; returns the marks that changed a PENDING row. */
  private List<Mark> write(List<Mark> batch) {
    Instant now = now();
    List<Mark> applied = new ArrayList<>();
    separate.executeWithoutResult(status -> {
      // A retry at its back-off is no longer this node's claim; a row left to its lease (no next) still is.
      int[] counts = jdbc.batchUpdate("update panel_incentive_payout set state = ?, sent_at = ?, next_attempt_at = "
          + "coalesce(?, next_attempt_at), last_error = ?, claimed_by = case when ? then null else claimed_by end, "
          + "claimed_until = case when ? then null else claimed_until end where entry_id = ? and state = 'PENDING'",
          batch.stream().map(m -> new Object[] {m.sent() ? "SENT" : "PENDING", m.sent() ? time(now) : null,
              m.next() == null ? null : time(m.next()), truncate(m.reason()), m.next() != null, m.next() != null,
              m.payout().entryId()}).toList());
      for (int i = 0; i < batch.size(); i++) {
        if (OutboxLease.changed(counts, i)) {
          applied.add(batch.get(i));
        }
      }
    });
    long credits = 0;
    long clawbacks = 0;
    int clawbackCount = 0;
    int creditCount = 0;
    for (Mark m : applied) {
      if (m.sent() && m.payout().clawback()) {
        clawbacks += m.payout().amountCents();
        clawbackCount++;
      } else if (m.sent()) {
        credits += m.payout().amountCents();
        creditCount++;
      }
    }
    metrics.incentives("paid", creditCount + clawbackCount, credits + clawbacks);
    return applied;
  }

  private Round round(List<Mark> written) {
    int sent = 0;
    long credits = 0;
    long clawbacks = 0;
    int clawbackCount = 0;
    for (Mark m : written) {
      if (m.sent()) {
        sent++;
        if (m.payout().clawback()) {
          clawbacks += m.payout().amountCents();
          clawbackCount++;
        } else {
          credits += m.payout().amountCents();
        }
      }
    }
    List<String> exhausted = jdbc.query("select entry_id, attempts, last_error from panel_incentive_payout where "
        + "state = 'PENDING' and attempts >= ? order by entry_id fetch first 1 rows only", (rs, n) -> "the payout of "
        + "ledger entry " + rs.getLong(1) + " failed " + rs.getInt(2) + " times, last: " + rs.getString(3),
        config.maxAttempts());
    int finalSent = sent;
    long finalCredits = credits;
    long finalClawbacks = clawbacks;
    int finalClawbackCount = clawbackCount;
    return jdbc.queryForObject("select count(*), min(" + OutboxLease.SENDABLE_AT + ") from panel_incentive_payout "
        + "where state = 'PENDING'", (rs, n) -> {
          OffsetDateTime next = rs.getObject(2, OffsetDateTime.class);
          return new Round(finalSent, finalCredits, finalClawbacks, finalClawbackCount, rs.getInt(1),
              next == null ? null : next.toInstant(), exhausted.isEmpty() ? null : exhausted.get(0));
        });
  }

  private static Instant now() {
    return Instant.now().truncatedTo(ChronoUnit.MICROS);
  }

  private static OffsetDateTime time(Instant instant) {
    return instant.atOffset(ZoneOffset.UTC);
  }

  private static String truncate(String text) {
    return text == null || text.length() <= MAX_ERROR ? text : text.substring(0, MAX_ERROR - 3) + "...";
  }
}
