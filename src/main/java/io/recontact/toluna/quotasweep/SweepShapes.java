package io.recontact.toluna.quotasweep;

import static io.swagger.v3.oas.annotations.media.Schema.RequiredMode.REQUIRED;

import io.swagger.v3.oas.annotations.media.Schema;

/** OpenAPI-only: the answer TolunaSweepController builds as a map. */
final class SweepShapes {

  private SweepShapes() {
  }

  record SweepStarted(@Schema(requiredMode = REQUIRED) String processInstanceId,
      @Schema(requiredMode = REQUIRED) String process,
      @Schema(requiredMode = REQUIRED, description = "This sweep in the sweep API (GET), also once it ended")
      String status,
      @Schema(requiredMode = REQUIRED, description = "Engine REST history of the sweep") String history,
      @Schema(requiredMode = REQUIRED, description = "Where the quota runs are listed") String quotas) {
  }
}
