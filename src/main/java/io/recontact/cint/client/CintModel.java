package io.recontact.cint.client;

import com.fasterxml.jackson.annotation.JsonAlias;
import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonValue;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Locale;

/**
 * Request and response bodies of the Cint Demand API 2025-12-18, with the OpenAPI field names (snake_case on the
 * wire). Unknown fields are ignored; polymorphic parts the process only passes through stay {@link JsonNode}.
 */
public final class CintModel {

  /** The recontact global allocations template, documented only in Cint's recontact guide. */
  public static final String RECONTACT_ALLOCATIONS_TEMPLATE_ID = "01JH0PEGPC4Z8RDD304E2SF0EW";
  public static final String RECONTACT_STUDY_TYPE = "recontact";
  public static final String RECONTACT_RSID_PLACEHOLDER = "[%RECONTACT_RSID%]";

  private CintModel() {
  }

  /** Body of create and update draft target group (the update schema has the same fields). */
  @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
  public record DraftTargetGroupRequest(
      String name,
      String businessUnitId,
      String locale,
      Boolean collectsPii,
      String studyTypeCode,
      String industryCode,
      String projectManagerId,
      Integer clientId,
      FieldingSpecification fieldingSpecification,
      Integer completesGoal,
      Integer expectedLengthOfInterviewMinutes,
      BigDecimal expectedIncidenceRate,
      Exclusion exclusion,
      String liveUrl,
      String testUrl,
      JsonNode fieldingAssistantAssignment,
      JsonNode profiling,
      JsonNode allocations,
      String targetGroupCustomerReferenceNumber,
      JsonNode costPerInterview,
      String industryLockoutCode) {

    public DraftTargetGroupRequest withCompletesGoal(int goal) {
      return new DraftTargetGroupRequest(name, businessUnitId, locale, collectsPii, studyTypeCode, industryCode,
          projectManagerId, clientId, fieldingSpecification, goal, expectedLengthOfInterviewMinutes,
          expectedIncidenceRate, exclusion, liveUrl, testUrl, fieldingAssistantAssignment, profiling, allocations,
          targetGroupCustomerReferenceNumber, costPerInterview, industryLockoutCode);
    }
  }

  @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
  public record FieldingSpecification(Instant startAt, Instant endAt) {
  }

  public record Exclusion(Boolean enabled) {
  }

  /** Spec: {@code id}; the recontact guide calls it {@code target_group_id}. Both are accepted. */
  public record CreatedDraftTargetGroupResponse(@JsonAlias("target_group_id") String id) {
  }

  /** GET of a draft. The spec has no {@code id}/{@code status} here; guide examples show them, so both are optional. */
  @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
  @JsonIgnoreProperties(ignoreUnknown = true)
  public record DraftTargetGroup(
      @JsonAlias("target_group_id") String id,
      String humanReadableId,
      String name,
      String businessUnitId,
      String locale,
      String studyTypeCode,
      String projectManagerId,
      Integer completesGoal,
      Integer expectedLengthOfInterviewMinutes,
      BigDecimal expectedIncidenceRate,
      FieldingSpecification fieldingSpecification,
      Exclusion exclusion,
      String liveUrl,
      String testUrl,
      JsonNode allocations,
      JsonNode profiling,
      String targetGroupCustomerReferenceNumber,
      String status,
      Instant createdAt) {
  }

  @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
  @JsonIgnoreProperties(ignoreUnknown = true)
  public record TargetGroupsList(List<TargetGroupsListItem> targetGroups, Boolean hasMore, String nextCursor,
      String url) {
  }

  @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
  @JsonIgnoreProperties(ignoreUnknown = true)
  public record TargetGroupsListItem(String id, String humanReadableId, String name, String status, String locale,
      String projectManagerId, Instant createdAt, Instant updatedAt, String targetGroupCustomerReferenceNumber) {
  }

  /** {@code 201} of every recontact job creation. */
  @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
  @JsonIgnoreProperties(ignoreUnknown = true)
  public record JobCreated(@JsonAlias("id") String jobId) {
  }

  /** Upload-by-file and remove-all jobs (remove-all never has {@code partial_success_reason}). */
  @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
  @JsonIgnoreProperties(ignoreUnknown = true)
  public record RecontactJob(String jobId, Instant createdAt, String createdBy, JobStatus status, Instant completedAt,
      FailureReason failureReason, PartialSuccessReason partialSuccessReason, String jobTraceId) {

    public boolean isDone() {
      return status != null && status.isDone();
    }
  }

  @JsonIgnoreProperties(ignoreUnknown = true)
  public record FailureReason(String code, String description, List<FailureDetail> reasons) {
  }

  @JsonIgnoreProperties(ignoreUnknown = true)
  public record FailureDetail(String name, String reason, String detail) {
  }

  @JsonIgnoreProperties(ignoreUnknown = true)
  public record PartialSuccessReason(String description) {
  }

  @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
  @JsonIgnoreProperties(ignoreUnknown = true)
  public record UploadJobsPage(List<UploadJobSummary> data, String nextCursor) {
  }

  @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
  @JsonIgnoreProperties(ignoreUnknown = true)
  public record UploadJobSummary(String jobId, String fileName, JobStatus status, Instant createdAt,
      String createdBy) {
  }

