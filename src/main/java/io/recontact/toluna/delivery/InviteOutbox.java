package io.recontact.toluna.delivery;

import io.recontact.engine.OwnStaleLocks;
import io.recontact.marketplace.BoundedCalls;
import io.recontact.marketplace.Pacer;
import io.recontact.metrics.OnCommit;
import io.recontact.metrics.RecontactMetrics;
import io.recontact.toluna.delivery.DeliveryProperties.Channel;
import io.recontact.toluna.delivery.OutboxRows.Due;
import io.recontact.toluna.delivery.OutboxRows.Mark;
import io.recontact.toluna.delivery.OutboxRows.Outcome;
import io.recontact.toluna.delivery.OutboxRows.Settled;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BooleanSupplier;
import java.util.stream.IntStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.event.ApplicationStartedEvent;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * The invite outbox: a row is written with its invite and sent until delivered or failed. Each worker of a round
 * claims a slice of rows (at least {@link #MARK_BATCH}) before sending them (attempts + 1, next attempt pushed past
 * the claim lease), so two rounds never send one invite at the same time and a send whose outcome was lost counts as
 * an attempt; the slice's outcomes are recorded right after its sends, with the claim of the worker's next slice.
 * What remains is the crash window between a send and its mark: the resend carries the same idempotency key or
 * Message-ID (docs/toluna-delivery.md). The SQL is in {@link OutboxRows}.
 */
@Repository
public class InviteOutbox {

  /** Longest wait between two attempts, however many failed. */
  static final Duration MAX_DELAY = OutboxLease.MAX_DELAY;
  /**
   * Fewest rows a worker claims, sends and marks at a time. A page is cut into one slice per worker (1,000 rows, 8
   * workers: 125), and each slice costs one transaction (its claim, with the outcomes of the worker's slice before):
   * on H2's file database each commit rewrites the changed pages of every index it touched. A crash leaves at most a
   * slice per worker sent, not marked; those rows are sent again under the same idempotency key.
   */
  static final int MARK_BATCH = 20;
  /** Due rows read per query. */
  static final int PAGE = 1_000;
  private static final Logger LOG = LoggerFactory.getLogger(InviteOutbox.class);

  private final OutboxRows rows;
  private final DeliveryProperties properties;
  private final Map<Channel, InviteChannel> channels = new EnumMap<>(Channel.class);
  private final Clock clock;
  /**
   * How long a claimed row is left alone: as long as the engine's lock on the job sending it. A round runs inside
   * one job; once that lock expires another node runs the job again anyway, and a node killed mid-round must not
   * hold its rows longer than it holds the job (the crash harness found deliveries waiting 5 min after a restart).
   */
  private final Duration claimLease;
  private final RecontactMetrics metrics;
  private final OwnStaleLocks node;

  @Autowired
  public InviteOutbox(JdbcTemplate jdbc, PlatformTransactionManager transactions, DeliveryProperties properties,
      List<InviteChannel> channels, @Value("${camunda.bpm.job-execution.lock-time-in-millis}") long jobLockMillis,
      RecontactMetrics metrics, OwnStaleLocks node) {
    this(jdbc, transactions, properties, channels, Clock.systemUTC(), Duration.ofMillis(jobLockMillis), metrics, node);
  }

  /** Without Spring (tests): counts go nowhere. */
  public InviteOutbox(JdbcTemplate jdbc, PlatformTransactionManager transactions, DeliveryProperties properties,
      List<InviteChannel> channels, long jobLockMillis) {
    this(jdbc, transactions, properties, channels, Clock.systemUTC(), Duration.ofMillis(jobLockMillis),
        RecontactMetrics.none(), null);
  }

  InviteOutbox(JdbcTemplate jdbc, PlatformTransactionManager transactions, DeliveryProperties properties,
      List<InviteChannel> channels, Clock clock, Duration claimLease) {
    this(jdbc, transactions, properties, channels, clock, claimLease, RecontactMetrics.none(), null);
  }

  private InviteOutbox(JdbcTemplate jdbc, PlatformTransactionManager transactions, DeliveryProperties properties,
      List<InviteChannel> channels, Clock clock, Duration claimLease, RecontactMetrics metrics, OwnStaleLocks node) {
    this.node = node;
    this.rows = new OutboxRows(jdbc, transactions, node == null ? null : node.stableOwner().orElse(null));
    this.properties = properties;
    channels.forEach(c -> this.channels.put(c.kind(), c));
    this.clock = clock;
    this.claimLease = claimLease;
    this.metrics = metrics;
  }

  /**
   * Before the job executor starts (application-ready): the sends this node's previous, crashed process had claimed
   * are due at once, like its jobs ({@link OwnStaleLocks}), not after the claim lease (the job lock time).
   */
  @EventListener(ApplicationStartedEvent.class)
  public void releaseStaleClaims() {
    if (node != null) {
      int released = rows.releaseStaleClaims(node.processStart(), claimLease, now());
      if (released > 0) {
        LOG.info("Invite outbox: {} send(s) claimed by this node's previous process are due again", released);
      }
    }
  }

  /**
   * Writes the PENDING delivery of a stored invite, due now, on the configured channel. Must run inside the
   * transaction that stores the invite: the invite and its delivery commit together or not at all.
   */
  public void enqueue(String inviteId, String panelGuid, long quotaId) {
    enqueueAll(List.of(inviteId), panelGuid, quotaId);
  }

  /** {@link #enqueue} for many invites of one quota, in one statement per few hundred rows. */
  public void enqueueAll(List<String> inviteIds, String panelGuid, long quotaId) {
    String channel = properties.channel().name();
    rows.insert(inviteIds, panelGuid, quotaId, channel, now());
    OnCommit.run(() -> metrics.invitesGenerated(channel, inviteIds.size()));
  }

  /**
   * Sends up to {@code max} of the quota's due PENDING invites, {@code concurrency} at a time. Each worker takes a slice
   * (its share of a page of {@link #PAGE}, at least {@link #MARK_BATCH} rows), claims it in the transaction that
   * records its previous slice's outcomes, sends it, and takes the next ({@link DueFeed}): claims and outcomes overlap
   * other workers' sends, a worker never waits for the others, and a crash leaves at most a slice per worker sent but
   * not recorded. {@code keepGoing} is asked before each send; once it says false nothing more is sent and the unsent
   * claimed rows go back as they were.
   */
  public DeliveryRound deliverDue(String panelGuid, long quotaId, int max, BooleanSupplier keepGoing) {
    if (max < 1) {
      throw new IllegalArgumentException("max must be at least 1, not " + max);
    }
    int page = Math.min(max, PAGE);
    int share = Math.max(MARK_BATCH, -Math.floorDiv(-page, properties.concurrency()));
    DueFeed feed = new DueFeed(rows, panelGuid, quotaId, this::now, max, page, share, properties.maxAttempts());
    Map<Outcome, Integer> tally = new EnumMap<>(Outcome.class);
    AtomicBoolean stopped = new AtomicBoolean();
    // Workers ask keepGoing before each send, one at a time (its callers need not be thread-safe).
    BooleanSupplier go = () -> {
      synchronized (stopped) {
        if (!stopped.get() && !keepGoing.getAsBoolean()) {
          stopped.set(true);
        }
        return !stopped.get();
      }
    };
    List<Integer> workers = IntStream.range(0, properties.concurrency()).boxed().toList();
    BoundedCalls.run("Invite deliveries", workers, properties.concurrency(), Pacer.NONE, () -> true,
        worker -> work(feed, go, () -> !stopped.get(), tally));
    int delivered = tally.getOrDefault(Outcome.DELIVERED, 0);
    int failed = tally.getOrDefault(Outcome.FAILED, 0);
    int retryLater = tally.getOrDefault(Outcome.RETRY, 0);
    if (delivered + failed + retryLater >= max) {
      // Full: another call follows anyway. What is left is counted only when a call ends short: the count reads
      // every PENDING row of the quota (issue 20's profile).
      return new DeliveryRound(delivered, failed, retryLater, DeliveryRound.NOT_COUNTED, null);
    }
    return rows.round(panelGuid, quotaId, delivered, failed, retryLater);
  }

  /**
   * One worker: slices taken until {@code go} said false ({@code notStopped}; only sends ask it), each claimed with
   * the last slice's outcomes and sent while {@code go} allows.
   */
  private void work(DueFeed feed, BooleanSupplier go, BooleanSupplier notStopped, Map<Outcome, Integer> tally) {
    List<Mark> marks = new ArrayList<>();
    Map<String, String> channelOf = Map.of();
    while (true) {
      DueFeed.Slice slice = notStopped.getAsBoolean() ? feed.next() : new DueFeed.Slice(List.of(), List.of());
      slice.exhausted().forEach(d -> marks.add(new Mark(d.message(), Outcome.FAILED, "no outcome recorded for "
          + "attempt " + d.attempts() + " of " + properties.maxAttempts(), null)));
      Map<String, String> channels = new HashMap<>(channelOf);
      channels.putAll(channels(slice.exhausted()));
      Settled settled = rows.settleAndClaim(marks, slice.candidates(), now(), claimLease);
      tallied(marks, settled.written(), channels, tally);
      if (slice.isEmpty()) {
        return;
      }
      marks.clear();
      channelOf = channels(settled.claimed());
      sendAll(settled.claimed(), go, marks);
    }
  }

  /** Sends while {@code go} allows; claimed rows not sent go back at once, as they were. */
  private void sendAll(List<Due> claimed, BooleanSupplier go, List<Mark> marks) {
    int sent = 0;
    try {
      for (Due d : claimed) {
        if (!go.getAsBoolean()) {
          break;
        }
        sent++;
        marks.add(attempt(d));
      }
    } catch (RuntimeException | Error e) {
      // Not expected (attempt catches the channel's failures): what was sent is recorded before the job fails.
      record(marks, channels(claimed), new EnumMap<>(Outcome.class));
      throw e;
    } finally {
      rows.release(claimed.subList(sent, claimed.size()), now());
    }
  }

  /** Writes outcomes in a transaction of their own; counts what was written. */
  private void record(List<Mark> marks, Map<String, String> channelOf, Map<Outcome, Integer> tally) {
    tallied(marks, rows.write(marks, now()), channelOf, tally);
  }

  /** Counts outcomes whose transaction has committed: metrics what was written, the round all marks. */
  private void tallied(List<Mark> marks, List<Mark> written, Map<String, String> channelOf,
      Map<Outcome, Integer> tally) {
    count(written, channelOf);
    synchronized (tally) {
      marks.forEach(m -> tally.merge(m.outcome(), 1, Integer::sum));
    }
  }

  private static Map<String, String> channels(List<Due> due) {
    Map<String, String> channelOf = new HashMap<>();
    due.forEach(d -> channelOf.put(d.message().inviteId(), d.channel()));
    return channelOf;
  }

  /** Outcomes as written (their transaction has committed), by the channel of each row. */
  private void count(List<Mark> written, Map<String, String> channelOf) {
    Map<String, Map<Outcome, Integer>> byChannel = new HashMap<>();
    written.forEach(m -> byChannel.computeIfAbsent(channelOf.getOrDefault(m.message().inviteId(), "unknown"),
        c -> new EnumMap<>(Outcome.class)).merge(m.outcome(), 1, Integer::sum));
    Map<Long, Integer> deliveredBySurvey = new HashMap<>();
    written.stream().filter(m -> m.outcome() == Outcome.DELIVERED)
        .forEach(m -> deliveredBySurvey.merge(m.message().surveyId(), 1, Integer::sum));
    deliveredBySurvey.forEach(metrics::surveyInvitesDelivered);
    byChannel.forEach((channel, outcomes) -> {
      metrics.invitesDelivered(channel, outcomes.getOrDefault(Outcome.DELIVERED, 0));
      metrics.invitesFailed(channel, outcomes.getOrDefault(Outcome.FAILED, 0));
      metrics.inviteRetries(channel, outcomes.getOrDefault(Outcome.RETRY, 0));
    });
  }

  public DeliveryCounts counts(String panelGuid, long quotaId) {
    return rows.counts(panelGuid, quotaId);
  }

  private Mark attempt(Due due) {
    InviteMessage m = due.message();
    int attempts = due.attempts() + 1;
    InviteChannel channel = channel(due.channel());
    if (channel == null) {
      return new Mark(m, Outcome.FAILED, "unknown channel '" + due.channel() + "'", null);
    }
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
    return new Mark(m, Outcome.RETRY, reason, OutboxLease.retryAt(now(), properties.backoff(), attempts));
  }

  private InviteChannel channel(String name) {
    try {
      return channels.get(Channel.valueOf(name));
    } catch (IllegalArgumentException e) {
      return null;
    }
  }

  private Instant now() {
    return clock.instant().truncatedTo(ChronoUnit.MICROS);
  }
}
