package io.recontact.governance;

import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Instant;

/** An entry of the do-not-contact list as the API shows it. */
@Schema(description = "An entry of the do-not-contact list")
record SuppressionView(@Schema(requiredMode = Schema.RequiredMode.REQUIRED) long id,
    @Schema(requiredMode = Schema.RequiredMode.REQUIRED, description = "cint or toluna") String marketplace,
    @Schema(description = "Null once the respondent was erased: the hash keeps them suppressed") String respondentId,
    @Schema(requiredMode = Schema.RequiredMode.REQUIRED, description = "SHA-256 of '<marketplace>:<id>'")
    String respondentHash,
    @Schema(requiredMode = Schema.RequiredMode.REQUIRED, description = "OPERATOR, DIRECTORY (opted out in our "
        + "member directory) or ERASURE") String source,
    @Schema(requiredMode = Schema.RequiredMode.REQUIRED) String reason,
    @Schema(requiredMode = Schema.RequiredMode.REQUIRED, description = "The user who added it") String addedBy,
    @Schema(requiredMode = Schema.RequiredMode.REQUIRED) Instant addedAt) {

  static SuppressionView of(Suppression s) {
    return new SuppressionView(s.id(), s.marketplace().toLowerCase(java.util.Locale.ROOT), s.respondentId(),
        s.respondentHash(), s.source(), s.reason(), s.addedBy(), s.addedAt());
  }
}
