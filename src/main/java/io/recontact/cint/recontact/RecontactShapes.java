package io.recontact.cint.recontact;

import static io.swagger.v3.oas.annotations.media.Schema.RequiredMode.REQUIRED;

import io.swagger.v3.oas.annotations.media.Schema;

/** OpenAPI-only: the multipart body CintRecontactController reads part by part. */
final class RecontactShapes {

  private RecontactShapes() {
  }

  @Schema(description = "multipart/form-data of POST /api/cint/recontacts")
  record RecontactForm(
      @Schema(requiredMode = REQUIRED, description = "The recontact request, a JSON part") RecontactRequest request,
      @Schema(requiredMode = REQUIRED, type = "string", format = "binary",
          description = "The respondent IDs, one a line (CSV/text, UTF-8, optional header)") String file) {
  }
}
