package io.recontact.toluna.notifications;

import static io.swagger.v3.oas.annotations.media.Schema.AdditionalPropertiesValue.TRUE;
import static io.swagger.v3.oas.annotations.media.Schema.RequiredMode.REQUIRED;

import io.swagger.v3.oas.annotations.media.Schema;

/** OpenAPI-only: the bodies NotificationController reads by hand (NotificationBody) and answers as maps. */
final class NotificationShapes {

  private NotificationShapes() {
  }

  @Schema(additionalProperties = TRUE, description = "Toluna's quota status notification (field names in any case)")
  record QuotaStatusNotification(@Schema(name = "QuotaID") Long quotaId,
      @Schema(name = "SurveyID") Long surveyId, @Schema(name = "WaveID") Long waveId,
      @Schema(name = "IsLive") Boolean isLive,
      @Schema(name = "UpdateDateTimeUTC", example = "2018-10-22 19:58:42.99 +00:00") String updated) {
  }

  @Schema(additionalProperties = TRUE, description = "Toluna's survey closed notification (field names in any case)")
  record SurveyClosedNotification(@Schema(name = "SurveyID") Long surveyId,
      @Schema(name = "SurveyRef") String surveyRef, @Schema(name = "WaveID") Long waveId,
      @Schema(name = "Status", example = "Closed") String status,
      @Schema(name = "DateTime", example = "2014-09-11 16:06:27") String dateTime) {
  }

  record NotificationOutcome(
      @Schema(requiredMode = REQUIRED, allowableValues = {"APPLIED", "STALE", "DUPLICATE", "UNKNOWN_QUOTA",
          "UNKNOWN_SURVEY"}) String outcome,
      @Schema(requiredMode = REQUIRED) int quotasAffected) {
  }
}