  @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
  @JsonIgnoreProperties(ignoreUnknown = true)
  public record RecontactOverview(int savedRespondentIdsCount) {
  }

  @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
  @JsonIgnoreProperties(ignoreUnknown = true)
  public record RsidPage(List<String> data, String nextCursor, String url) {
  }

  @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
  public record LaunchFromDraftRequest(Instant endFieldingAt) {
  }

  @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
  @JsonIgnoreProperties(ignoreUnknown = true)
  public record LaunchJob(String jobId, String createdFieldingRunId, Instant createdAt, String createdBy,
      JobStatus status, FailureReason failureReason, String jobTraceId) {

    public boolean isDone() {
      return status != null && status.isDone();
    }
  }

  // ---------------------------------------------------------------- fielding

  @JsonIgnoreProperties(ignoreUnknown = true)
  public record MonetaryAmount(String value, @JsonAlias("currency_code") String currencyCode) {
  }

  @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
  @JsonIgnoreProperties(ignoreUnknown = true)
  public record TargetGroupProgress(int currentCompletes, int currentPrescreens, int fillingGoal,
      String fillingStrategy) {
  }

  /** GET .../target-groups/{id}/overview of a launched target group (a draft answers 404). */
  @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
  @JsonIgnoreProperties(ignoreUnknown = true)
  public record TargetGroupOverview(String targetGroupName, TargetGroupProgress progress, String status,
      MonetaryAmount currentCost, MonetaryAmount currentCostPerInterview, BigDecimal conversionRate,
      BigDecimal incidenceRate, BigDecimal dropOffRate, Instant createdAt) {
  }

  @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
  @JsonIgnoreProperties(ignoreUnknown = true)
  public record TargetGroupPerformance(int entrants, int prescreens, int completes, MonetaryAmount completesCost,
      Instant firstComplete, Instant lastComplete, BigDecimal incidenceRate, BigDecimal conversionRate) {
  }

  @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
  @JsonIgnoreProperties(ignoreUnknown = true)
  public record FieldingRun(String id, Instant startFieldingAt, Instant endFieldingAt, String status, int version) {
  }

  @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
  @JsonIgnoreProperties(ignoreUnknown = true)
  public record FieldingRunsList(List<FieldingRun> data, Boolean hasMore) {
  }

  /** A fielding run with the {@code ETag} of its GET, for {@code If-Match}. */
  public record VersionedFieldingRun(FieldingRun run, String etag) {
  }

  @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
  public record BulkCompleteRequest(List<String> targetGroupIds) {
  }

  @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
  @JsonIgnoreProperties(ignoreUnknown = true)
  public record BulkTargetGroups(List<BulkTargetGroup> data) {
  }

  @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
  @JsonIgnoreProperties(ignoreUnknown = true)
  public record BulkTargetGroup(String targetGroupId, FailureReason failureReason) {
  }

  @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
  @JsonIgnoreProperties(ignoreUnknown = true)
  public record BulkCompleteJob(String jobId, JobStatus status, BulkTargetGroups updatedTargetGroups,
      BulkTargetGroups failedTargetGroups) {

    /** The failure of {@code targetGroupId} in this job, or null when it was updated (or is not listed yet). */
    public FailureReason failureOf(String targetGroupId) {
      if (failedTargetGroups == null || failedTargetGroups.data() == null) {
        return null;
      }
      return failedTargetGroups.data().stream().filter(f -> targetGroupId.equals(f.targetGroupId()))
          .map(BulkTargetGroup::failureReason).findFirst().orElse(null);
    }
  }

  /** What a pause or resume did: changed the run, or found it already in that state (Cint's 422). */
  public enum RunChange { CHANGED, ALREADY }

  /** A downloaded upload file with the name from {@code Content-Disposition}. */
  public record DownloadedFile(String fileName, byte[] content) {
  }

  /** {@code entity_type} of an upload. RSID/RESPONDENT_ID are respondent IDs; RID/RESPONSE_ID are mapped by Cint. */
  public enum EntityType {
    RSID, RESPONDENT_ID, RID, RESPONSE_ID;

    public boolean isRespondentId() {
      return this == RSID || this == RESPONDENT_ID;
    }
  }

  /**
   * Job status. The spec says {@code Processing|Completed|Failed}; the guide says a launch "succeeded"; other job
   * families use {@code Success} or lower case. All of them map here; anything else is {@link #UNKNOWN}, which the
   * process must not mistake for done.
   */
  public enum JobStatus {
    PROCESSING("Processing"), COMPLETED("Completed"), FAILED("Failed"), UNKNOWN("Unknown");

    private final String wire;

    JobStatus(String wire) {
      this.wire = wire;
    }

    @JsonCreator
    public static JobStatus parse(String value) {
      if (value == null) {
        return UNKNOWN;
      }
      return switch (value.trim().toLowerCase(Locale.ROOT)) {
        case "processing", "pending", "running", "queued" -> PROCESSING;
        case "completed", "succeeded", "success", "successful" -> COMPLETED;
        case "failed", "failure", "error" -> FAILED;
        default -> UNKNOWN;
      };
    }

    @JsonValue
    public String wire() {
      return wire;
    }

    public boolean isDone() {
      return this == COMPLETED || this == FAILED;
    }
  }
}
