package io.recontact.toluna.delivery;

import io.recontact.engine.DaemonThreads;
import io.recontact.engine.OwnStaleLocks;
import io.recontact.marketplace.BoundedCalls;
import io.recontact.marketplace.Pacer;
import io.recontact.metrics.OnCommit;
import io.recontact.metrics.RecontactMetrics;
import io.recontact.toluna.delivery.OutboxRows.Due;
import io.recontact.toluna.delivery.OutboxRows.Mark;
import io.recontact.toluna.delivery.OutboxRows.Outcome;
import io.recontact.toluna.delivery.OutboxRows.Settled;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
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
 * leases a slice of rows (at least {@link #MARK_BATCH}; {@link SliceLeases}, for {@code claimLease}) before sending
 * them, so two rounds never send one invite at the same time and a send whose outcome was lost counts as an attempt;
 * the slice's outcomes and the end of its lease are recorded right after its sends, with the lease of the worker's
 * next slice.
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
   * on H2's file database each commit rewrites the changed pages of every index it touched. A crash leaves at most two
   * slices per worker sent, not marked; those rows are sent again under the same idempotency key.
   */
  static final int MARK_BATCH = 20;
  /** Due rows read per query. */
  static final int PAGE = 1_000;
  private static final Logger LOG = LoggerFactory.getLogger(InviteOutbox.class);

  private final OutboxRows rows;
  private final DeliveryProperties properties;
  private final ChannelSends sends;
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
    this.sends = new ChannelSends(channels, properties, this::now);
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
   * Sends up to {@code max} of the quota's due PENDING invites, {@code concurrency} at a time. Each worker takes
   * slices (its share of a page of {@link #PAGE}, at least {@link #MARK_BATCH} rows; {@link DueFeed}) and sends them
   * one after the other; while it sends one, one transaction records the slice before and claims the slice after
   * (committed before that slice is sent). So a worker waits neither for the database nor for the other workers, and
   * a crash leaves at most two slices per worker sent but not recorded (sent again under the same idempotency key).
   * {@code keepGoing} is asked before each send; once it says false nothing more is sent and the unsent claimed rows
   * go back as they were.
   */
  public DeliveryRound deliverDue(String panelGuid, long quotaId, int max, BooleanSupplier keepGoing) {
    if (max < 1) {
      throw new IllegalArgumentException("max must be at least 1, not " + max);
    }
    int page = Math.min(max, PAGE);
    int share = Math.max(MARK_BATCH, -Math.floorDiv(-page, properties.concurrency()));
    DeliveryTally tally = new DeliveryTally(metrics);
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
    // Leases a stopped round left behind count their lost sends and go, before their rows are read as due.
    rows.expireLeases(panelGuid, quotaId, now());
    int workers = properties.concurrency();
    ExecutorService writers = Executors.newFixedThreadPool(workers + 1, DaemonThreads.named("outbox-writer"));
    try {
      DueFeed feed = new DueFeed(rows, panelGuid, quotaId, this::now, max, page, share, properties.maxAttempts(),
          writers);
      BoundedCalls.run("Invite deliveries", IntStream.range(0, workers).boxed().toList(), workers, Pacer.NONE,
          () -> true, worker -> work(feed, go, () -> !stopped.get(), tally, writers));
    } finally {
      writers.shutdownNow();
    }
    int delivered = tally.count(Outcome.DELIVERED);
    int failed = tally.count(Outcome.FAILED);
    int retryLater = tally.count(Outcome.RETRY);
    if (delivered + failed + retryLater >= max) {
      // Full: another call follows anyway. What is left is counted only when a call ends short: the count reads
      // every PENDING row of the quota (issue 20's profile).
      return new DeliveryRound(delivered, failed, retryLater, DeliveryRound.NOT_COUNTED, null);
    }
    return rows.round(panelGuid, quotaId, delivered, failed, retryLater);
  }

  /** A worker's next slice and what its transaction recorded and claimed. */
  private record Step(DueFeed.Slice next, Settled settled) {
  }

  /**
   * One worker: slices taken until {@code go} said false ({@code notStopped}; only sends ask it) and sent while
   * {@code go} allows. While a slice is sent, a writer takes the next slice, records the slice sent before and claims
   * the next in one transaction: the worker's sends wait neither for the database nor for the feed.
   */
  private void work(DueFeed feed, BooleanSupplier go, BooleanSupplier notStopped, DeliveryTally tally,
      ExecutorService writer) {
    List<Mark> toRecord = List.of();
    // The lease of the slice whose outcomes are toRecord, and of the slice being sent.
    String toEnd = null;
    Map<String, String> recorded = Map.of();
    List<Due> claimed = List.of();
    String claimedLease = null;
    while (true) {
      List<Mark> record = toRecord;
      String end = toEnd;
      Future<Step> step = writer.submit(() -> {
        DueFeed.Slice next = notStopped.getAsBoolean() ? feed.next() : new DueFeed.Slice(List.of(), List.of());
        return new Step(next, rows.settleAndClaim(record, end, next.candidates(), now(), claimLease));
      });
      List<Mark> sent = new ArrayList<>();
      Map<String, String> channelsSent = DeliveryTally.channels(claimed);
      try {
        sendAll(claimed, go, sent);
      } catch (RuntimeException | Error e) {
        // Not expected (attempt catches the channel's failures): what was sent is recorded, the next slice released.
        tally.committed(sent, rows.write(sent, claimedLease, now()), channelsSent);
        Step done = await(step);
        tally.committed(record, done.settled().written(), recorded);
        rows.endLease(done.settled().lease());
        throw e;
      }
      Step done = await(step);
      tally.committed(record, done.settled().written(), recorded);
      claimed = done.settled().claimed();
      toEnd = claimedLease;
      claimedLease = done.settled().lease();
      // Rows claimed for a last attempt whose outcome was never recorded (the process stopped during the send) fail
      // without a send, recorded with the next slice.
      List<Mark> marks = new ArrayList<>(sent);
      done.next().exhausted().forEach(d -> marks.add(new Mark(d.message(), Outcome.FAILED, "no outcome recorded for "
          + "attempt " + d.attempts() + " of " + properties.maxAttempts(), null, false)));
      Map<String, String> channels = new HashMap<>(channelsSent);
      channels.putAll(DeliveryTally.channels(done.next().exhausted()));
      toRecord = marks;
      recorded = channels;
      if (done.next().isEmpty()) {
        tally.committed(toRecord, rows.settleAndClaim(toRecord, toEnd, List.of(), now(), claimLease).written(),
            recorded);
        return;
      }
    }
  }

  private static Step await(Future<Step> settling) {
    try {
      return settling.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while recording invite outcomes", e);
    } catch (ExecutionException e) {
      throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
    }
  }

  /** Sends while {@code go} allows; claimed rows not sent are due again as they were when their lease ends. */
  private void sendAll(List<Due> claimed, BooleanSupplier go, List<Mark> marks) {
    for (Due d : claimed) {
      if (!go.getAsBoolean()) {
        break;
      }
      marks.add(sends.attempt(d));
    }
  }

  public DeliveryCounts counts(String panelGuid, long quotaId) {
    return rows.counts(panelGuid, quotaId);
  }

  private Instant now() {
    return clock.instant().truncatedTo(ChronoUnit.MICROS);
  }
}
