package io.recontact.cint.replacerecontacts;

import static io.swagger.v3.oas.annotations.media.Schema.RequiredMode.REQUIRED;

import io.swagger.v3.oas.annotations.media.Schema;

/** OpenAPI-only: the multipart body CintReplaceRecontactsController reads part by part. */
final class ReplacementShapes {

  private ReplacementShapes() {
  }

  @Schema(description = "multipart/form-data of POST .../recontacts/replacement")
  record ReplacementForm(
      @Schema(requiredMode = REQUIRED, description = "A JSON part") ReplacementPart request,
      @Schema(requiredMode = REQUIRED, type = "string", format = "binary",
          description = "The replacement respondent IDs, one a line") String file) {
  }

  /** The {@code request} part; named apart from the {@link ReplacementRequest} that parses it. */
  @Schema(name = "ReplacementRequest")
  record ReplacementPart(@Schema(requiredMode = REQUIRED) Integer accountId,
      @Schema(requiredMode = REQUIRED, description = "Cint project id (ULID)") String projectId,
      @Schema(allowableValues = {"RSID", "RESPONDENT_ID", "RID", "RESPONSE_ID"}, defaultValue = "RSID")
      String entityType,
      @Schema(requiredMode = REQUIRED, minimum = "1") Integer completesGoal) {
  }
}
