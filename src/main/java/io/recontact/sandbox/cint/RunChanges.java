package io.recontact.sandbox.cint;

import java.time.Instant;

/**
 * A target group's fielding run as Cint's fielding-run endpoints see it: found only once launched, paused and resumed
 * with optimistic locking. Callers hold the marketplace's lock ({@link CintMarketplace#changeRun}).
 */
final class RunChanges {

  private RunChanges() {
  }

  /** The launched target group's run, settled; 404 for a draft or an unknown run id. */
  static TargetGroup run(TargetGroup tg, String runId, CintSettings settings) {
    JobSettling.settle(tg, settings);
    if (tg.fieldingRunId == null || (runId != null && !tg.fieldingRunId.equals(runId))) {
      throw SimulatedError.notFound();
    }
    return tg;
  }

  /**
   * Pause ({@code live → paused}) or resume ({@code paused → live}): a stale or missing If-Match is 412, a run not in
   * {@code from} is 422, and so is a resume once the goal or the end date has been reached.
   */
  static void change(TargetGroup tg, String runId, String ifMatch, String from, String to, CintSettings settings) {
    run(tg, runId, settings);
    if (tg.concurrentChanges > 0) {
      tg.concurrentChanges--;
      tg.runChanged(tg.status, Instant.now());
    }
    if (ifMatch == null || !ifMatch.trim().equals(tg.etag())) {
      throw SimulatedError.preconditionFailed();
    }
    if (!from.equals(tg.status)) {
      throw SimulatedError.invalidState("The fielding run is " + tg.status + ", not " + from + ".");
    }
    if ("live".equals(to) && (FieldingPlay.completes(tg) >= tg.goal()
        || (tg.endFieldingAt != null && !tg.endFieldingAt.isAfter(Instant.now())))) {
      throw SimulatedError.invalidState("The completes goal or the end date has been reached.");
    }
    tg.runChanged(to, Instant.now());
  }
}
