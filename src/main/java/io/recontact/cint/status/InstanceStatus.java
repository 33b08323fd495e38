package io.recontact.cint.status;

import static io.swagger.v3.oas.annotations.media.Schema.AdditionalPropertiesValue.TRUE;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Where one Cint flow stands: the instance (running or ended, from history), its counts and references (never IDs),
 * the Cint jobs of it and of the processes it called, and the review tasks waiting for a person.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record InstanceStatus(String processInstanceId, String businessKey, String processDefinitionKey,
    String state, Instant startTime, Instant endTime, String endEvent, List<String> activeActivities,
    @Schema(additionalProperties = TRUE, description = "Counts, references and outcome variables (never IDs)")
    Map<String, Object> variables, List<CintJob> jobs, List<CalledProcess> calledProcesses,
    List<WaitingTask> openTasks,
    @Schema(description = "A recontact whose target group is followed (cintFollowFielding): its latest reading and "
        + "history") RecontactFielding fielding) {

  /** The fielding follow-up of the recontact's target group: where it answers, its latest reading and history. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record RecontactFielding(@Schema(description = "GET this for the follow-up itself") String status,
      String processInstanceId, RecontactFieldingReading latest, List<RecontactFieldingReading> readings) {
  }

  /** One reading: Cint's figures then, never respondents. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record RecontactFieldingReading(Instant readAt, String status, int completes, int prescreens, int goal,
      java.math.BigDecimal conversionRate, java.math.BigDecimal incidenceRate, java.math.BigDecimal cost,
      String currency) {
  }

  /**
   * One job at Cint as the project's tables and variables know it (no call to Cint per request). Upload batches
   * appear from planning on: {@code PLANNED}, {@code SENT} (Cint is processing it), then {@code COMPLETED},
   * {@code PARTIAL} or {@code FAILED}; {@code PROPOSED}/{@code DISCARDED} are resubmissions a person was asked about.
   */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record CintJob(String kind, String jobId, String state, Integer idCount, String fileName, String detail) {
  }

  /** A process this one called (upload, removal): same business key, its own variables. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record CalledProcess(String processInstanceId, String processDefinitionKey, String state, String endEvent,
      List<String> activeActivities,
      @Schema(additionalProperties = TRUE, description = "Its counts, references and outcome variables")
      Map<String, Object> variables) {
  }

  public record WaitingTask(String id, String taskDefinitionKey, String name) {
  }

  /** One page of a list, newest first. */
  public record Page<T>(int page, int size, long total, List<T> items) {
  }
}
