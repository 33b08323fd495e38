package io.recontact.web;

import static io.swagger.v3.oas.annotations.media.Schema.AdditionalPropertiesValue.TRUE;
import static io.swagger.v3.oas.annotations.media.Schema.RequiredMode.REQUIRED;

import io.recontact.cint.recontact.RecontactRequest;
import io.recontact.cint.status.InstanceStatus;
import io.swagger.v3.oas.annotations.media.Schema;
import java.util.List;
import java.util.Map;

/**
 * The shapes of the /api bodies the controllers build as maps or read by hand, for the OpenAPI document only (the
 * controllers' own types document the rest). Integration tests check every exchange against the document
 * (src/test/java/io/recontact/api/ApiContract.java), so these cannot drift from what the controllers send.
 */
public final class ApiShapes {

  /** What the respondent file part may be typed as: text, by name or not at all. */
  public static final String ID_FILE_TYPES = "text/csv, text/plain, application/octet-stream";

  private ApiShapes() {
  }

  @Schema(description = "multipart/form-data of POST /api/cint/recontacts")
  public record RecontactForm(
      @Schema(requiredMode = REQUIRED, description = "The recontact request, a JSON part") RecontactRequest request,
      @Schema(requiredMode = REQUIRED, type = "string", format = "binary",
          description = "The respondent IDs, one a line (CSV/text, UTF-8, optional header)") String file) {
  }

  @Schema(description = "multipart/form-data of POST .../recontacts/replacement")
  public record ReplacementForm(
      @Schema(requiredMode = REQUIRED, description = "A JSON part") ReplacementRequest request,
      @Schema(requiredMode = REQUIRED, type = "string", format = "binary",
          description = "The replacement respondent IDs, one a line") String file) {
  }

  public record ReplacementRequest(@Schema(requiredMode = REQUIRED) Integer accountId,
      @Schema(requiredMode = REQUIRED, description = "Cint project id (ULID)") String projectId,
      @Schema(allowableValues = {"RSID", "RESPONDENT_ID", "RID", "RESPONSE_ID"}, defaultValue = "RSID")
      String entityType,
      @Schema(requiredMode = REQUIRED, minimum = "1") Integer completesGoal) {
  }

  public record RemovalRequest(@Schema(requiredMode = REQUIRED) Integer accountId,
      @Schema(requiredMode = REQUIRED, description = "Cint project id (ULID)") String projectId) {
  }

  @Schema(description = "How the respondent file was read")
  public record FileFigures(@Schema(description = "The uploaded file's name (recontact starts only)") String name,
      @Schema(requiredMode = REQUIRED) int lines, @Schema(requiredMode = REQUIRED) int accepted,
      @Schema(requiredMode = REQUIRED) int duplicates, @Schema(requiredMode = REQUIRED) int blank,
      @Schema(requiredMode = REQUIRED) int invalid, @Schema(requiredMode = REQUIRED) boolean headerDetected) {
  }

  public record Started(@Schema(requiredMode = REQUIRED) String processInstanceId,
      @Schema(requiredMode = REQUIRED) String businessKey, FileFigures file) {
  }

  /** A page of the recontact list ({@code InstanceStatus.Page} with its element type spelled out for the document). */
  public record RecontactPage(@Schema(requiredMode = REQUIRED) int page, @Schema(requiredMode = REQUIRED) int size,
      @Schema(requiredMode = REQUIRED) long total, @Schema(requiredMode = REQUIRED) List<InstanceStatus> items) {
  }

  public record SweepStarted(@Schema(requiredMode = REQUIRED) String processInstanceId,
      @Schema(requiredMode = REQUIRED) String process,
      @Schema(requiredMode = REQUIRED, description = "Engine REST history of the sweep") String history,
      @Schema(requiredMode = REQUIRED, description = "Where the quota runs are listed") String quotas) {
  }

  @Schema(description = "A panel member to import; JSON bodies are an array of these (CSV: the same columns)")
  public record MemberRow(@Schema(requiredMode = REQUIRED, maxLength = 64) String memberCode,
      @Schema(requiredMode = REQUIRED, description = "e.g. ACTIVE") String status,
      @Schema(format = "date") String birthDate, String postalCode,
      @Schema(additionalProperties = TRUE, description = "QuestionID to [AnswerID, ...]") Map<String, Object> answers,
      String email) {
  }

  public record MemberFile(@Schema(requiredMode = REQUIRED, type = "string", format = "binary",
      description = "JSON when its type or name says so, CSV otherwise") String file) {
  }

  @Schema(description = "The import's result; a 400 when no member could be imported")
  public record ImportResult(@Schema(description = "Only when nothing was imported") String message,
      @Schema(requiredMode = REQUIRED) int imported, @Schema(requiredMode = REQUIRED) int updated,
      @Schema(requiredMode = REQUIRED) int rejected,
      @Schema(requiredMode = REQUIRED, description = "At most 1,000 listed") List<Problem> problems,
      @Schema(description = "More problems than listed") Boolean problemsTruncated) {
  }

  @Schema(name = "ImportProblem")
  public record Problem(Integer line, Integer element, String memberCode,
      @Schema(requiredMode = REQUIRED) String reason) {
  }

  @Schema(additionalProperties = TRUE, description = "Toluna's quota status notification (field names in any case)")
  public record QuotaStatusNotification(@Schema(name = "QuotaID") Long quotaId,
      @Schema(name = "SurveyID") Long surveyId, @Schema(name = "WaveID") Long waveId,
      @Schema(name = "IsLive") Boolean isLive,
      @Schema(name = "UpdateDateTimeUTC", example = "2018-10-22 19:58:42.99 +00:00") String updated) {
  }

  @Schema(additionalProperties = TRUE, description = "Toluna's survey closed notification (field names in any case)")
  public record SurveyClosedNotification(@Schema(name = "SurveyID") Long surveyId,
      @Schema(name = "SurveyRef") String surveyRef, @Schema(name = "WaveID") Long waveId,
      @Schema(name = "Status", example = "Closed") String status,
      @Schema(name = "DateTime", example = "2014-09-11 16:06:27") String dateTime) {
  }

  public record NotificationOutcome(
      @Schema(requiredMode = REQUIRED, allowableValues = {"APPLIED", "STALE", "DUPLICATE", "UNKNOWN_QUOTA",
          "UNKNOWN_SURVEY"}) String outcome,
      @Schema(requiredMode = REQUIRED) int quotasAffected) {
  }
}
