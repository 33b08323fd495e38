package io.recontact.toluna.quotasweep;

import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Instant;
import java.util.List;

/** The JSON answers of {@code GET /api/toluna/sweeps} (docs/toluna-notifications.md lists the fields' meaning). */
final class SweepRunView {

  private SweepRunView() {
  }

  /** One sweep: when, what became of it and of each panel, and the totals over its panels. */
  record SweepRun(String processInstanceId,
      @Schema(description = "RUNNING, INCIDENT (running, a job failed for good), SUSPENDED, COMPLETED or DELETED")
      String outcome, Instant startedAt, @Schema(description = "Absent while the sweep runs") Instant endedAt,
      int panelsSwept, int panelsSkipped, long instancesStarted, long quotasWoken, List<Incident> incidents,
      List<PanelRun> panels) {
  }

  /** One panel of a sweep, from the variables its SweepPanel scope left in history. */
  record PanelRun(String panelGuid,
      @Schema(description = "SWEPT, SKIPPED (an earlier sweep still held the panel) or NOT_SWEPT (not yet, or the "
          + "sweep was deleted first)") String outcome,
      long quotasOffered, long quotasChanged, long instancesStarted, long quotasWoken, String summary) {
  }

  /** An open incident of a running sweep; a failed GetQuotas names its panel in the message. */
  record Incident(String activityId, String message) {
  }
}
