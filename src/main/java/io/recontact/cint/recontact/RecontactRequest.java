package io.recontact.cint.recontact;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.recontact.cint.client.CintModel.DraftTargetGroupRequest;
import io.recontact.cint.client.CintModel.EntityType;
import io.recontact.cint.client.CintModel.Exclusion;
import io.recontact.cint.client.CintModel.FieldingSpecification;
import io.recontact.cint.client.CintModel;
import io.swagger.v3.oas.annotations.media.Schema;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * What a user asks for when starting a recontact: where (account, project), what the file holds, and the target
 * group as the user knows it. The process adds the recontact specifics (study type, allocations template,
 * exclusion, customer reference) itself. {@code allowDuplicate} is ours: it lets a start go ahead while a recontact
 * of the same respondents runs for the project ({@link RecontactStarter}); {@link #toDraft} never sends it to Cint.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record RecontactRequest(
    Integer accountId,
    String projectId,
    String entityType,
    TargetGroup targetGroup,
    Boolean sameProjectRecontact,
    Boolean launch,
    String endFieldingAt,
    @Schema(description = "true: start even while a recontact of the same respondents runs for this account and "
        + "project (otherwise 409 naming it). Ours alone: never sent to Cint") Boolean allowDuplicate) {

  private static final Pattern ULID = Pattern.compile("^[0-9A-Z]{26}$");
  private static final Pattern UUID = Pattern.compile(
      "^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$");

  /** The create-draft fields a user fills in, with Cint's names. */
  @JsonIgnoreProperties(ignoreUnknown = true)
  public record TargetGroup(
      String name,
      String locale,
      @JsonProperty("business_unit_id") String businessUnitId,
      @JsonProperty("project_manager_id") String projectManagerId,
      @JsonProperty("fielding_specification") Fielding fieldingSpecification,
      @JsonProperty("completes_goal") Integer completesGoal,
      @JsonProperty("expected_length_of_interview_minutes") Integer expectedLengthOfInterviewMinutes,
      @JsonProperty("expected_incidence_rate") BigDecimal expectedIncidenceRate,
      @JsonProperty("live_url") String liveUrl,
      @JsonProperty("test_url") String testUrl,
      @JsonProperty("collects_pii") Boolean collectsPii,
      @JsonProperty("industry_code") String industryCode,
      JsonNode profiling) {
  }

  @JsonIgnoreProperties(ignoreUnknown = true)
  public record Fielding(@JsonProperty("start_at") String startAt, @JsonProperty("end_at") String endAt) {
  }

  public EntityType entity() {
    return entityType == null || entityType.isBlank() ? EntityType.RSID
        : EntityType.valueOf(entityType.trim().toUpperCase(Locale.ROOT));
  }

  public boolean launchRequested() {
    return launch == null || launch;
  }

  /** The caller knows a recontact of the same respondents may be running for this project and wants another. */
  public boolean duplicateAllowed() {
    return allowDuplicate != null && allowDuplicate;
  }

  public boolean sameProject() {
    return sameProjectRecontact == null || sameProjectRecontact;
  }

  /** Fills the configured defaults for business unit and project manager where the request has none. */
  public RecontactRequest withDefaults(String businessUnitId, String projectManagerId) {
    if (targetGroup == null) {
      return this;
    }
    TargetGroup tg = targetGroup;
    TargetGroup filled = new TargetGroup(tg.name(), tg.locale(),
        blank(tg.businessUnitId()) ? businessUnitId : tg.businessUnitId(),
        blank(tg.projectManagerId()) ? projectManagerId : tg.projectManagerId(),
        tg.fieldingSpecification(), tg.completesGoal(), tg.expectedLengthOfInterviewMinutes(),
        tg.expectedIncidenceRate(), tg.liveUrl(), tg.testUrl(), tg.collectsPii(), tg.industryCode(), tg.profiling());
    return new RecontactRequest(accountId, projectId, entityType, filled, sameProjectRecontact, launch,
        endFieldingAt, allowDuplicate);
  }

  /** Every problem a person must fix before anything is started, one message each. */
  public List<String> problems() {
    List<String> problems = new ArrayList<>();
    if (accountId == null || accountId <= 0) {
      problems.add("accountId is required (a positive number)");
    }
    if (projectId == null || !ULID.matcher(projectId).matches()) {
      problems.add("projectId is required: a Cint project id (26 characters, 0-9 and A-Z)");
    }
    if (entityType != null && !entityType.isBlank()) {
      try {
        entity();
      } catch (IllegalArgumentException e) {
        problems.add("entityType '" + entityType + "' is unknown: use RSID, RESPONDENT_ID, RID or RESPONSE_ID");
      }
    }
    Instant fieldingEnd = instant(endFieldingAt);
    if (fieldingEnd == null && !blank(endFieldingAt)) {
      problems.add("endFieldingAt '" + io.recontact.engine.Text.abbreviate(endFieldingAt, 40) + "' is not an "
          + "ISO-8601 date-time such as 2026-12-31T23:59:59.000Z");
    } else if (fieldingEnd == null && launchRequested()) {
      problems.add("endFieldingAt is required when launch is true: an ISO-8601 date-time such as "
          + "2026-12-31T23:59:59.000Z");
    } else if (fieldingEnd != null && !fieldingEnd.isAfter(Instant.now())) {
      // Also without a launch: a past end is never meant, and Cint would refuse the launch that follows it.
      problems.add("endFieldingAt " + fieldingEnd + " is in the past: the fielding must end after it starts (UTC now "
          + Instant.now().truncatedTo(java.time.temporal.ChronoUnit.SECONDS) + ")");
    }
    if (targetGroup == null) {
      problems.add("targetGroup is required");
      return problems;
    }
    TargetGroup tg = targetGroup;
    if (tg.name() == null || tg.name().strip().length() < 5 || tg.name().strip().length() > 128) {
      problems.add("targetGroup.name is required: 5 to 128 characters");
    }
    if (blank(tg.locale())) {
      problems.add("targetGroup.locale is required, e.g. eng_us");
    }
    if (blank(tg.businessUnitId())) {
      problems.add("targetGroup.business_unit_id is required (or configure recontact.cint.default-business-unit-id)");
    }
    if (tg.projectManagerId() == null || !UUID.matcher(tg.projectManagerId()).matches()) {
      problems.add("targetGroup.project_manager_id is required: a user id (UUID) "
          + "(or configure recontact.cint.default-project-manager-id)");
    }
    Fielding fielding = tg.fieldingSpecification();
    Instant start = fielding == null ? null : instant(fielding.startAt());
    Instant end = fielding == null ? null : instant(fielding.endAt());
    if (start == null || end == null) {
      problems.add("targetGroup.fielding_specification.start_at and end_at are required ISO-8601 date-times");
    } else if (!end.isAfter(start)) {
      problems.add("targetGroup.fielding_specification.end_at must be after start_at");
    }
    if (tg.completesGoal() == null || tg.completesGoal() < 1) {
      problems.add("targetGroup.completes_goal is required: at least 1");
    }
    Integer loi = tg.expectedLengthOfInterviewMinutes();
    if (loi == null || loi < 1 || loi > 45) {
      problems.add("targetGroup.expected_length_of_interview_minutes is required: 1 to 45");
    }
    BigDecimal ir = tg.expectedIncidenceRate();
    if (ir == null || ir.signum() < 0 || ir.compareTo(BigDecimal.ONE) > 0 || ir.scale() > 2) {
      problems.add("targetGroup.expected_incidence_rate is required: 0 to 1 in steps of 0.01");
    }
    checkUrl(problems, "live_url", tg.liveUrl());
    checkUrl(problems, "test_url", tg.testUrl());
    return problems;
  }

  private static void checkUrl(List<String> problems, String field, String url) {
    if (url == null || !url.startsWith("https://")) {
      problems.add("targetGroup." + field + " is required and must be an https URL");
    } else if (!url.contains(CintModel.RECONTACT_RSID_PLACEHOLDER)) {
      problems.add("targetGroup." + field + " must contain " + CintModel.RECONTACT_RSID_PLACEHOLDER
          + " so Cint can identify recontacted respondents");
    } else if (url.length() > 3000) {
      problems.add("targetGroup." + field + " must be at most 3000 characters");
    }
  }

  /** Cint's create/update body for this request's recontact target group. */
  public DraftTargetGroupRequest toDraft(String customerReference, int completesGoal) {
    TargetGroup tg = targetGroup;
    ObjectNode allocations = JsonNodeFactory.instance.objectNode()
        .put("template_id", CintModel.RECONTACT_ALLOCATIONS_TEMPLATE_ID);
    return new DraftTargetGroupRequest(tg.name().strip(), tg.businessUnitId(), tg.locale(),
        tg.collectsPii() != null && tg.collectsPii(), CintModel.RECONTACT_STUDY_TYPE,
        tg.industryCode() == null ? "other" : tg.industryCode(), tg.projectManagerId(), null,
        new FieldingSpecification(instant(tg.fieldingSpecification().startAt()),
            instant(tg.fieldingSpecification().endAt())),
        completesGoal, tg.expectedLengthOfInterviewMinutes(), tg.expectedIncidenceRate(),
        // Same-project recontacts must not be blocked by the project's own exclusion (Cint's guide).
        new Exclusion(!sameProject()), tg.liveUrl(), tg.testUrl(), JsonNodeFactory.instance.objectNode(),
        tg.profiling() == null || tg.profiling().isNull() ? null : tg.profiling(), allocations, customerReference,
        null, null);
  }

  public static Instant instant(String value) {
    if (value == null || value.isBlank()) {
      return null;
    }
    try {
      return Instant.parse(value.trim());
    } catch (DateTimeParseException e) {
      try {
        return java.time.OffsetDateTime.parse(value.trim()).toInstant();
      } catch (DateTimeParseException again) {
        return null;
      }
    }
  }

  private static boolean blank(String value) {
    return value == null || value.isBlank();
  }
}
