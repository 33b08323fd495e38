package io.recontact.cint.status;

import static io.swagger.v3.oas.annotations.media.Schema.RequiredMode.REQUIRED;

import io.swagger.v3.oas.annotations.media.Schema;
import java.util.List;

/** OpenAPI-only shapes of CintStatusController's answers. */
final class StatusShapes {

  private StatusShapes() {
  }

  /** A page of the recontact list ({@code InstanceStatus.Page} with its element type spelled out for the document). */
  record RecontactPage(@Schema(requiredMode = REQUIRED) int page, @Schema(requiredMode = REQUIRED) int size,
      @Schema(requiredMode = REQUIRED) long total, @Schema(requiredMode = REQUIRED) List<InstanceStatus> items) {
  }
}
