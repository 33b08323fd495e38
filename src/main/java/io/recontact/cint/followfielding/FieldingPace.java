package io.recontact.cint.followfielding;

import java.time.Duration;
import java.time.Instant;

/**
 * Where a reading sends the instance: COMPLETED (Cint reports the run completed), ENDED (its end date has passed),
 * REVIEW (paused, or the pace falls short once {@code paceCheckShare} of the period has passed) or FOLLOW.
 */
final class FieldingPace {

  static final String FOLLOW = "FOLLOW";
  static final String REVIEW = "REVIEW";
  static final String COMPLETED = "COMPLETED";
  static final String ENDED = "ENDED";

  /** Completes projected at {@code end} at the pace since {@code start}; the completes so far before any time. */
  record Projection(int projected, double share, double daysLeft) {
  }

  private FieldingPace() {
  }

  static Projection project(int completes, Instant start, Instant end, Instant now) {
    if (start == null || end == null || !end.isAfter(start)) {
      return new Projection(completes, 0, 0);
    }
    double period = Duration.between(start, end).toMillis();
    double elapsed = Math.max(0, Math.min(period, Duration.between(start, now).toMillis()));
    double share = elapsed / period;
    int projected = share <= 0 ? completes : (int) Math.round(completes / share);
    double daysLeft = Math.max(0, Duration.between(now, end).toMillis()) / (double) Duration.ofDays(1).toMillis();
    return new Projection(projected, share, daysLeft);
  }

  static String state(String status, int completes, int goal, Instant end, Instant now, Projection projection,
      boolean paceAccepted, FieldingProperties properties) {
    boolean ended = end != null && !end.isAfter(now);
    if ("completed".equals(status) || "archived".equals(status)) {
      return ended && completes < goal ? ENDED : COMPLETED;
    }
    if (ended) {
      return ENDED;
    }
    if ("paused".equals(status)) {
      return REVIEW;
    }
    boolean checkDue = projection.share() >= properties.paceCheckShare();
    boolean short_ = projection.projected() < goal * (1 - properties.paceTolerance());
    return "live".equals(status) && checkDue && short_ && !paceAccepted ? REVIEW : FOLLOW;
  }
}
