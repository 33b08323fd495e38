package io.recontact.cint.removerecontacts;

import io.recontact.cint.CintShapes;
import io.recontact.cint.CintVariables;
import io.recontact.cint.StatusLinks;
import io.recontact.cint.TargetGroupCoordinates;
import io.recontact.engine.Text;
import io.recontact.web.ApiTags;
import io.recontact.web.IdempotentStart;
import io.recontact.web.IdempotentStarts;
import io.recontact.web.RequestFingerprint;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code POST /api/cint/target-groups/{targetGroupId}/recontacts/removal} with {@code {accountId, projectId}}; an
 * {@code Idempotency-Key} makes a repeat answer the first start ({@link IdempotentStarts}).
 */
@RestController
@Tag(name = ApiTags.CINT_REPLACEMENT_AND_REMOVAL)
class CintRemoveRecontactsController {

  static final String PROCESS_KEY = "cintRemoveRecontacts";


  private final RuntimeService runtime;
  private final IdempotentStarts idempotency;

  CintRemoveRecontactsController(RuntimeService runtime, IdempotentStarts idempotency) {
    this.runtime = runtime;
    this.idempotency = idempotency;
  }

  /** A body that is not a JSON object: Spring's default 400 has no message. */
  @ExceptionHandler(HttpMessageNotReadableException.class)
  ResponseEntity<Map<String, Object>> unreadable(HttpMessageNotReadableException e) {
    String detail = e.getMostSpecificCause().getMessage();
    String message = "The body must be a JSON object {accountId, projectId}: "
        + Text.abbreviate(detail == null ? "unreadable" : detail.lines().findFirst().orElse(""), 200);
    return ResponseEntity.badRequest().body(Map.of("message", "The removal was not started: fix these problems",
        "problems", List.of(message)));
  }

  @PostMapping("/api/cint/target-groups/{targetGroupId}/recontacts/removal")
  @IdempotentStart
  @Operation(summary = "Remove every recontact ID of a target group", requestBody =
      @io.swagger.v3.oas.annotations.parameters.RequestBody(required = true,
      content = @Content(schema = @Schema(implementation = RemovalShapes.RemovalRequest.class))))
  @ApiResponse(responseCode = "201", description = "Started",
      content = @Content(schema = @Schema(implementation = CintShapes.Started.class)))
  ResponseEntity<Map<String, Object>> remove(HttpServletRequest http, @PathVariable String targetGroupId,
      @RequestBody(required = false) Map<String, Object> body) {
    return idempotency.start(http, RequestFingerprint.of(http).value("body", body), () -> start(targetGroupId, body));
  }

  private ResponseEntity<Map<String, Object>> start(String targetGroupId, Map<String, Object> body) {
    Map<String, Object> request = body == null ? Map.of() : body;
    List<String> problems = TargetGroupCoordinates.problems(request.get(CintVariables.ACCOUNT_ID),
        request.get(CintVariables.PROJECT_ID), targetGroupId);
    if (!problems.isEmpty()) {
      return ResponseEntity.badRequest().body(Map.of("message", "The removal was not started: fix these problems",
          "problems", problems));
    }
    String businessKey = "rm-" + UUID.randomUUID();
    ProcessInstance instance = runtime.startProcessInstanceByKey(PROCESS_KEY, businessKey,
        CintVariables.targetGroupStart(((Number) request.get(CintVariables.ACCOUNT_ID)).intValue(),
            request.get(CintVariables.PROJECT_ID), targetGroupId));
    Map<String, Object> answer = new LinkedHashMap<>();
    answer.put("processInstanceId", instance.getId());
    answer.put("businessKey", businessKey);
    answer.put("status", StatusLinks.removal(instance.getId()));
    return ResponseEntity.status(HttpStatus.CREATED).body(answer);
  }
}
