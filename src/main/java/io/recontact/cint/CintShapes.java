package io.recontact.cint;

import static io.swagger.v3.oas.annotations.media.Schema.RequiredMode.NOT_REQUIRED;
import static io.swagger.v3.oas.annotations.media.Schema.RequiredMode.REQUIRED;

import io.swagger.v3.oas.annotations.media.Schema;

/**
 * OpenAPI-only shapes that several Cint start controllers answer or read (they build the bodies as maps). Integration
 * tests check every exchange against the document (src/test/java/io/recontact/api/ApiContract.java).
 */
public final class CintShapes {

  /** What the respondent file part may be typed as: text, by name or not at all. */
  public static final String ID_FILE_TYPES = "text/csv, text/plain, application/octet-stream";

  private CintShapes() {
  }

  @Schema(description = "How the respondent file was read")
  public record FileFigures(@Schema(description = "The uploaded file's name (recontact starts only)") String name,
      @Schema(requiredMode = REQUIRED) int lines, @Schema(requiredMode = REQUIRED) int accepted,
      @Schema(requiredMode = REQUIRED) int duplicates, @Schema(requiredMode = REQUIRED) int blank,
      @Schema(requiredMode = REQUIRED) int invalid, @Schema(requiredMode = REQUIRED) boolean headerDetected,
      @Schema(requiredMode = NOT_REQUIRED, description = "IDs of erased respondents, dropped "
          + "(docs/respondent-erasure.md)") Integer erased,
      @Schema(requiredMode = REQUIRED, description = "Valid IDs dropped: on the do-not-contact list") int suppressed,
      @Schema(requiredMode = REQUIRED, description = "Valid IDs dropped: the respondent reached a contact cap")
      int capped) {
  }

  @Schema(description = "The started instance; a repeat with the same Idempotency-Key answers the same with 200")
  public record Started(@Schema(requiredMode = REQUIRED) String processInstanceId,
      @Schema(requiredMode = REQUIRED) String businessKey,
      @Schema(requiredMode = REQUIRED, description = "This instance in the status API (GET), also once it ended")
      String status, FileFigures file) {
  }
}
