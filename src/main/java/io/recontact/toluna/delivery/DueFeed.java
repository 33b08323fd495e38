package io.recontact.toluna.delivery;

import io.recontact.toluna.delivery.OutboxRows.Due;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.function.Supplier;

/**
 * One {@link InviteOutbox#deliverDue} call's due rows, handed to its workers a slice at a time and read a page at a
 * time, each page past the last row read. A worker takes its next slice when it is done with the last, so no worker
 * waits for the slowest at the end of each page (issue 20: rounds of 1,000 left workers idle ~5 % of the time); the
 * next page is read ahead once half of the current one is handed out, so no worker waits for the read either.
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
  private final Executor reader;
  private final ArrayDeque<Due> buffer = new ArrayDeque<>();
  /** Rows still to be read (of {@code max}). */
  private int left;
  private Due last;
  private boolean allRead;
  /** The next page, being read; null when no read is under way. */
  private CompletableFuture<List<Due>> ahead;

  /** At most {@code max} rows, read {@code page} at a time on {@code reader}, {@code share} to a slice. */
  DueFeed(OutboxRows rows, String panelGuid, long quotaId, Supplier<Instant> clock, int max, int page, int share,
      int maxAttempts, Executor reader) {
    this.rows = rows;
    this.panelGuid = panelGuid;
    this.quotaId = quotaId;
    this.clock = clock;
    this.left = max;
    this.page = page;
    this.share = share;
    this.maxAttempts = maxAttempts;
    this.reader = reader;
  }

  /** The next slice; empty once every due row (up to {@code max}) was handed out. */
  synchronized Slice next() {
    if (buffer.isEmpty()) {
      if (ahead == null) {
        readAhead();
      }
      if (ahead != null) {
        arrived(ahead.join());
      }
    }
    List<Due> candidates = new ArrayList<>();
    List<Due> exhausted = new ArrayList<>();
    while (candidates.size() + exhausted.size() < share && !buffer.isEmpty()) {
      Due d = buffer.poll();
      // Claimed for a last attempt whose outcome was never recorded (the process stopped during the send).
      (d.attempts() >= maxAttempts ? exhausted : candidates).add(d);
    }
    if (ahead == null && buffer.size() <= page / 2) {
      readAhead();
    }
    return new Slice(candidates, exhausted);
  }

  /** Starts reading the page after the last row read, unless all is read; one read at a time. */
  private void readAhead() {
    if (allRead || left <= 0) {
      return;
    }
    int wanted = Math.min(page, left);
    Due after = last;
    Instant now = clock.get();
    ahead = CompletableFuture.supplyAsync(() -> rows.due(panelGuid, quotaId, now, after, wanted), reader);
  }

  /** A page read: the cursor moves past it (only now may the next read start). */
  private void arrived(List<Due> page) {
    int wanted = Math.min(this.page, left);
    ahead = null;
    left -= page.size();
    allRead = page.size() < wanted;
    if (!page.isEmpty()) {
      last = page.get(page.size() - 1);
    }
    buffer.addAll(page);
  }
}
