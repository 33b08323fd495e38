package io.recontact.cint.followfielding;

import io.recontact.cint.CintVariables;
import io.recontact.cint.TargetGroupCoordinates;
import io.recontact.engine.Text;
import io.recontact.web.ApiTags;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.history.HistoricProcessInstance;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code POST /api/cint/target-groups/{targetGroupId}/fielding} with {@code {accountId, projectId}} follows a
 * launched target group (201; 200 with the instance that follows it already); {@code GET} of the same path shows
 * the latest reading and the history.
 */
@RestController
@Tag(name = ApiTags.CINT_FIELDING)
class CintFollowFieldingController {

  static final String PATH = "/api/cint/target-groups/{targetGroupId}/fielding";
  /** Readings a GET shows at most (the newest). */
  static final int HISTORY = 500;

  private final FieldingSignals signals;
  private final FieldingFollows follows;
  private final HistoryService history;

  CintFollowFieldingController(FieldingSignals signals, FieldingFollows follows, HistoryService history) {
    this.signals = signals;
    this.follows = follows;
    this.history = history;
  }

  /** A body that is not a JSON object: Spring's default 400 has no message. */
  @ExceptionHandler(HttpMessageNotReadableException.class)
  ResponseEntity<Map<String, Object>> unreadable(HttpMessageNotReadableException e) {
    String detail = e.getMostSpecificCause().getMessage();
    return ResponseEntity.badRequest().body(Map.of("message", "Fielding is not followed: fix these problems",
        "problems", List.of("The body must be a JSON object {accountId, projectId}: " + Text.abbreviate(
            detail == null ? "unreadable" : detail.lines().findFirst().orElse(""), 200))));
  }

  @PostMapping(PATH)
  @Operation(summary = "Follow a launched target group's fielding (one instance per target group)", requestBody =
      @io.swagger.v3.oas.annotations.parameters.RequestBody(required = true,
      content = @Content(schema = @Schema(implementation = FieldingShapes.FieldingFollowRequest.class))))
  @ApiResponse(responseCode = "201", description = "Started",
      content = @Content(schema = @Schema(implementation = FieldingShapes.FollowStarted.class)))
  @ApiResponse(responseCode = "200", description = "Followed already: the instance that follows it",
      content = @Content(schema = @Schema(implementation = FieldingShapes.FollowStarted.class)))
  ResponseEntity<Map<String, Object>> follow(@PathVariable String targetGroupId,
      @RequestBody(required = false) Map<String, Object> body) {
    Map<String, Object> request = body == null ? Map.of() : body;
    List<String> problems = TargetGroupCoordinates.problems(request.get(CintVariables.ACCOUNT_ID),
        request.get(CintVariables.PROJECT_ID), targetGroupId);
    if (!problems.isEmpty()) {
      return ResponseEntity.badRequest().body(Map.of("message", "Fielding is not followed: fix these problems",
          "problems", problems));
    }
    FieldingSignals.Followed followed = signals.follow(((Number) request.get(CintVariables.ACCOUNT_ID)).intValue(),
        (String) request.get(CintVariables.PROJECT_ID), targetGroupId, "api");
    Map<String, Object> answer = new LinkedHashMap<>();
    answer.put("processInstanceId", followed.processInstanceId());
    answer.put("businessKey", followed.businessKey());
    answer.put("status", PATH.replace("{targetGroupId}", targetGroupId));
    return ResponseEntity.status(followed.started() ? HttpStatus.CREATED : HttpStatus.OK).body(answer);
  }

  @GetMapping(PATH)
  @Operation(summary = "A followed target group's fielding: latest reading, history (oldest first), outcome")
  @ApiResponse(responseCode = "200", content = @Content(schema = @Schema(implementation =
      FieldingShapes.FollowedFielding.class)))
  ResponseEntity<Map<String, Object>> fielding(@PathVariable String targetGroupId) {
    FieldingFollows.Follow follow = follows.find(targetGroupId).orElse(null);
    if (follow == null) {
      return ResponseEntity.status(HttpStatus.NOT_FOUND).body(Map.of("message", "Target group "
          + Text.abbreviate(targetGroupId, 40) + " is not followed: POST " + PATH + " starts following it"));
    }
    List<FieldingReading> readings = follows.readings(targetGroupId, HISTORY);
    Map<String, Object> answer = new LinkedHashMap<>();
    answer.put("targetGroupId", follow.targetGroupId());
    answer.put("accountId", follow.accountId());
    answer.put("projectId", follow.projectId());
    answer.put("processInstanceId", follow.processInstanceId());
    answer.put("startedBy", follow.startedBy());
    answer.put("startedAt", follow.startedAt().toString());
    HistoricProcessInstance instance = follow.processInstanceId() == null ? null : history
        .createHistoricProcessInstanceQuery().processInstanceId(follow.processInstanceId()).singleResult();
    answer.put("state", instance == null ? null : instance.getState());
    answer.put("endEvent", instance == null ? null : instance.getEndActivityId());
    answer.put("latest", readings.isEmpty() ? null : FieldingShapes.row(readings.get(readings.size() - 1)));
    answer.put("readings", readings.stream().map(FieldingShapes::row).toList());
    return ResponseEntity.ok(answer);
  }
}
