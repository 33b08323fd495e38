package io.recontact.dataretention;

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
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import org.camunda.bpm.engine.RuntimeService;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code POST /api/retention/runs}: a retention run now, besides the daily timer (operators and admins). Its chunks
 * run asynchronously; its figures are in the instance's history. An {@code Idempotency-Key} makes a repeat answer
 * the first run; without one a second run finds less left to remove (each chunk commits, a removal is idempotent).
 */
@RestController
@Tag(name = ApiTags.DATA_RETENTION)
class DataRetentionController {

  static final String PROCESS_KEY = "dataRetention";
  static final String RUNS = "/api/retention/runs";

  private final RuntimeService runtime;
  private final IdempotentStarts idempotency;

  DataRetentionController(RuntimeService runtime, IdempotentStarts idempotency) {
    this.runtime = runtime;
    this.idempotency = idempotency;
  }

  /** What the start answers (OpenAPI only). */
  record RetentionStarted(String processInstanceId, String process, String history) {
  }

  @PostMapping(RUNS)
  @IdempotentStart
  @Operation(summary = "Remove personal data past retention now, besides the daily timer")
  @ApiResponse(responseCode = "202", description = "The run was started; its chunks run asynchronously",
      content = @Content(schema = @Schema(implementation = RetentionStarted.class)))
  ResponseEntity<Map<String, Object>> run(HttpServletRequest http) throws IOException {
    // Read here rather than declared: the document shows no body, and one sent anyway is refused, not ignored.
    if (!new String(http.getInputStream().readNBytes(1024), StandardCharsets.UTF_8).isBlank()) {
      return ResponseEntity.badRequest().body(Map.of("message", "A retention run takes no body: what it removes and "
          + "when is recontact.retention.* (docs/retention.md), not the request"));
    }
    return idempotency.start(http, RequestFingerprint.of(http), this::start);
  }

  private ResponseEntity<Map<String, Object>> start() {
    String id = runtime.startProcessInstanceByKey(PROCESS_KEY).getId();
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("processInstanceId", id);
    body.put("process", PROCESS_KEY);
    body.put("history", "/engine-rest/history/variable-instance?processInstanceId=" + id);
    return ResponseEntity.accepted().body(body);
  }
}
