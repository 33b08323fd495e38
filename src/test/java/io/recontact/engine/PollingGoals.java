package io.recontact.engine;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The issue-20 goals of a job's check schedule, by arithmetic on {@link JobPolling#planned}: when a job that ends at
 * a given time is seen (the first check strictly after its end: a check at the very instant may come just before it)
 * and how many checks that took. Shared by JobPollingTest (asserted) and CintPollingBenchmark (printed).
 *
 * @param firstMinuteLag the longest lag of a job ending anywhere in its first minute (before 60 s, 0.1 s steps)
 * @param atQuotedLag lag of a job ending at its expected time E
 * @param atHalfLag lag of a job ending at E/2
 * @param quotedRangeShare the largest lag share of a job ending anywhere from E to {@code slowEnd}·E
 * @param maxChecks the most checks of a job ending within its first minute or by {@code slowEnd}·E
 * @param checksToDeadline checks of a job still running at the deadline
 */
public record PollingGoals(Duration expected, Duration firstMinuteLag, Duration atQuotedLag, Duration atHalfLag,
    double quotedRangeShare, int maxChecks, int checksToDeadline) {

  public static PollingGoals of(JobPolling polling, Duration expected, double slowEnd) {
    Duration deadline = polling.deadline();
    List<Duration> checks = schedule(polling, expected, deadline);
    Duration firstMinuteLag = Duration.ZERO;
    int maxChecks = 0;
    for (long ms = 100; ms < 60_000; ms += 100) {
      Duration end = Duration.ofMillis(ms);
      firstMinuteLag = max(firstMinuteLag, lag(checks, end));
      maxChecks = Math.max(maxChecks, checksUntilSeen(checks, end));
    }
    double rangeShare = 0;
    long e = expected.toMillis();
    for (int i = 0; i <= 400; i++) {
      Duration end = Duration.ofMillis(Math.round(e * (1 + (slowEnd - 1) * i / 400.0)));
      if (!end.isZero() && !end.isNegative()) {
        rangeShare = Math.max(rangeShare, share(lag(checks, end), end));
      }
      Duration sooner = Duration.ofMillis(Math.round(e * slowEnd * i / 400.0));
      if (!sooner.isZero()) {
        maxChecks = Math.max(maxChecks, checksUntilSeen(checks, sooner));
      }
    }
    maxChecks = Math.max(maxChecks, checksUntilSeen(checks, Duration.ofMillis(Math.round(e * slowEnd))));
    return new PollingGoals(expected, firstMinuteLag, lag(checks, expected), lag(checks, expected.dividedBy(2)),
        rangeShare, maxChecks, (int) checks.stream().filter(c -> c.compareTo(deadline) <= 0).count());
  }

  /** Times of the checks after the job's start, as the flows plan them, until {@code until} is passed. */
  public static List<Duration> schedule(JobPolling polling, Duration expected, Duration until) {
    List<Duration> checks = new ArrayList<>();
    Duration at = Duration.ZERO;
    while (at.compareTo(until) <= 0) {
      at = at.plus(polling.planned(at, expected));
      checks.add(at);
    }
    return checks;
  }

  public double atQuotedShare() {
    return share(atQuotedLag, expected);
  }

  public double atHalfShare() {
    return share(atHalfLag, expected.dividedBy(2));
  }

  static Duration lag(List<Duration> checks, Duration end) {
    return checks.get(checksUntilSeen(checks, end) - 1).minus(end);
  }

  static int checksUntilSeen(List<Duration> checks, Duration end) {
    for (int i = 0; i < checks.size(); i++) {
      if (checks.get(i).compareTo(end) > 0) {
        return i + 1;
      }
    }
    throw new IllegalArgumentException("no check after " + end + " in " + checks);
  }

  private static double share(Duration lag, Duration of) {
    return of.isZero() ? 0 : (double) lag.toMillis() / of.toMillis();
  }

  private static Duration max(Duration a, Duration b) {
    return a.compareTo(b) >= 0 ? a : b;
  }
}
