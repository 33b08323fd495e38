package io.recontact.toluna.delivery;

import io.recontact.toluna.delivery.OutboxRows.Due;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * One {@link InviteOutbox#deliverDue} call's due rows, handed to its workers a slice at a time and read a page at a
 * time, each page past the last row read. A worker takes its next slice when it is done with the last, so no worker
 * waits for the slowest at the end of each page (issue 20: rounds of 1,000 left workers idle ~5 % of the time).
 */
final class DueFeed {

  /** A worker's next rows: to send, and those whose attempts are used up (failed without a send). */
  record Slice(List<Due> candidates, List<Due> exhausted) {

    boolean isEmpty() {
      return candidates.isEmpty() && exhausted.isEmpty();
    }
  }

  private final OutboxRows rows;
  private final String panelGuid;
  private final long quotaId;
  private final Supplier<Instant> clock;
  private final int page;
  private final int share;
  private final int maxAttempts;
  private final ArrayDeque<Due> buffer = new ArrayDeque<>();
  private int left;
  private Due last;
  private boolean allRead;

  /** At most {@code max} rows, read {@code page} at a time, {@code share} to a slice. */
  DueFeed(OutboxRows rows, String panelGuid, long quotaId, Supplier<Instant> clock, int max, int page, int share,
      int maxAttempts) {
    this.rows = rows;
    this.panelGuid = panelGuid;
    this.quotaId = quotaId;
    this.clock = clock;
    this.left = max;
    this.page = page;
    this.share = share;
    this.maxAttempts = maxAttempts;
  }

  /** The next slice; empty once every due row (up to {@code max}) was handed out. */
  synchronized Slice next() {
    if (buffer.isEmpty() && !allRead && left > 0) {
      int wanted = Math.min(page, left);
      List<Due> read = rows.due(panelGuid, quotaId, clock.get(), last, wanted);
      allRead = read.size() < wanted;
      if (!read.isEmpty()) {
        last = read.get(read.size() - 1);
      }
      buffer.addAll(read);
    }
    List<Due> candidates = new ArrayList<>();
    List<Due> exhausted = new ArrayList<>();
    while (candidates.size() + exhausted.size() < share && !buffer.isEmpty() && left > 0) {
      Due d = buffer.poll();
      left--;
      // Claimed for a last attempt whose outcome was never recorded (the process stopped during the send).
      (d.attempts() >= maxAttempts ? exhausted : candidates).add(d);
    }
    return new Slice(candidates, exhausted);
  }
}
