package io.recontact.sandbox.cint;

import java.time.Duration;
import java.time.Instant;

/**
 * Plays respondents on a live target group: completes arrive at {@link CintSettings#completesPerHour} while the run
 * is live (not while paused), prescreens and entrants follow from the incidence and conversion rates. The run becomes
 * {@code completed} when the goal is reached or the end date passes. Played lazily, like {@link JobSettling}: every
 * access to the target group first plays the time since the last one. Called under CintMarketplace's monitor.
 */
final class FieldingPlay {

  private FieldingPlay() {
  }

  static void play(TargetGroup tg, CintSettings settings, Instant now) {
    if (tg.playedUntil == null || !now.isAfter(tg.playedUntil)) {
      return;
    }
    if ("live".equals(tg.status)) {
      Instant until = tg.endFieldingAt != null && tg.endFieldingAt.isBefore(now) ? tg.endFieldingAt : now;
      double hours = Math.max(0, Duration.between(tg.playedUntil, until).toNanos()) / 3.6e12;
      double before = tg.completes;
      double gained = hours * settings.completesPerHour;
      int goal = tg.goal();
      if (before + gained >= goal) {
        // the moment the goal was reached, for completed's timestamps
        double share = gained == 0 ? 0 : (goal - before) / gained;
        Instant reached = tg.playedUntil.plusNanos(Math.round(Duration.between(tg.playedUntil, until).toNanos()
            * share));
        tg.completes = goal;
        noteComplete(tg, before, reached);
        tg.runChanged("completed", reached);
      } else {
        tg.completes = before + gained;
        noteComplete(tg, before, until);
        if (until.equals(tg.endFieldingAt)) {
          tg.runChanged("completed", until);
        }
      }
    } else if ("paused".equals(tg.status) && tg.endFieldingAt != null && !tg.endFieldingAt.isAfter(now)) {
      tg.runChanged("completed", tg.endFieldingAt);
    }
    tg.playedUntil = now;
  }

  private static void noteComplete(TargetGroup tg, double before, Instant at) {
    if ((int) tg.completes > (int) before) {
      if (!tg.pendingEvents.contains("quota-fill-registered")) {
        tg.pendingEvents.add("quota-fill-registered");
      }
      if (tg.firstComplete == null) {
        tg.firstComplete = at;
      }
      tg.lastComplete = at;
    }
  }

  static int completes(TargetGroup tg) {
    return (int) tg.completes;
  }

  static int prescreens(TargetGroup tg, CintSettings settings) {
    return (int) Math.round(tg.completes / Math.max(0.01, settings.fieldingIncidenceRate));
  }

  static int entrants(TargetGroup tg, CintSettings settings) {
    return (int) Math.round(tg.completes / Math.max(0.01, settings.fieldingConversionRate));
  }
}
