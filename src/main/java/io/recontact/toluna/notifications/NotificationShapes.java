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

  @Schema(additionalProperties = TRUE, description = "Toluna's completion (JSON, or XML with root <confirmation>; "
      + "field names in any case)")
  record CompletionNotification(@Schema(name = "UniqueCode", requiredMode = REQUIRED) String uniqueCode,
      @Schema(name = "SurveyId", requiredMode = REQUIRED) Long surveyId, @Schema(name = "SurveyRef") String surveyRef,
      @Schema(name = "Revenue", description = "1/100 currency units") Long revenue,
      @Schema(name = "DateTime", requiredMode = REQUIRED, example = "2014-09-11 16:06:27") String dateTime,
      @Schema(name = "WaveId") Long waveId, @Schema(name = "QuotaID") Long quotaId,
      @Schema(name = "AdditionalData", example = "rc_invite=0b6f4a8e-4f0c-4a53-9a55-9b1f3c2d1e00")
      String additionalData,
      @Schema(name = "IsAutoRouted") Boolean isAutoRouted, @Schema(name = "OriginalSurveyID", nullable = true) Long originalSurveyId,
      @Schema(name = "EncryptedValue") String encryptedValue) {
  }

  @Schema(additionalProperties = TRUE, description = "Toluna's termination (JSON, or XML with root <termination>; "
      + "field names in any case)")
  record TerminationNotification(@Schema(name = "UniqueCode", requiredMode = REQUIRED) String uniqueCode,
      @Schema(name = "SurveyId", requiredMode = REQUIRED) Long surveyId, @Schema(name = "SurveyRef") String surveyRef,
      @Schema(name = "Reason", requiredMode = REQUIRED, example = "QuotaFull") String reason,
      @Schema(name = "DateTime", requiredMode = REQUIRED, example = "2014-09-11 16:06:27") String dateTime,
      @Schema(name = "WaveId") Long waveId, @Schema(name = "QuotaID") Long quotaId,
      @Schema(name = "AdditionalData") String additionalData, @Schema(name = "EncryptedValue") String encryptedValue) {
  }

  @Schema(additionalProperties = TRUE, description = "Toluna's pre-start termination (JSON, or XML with root "
      + "<termination>; field names in any case)")
  record PrestartNotification(@Schema(name = "UniqueCode", requiredMode = REQUIRED) String uniqueCode,
      @Schema(name = "SurveyId", requiredMode = REQUIRED) Long surveyId, @Schema(name = "SurveyRef") String surveyRef,
      @Schema(name = "Reason") String reason,
      @Schema(name = "DateTime", requiredMode = REQUIRED, example = "2014-09-11 16:06:27") String dateTime,
      @Schema(name = "WaveId") Long waveId, @Schema(name = "QuotaID") Long quotaId,
      @Schema(name = "IncidenceRate") Integer incidenceRate,
      @Schema(name = "RejectionID", example = "57") Long rejectionId,
      @Schema(name = "RejectionName", example = "AccountGroupSurveyTaken") String rejectionName,
      @Schema(name = "AdditionalData") String additionalData, @Schema(name = "EncryptedValue") String encryptedValue) {
  }

  @Schema(additionalProperties = TRUE, description = "Toluna's reconciliation (JSON only; field names in any case)")
  record ReconciliationNotification(@Schema(name = "SurveyId", requiredMode = REQUIRED) Long surveyId,
      @Schema(name = "SurveyRef") String surveyRef, @Schema(name = "WaveId") Long waveId,
      @Schema(name = "QuotaId") Long quotaId, @Schema(name = "UniqueCode", requiredMode = REQUIRED) String uniqueCode,
      @Schema(name = "IsAutoRouted") Boolean isAutoRouted, @Schema(name = "OriginalSurveyId", nullable = true) Long originalSurveyId,
      @Schema(name = "ReconciliationId", requiredMode = REQUIRED) String reconciliationId,
      @Schema(name = "Revenue", description = "1/100 currency units, deducted") Long revenue,
      @Schema(name = "OriginalCompleteDateTime", example = "2026-05-16T10:00:00Z") String originalCompleteDateTime,
      @Schema(name = "ReconciliationDateTime", requiredMode = REQUIRED, example = "2026-05-17T15:40:03.350Z")
      String reconciliationDateTime) {
  }

  record MemberOutcomeAnswer(
      @Schema(requiredMode = REQUIRED, allowableValues = {"APPLIED", "DUPLICATE", "STALE", "UNKNOWN_INVITE"})
      String outcome,
      @Schema(requiredMode = REQUIRED, description = "1 when the invite's outcome changed, else 0") int invitesAffected) {
  }
}
