package io.recontact.toluna.delivery;

import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.function.ToIntFunction;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The claim of an outbox table's PENDING rows, shared by the invite outbox ({@code toluna_invite_delivery}) and the
 * incentive payouts ({@code panel_incentive_payout}): a claim counts the attempt (attempts + 1) and leases the row
 * until {@code claimed_until}, in a transaction of its own, each row only if no other round changed it since it was
 * read; so two rounds never send one row at the same time and a send whose outcome was lost still counts. A due read
 * skips rows under a lease ({@link #UNLEASED}). The claim leaves {@code next_attempt_at} alone: it leads the due index,
 * so moving it wrote an index entry per send (V69). Rows claimed but not sent are released as they were. The back-off
 * of a failed send doubles per attempt up to {@link #MAX_DELAY}.
 */
public final class OutboxLease {

  /** The condition a due read adds for a row not under another round's lease (its one parameter: now). */
  public static final String UNLEASED = "(claimed_until is null or claimed_until <= ?)";
  /** When a PENDING row can next be sent: its next attempt, or its lease's end if later. */
  public static final String SENDABLE_AT = "case when claimed_until > next_attempt_at then claimed_until "
      + "else next_attempt_at end";

  /** Longest wait between two attempts, however many failed. */
  public static final Duration MAX_DELAY = Duration.ofDays(1);

  private final JdbcTemplate jdbc;
  private final TransactionTemplate separate;
  private final String table;
  private final String key;
  /** This node's stable lock owner, written into {@code claimed_by}; null: claims name no node. */
  private final String owner;

  /** {@code table} and {@code keyColumn}: constants of the caller, never input. */
  public OutboxLease(JdbcTemplate jdbc, PlatformTransactionManager transactions, String table, String keyColumn) {
    this(jdbc, transactions, table, keyColumn, null);
  }

  /** {@code owner}: this node's stable lock owner ({@code OwnStaleLocks.stableOwner()}), or null. */
  public OutboxLease(JdbcTemplate jdbc, PlatformTransactionManager transactions, String table, String keyColumn,
      String owner) {
    this.owner = owner;
    this.jdbc = jdbc;
    this.separate = new TransactionTemplate(transactions);
    this.separate.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
    this.table = table;
    this.key = keyColumn;
  }

  /** Claims the candidates that are still as read, in a transaction of its own; returns the claimed ones. */
  public <T> List<T> claim(List<T> candidates, Function<T, Object> keyOf, ToIntFunction<T> attemptsOf,
      Instant claimedAt, Duration lease) {
    if (candidates.isEmpty()) {
      return List.of();
    }
    return separate.execute(status -> claimInCaller(candidates, keyOf, attemptsOf, claimedAt, lease));
  }

  /** {@link #claim} in the caller's transaction, which must commit before anything claimed is sent. */
  <T> List<T> claimInCaller(List<T> candidates, Function<T, Object> keyOf, ToIntFunction<T> attemptsOf,
      Instant claimedAt, Duration lease) {
    if (candidates.isEmpty()) {
      return List.of();
    }
    int[] counts = jdbc.batchUpdate("update " + table + " set attempts = attempts + 1, claimed_until = ?, "
        + "claimed_by = ? where " + key + " = ? and state = 'PENDING' and attempts = ? and next_attempt_at <= ? and "
        + UNLEASED, candidates.stream().map(c -> new Object[] {time(claimedAt.plus(lease)), owner, keyOf.apply(c),
            attemptsOf.applyAsInt(c), time(claimedAt), time(claimedAt)}).toList());
    List<T> claimed = new ArrayList<>();
    for (int i = 0; i < candidates.size(); i++) {
      if (changed(counts, i)) {
        claimed.add(candidates.get(i)); // 0 = another round has it
      }
    }
    return claimed;
  }

  /** Claimed rows that were not sent go back as they were (their next attempt was due when they were claimed). */
  public <T> void release(List<T> unsent, Function<T, Object> keyOf, ToIntFunction<T> attemptsOf) {
    if (unsent.isEmpty()) {
      return;
    }
    separate.executeWithoutResult(status -> jdbc.batchUpdate("update " + table + " set attempts = ?, "
        + "claimed_until = null, claimed_by = null where " + key + " = ? and state = 'PENDING'",
        unsent.stream().map(d -> new Object[] {attemptsOf.applyAsInt(d), keyOf.apply(d)}).toList()));
  }

  /**
   * At start, before the job executor runs: the rows this node's owner claimed before this process started (their
   * lease ends before {@code processStart + lease}) were claimed by its dead previous process; they are due now
   * instead of when the lease ends. A send that was in flight then is sent again, as after a lease's end (the
   * receiver drops a repeated idempotency key). Returns how many rows.
   */
  public int releaseStaleClaims(Instant processStart, Duration lease, Instant now) {
    if (owner == null) {
      return 0;
    }
    String sql = "update " + table + " set claimed_until = null, claimed_by = null where claimed_by = ? and state = "
        + "'PENDING' and claimed_until > ? and claimed_until < ?";
    return separate.execute(status -> jdbc.update(sql, owner, time(now), time(processStart.plus(lease))));
  }

  /** When the next attempt is due after {@code attempts} failed ones: {@code backoff} doubling, capped. */
  public static Instant retryAt(Instant now, Duration backoff, int attempts) {
    Duration delay = backoff.multipliedBy(1L << Math.min(Math.max(attempts - 1, 0), 30));
    return now.plus(delay.compareTo(MAX_DELAY) > 0 ? MAX_DELAY : delay);
  }

  /** Whether row {@code i} of a batch update changed. */
  public static boolean changed(int[] counts, int i) {
    return i < counts.length && (counts[i] > 0 || counts[i] == Statement.SUCCESS_NO_INFO);
  }

  static OffsetDateTime time(Instant instant) {
    return instant.atOffset(ZoneOffset.UTC);
  }
}
