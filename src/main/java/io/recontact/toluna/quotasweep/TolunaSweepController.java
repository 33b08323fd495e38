package io.recontact.toluna.quotasweep;

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
import java.util.Map;
import org.camunda.bpm.engine.RuntimeService;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code POST /api/toluna/sweeps}: one sweep now, besides the timer. Its panel jobs run asynchronously. An
 * {@code Idempotency-Key} makes a repeat answer the first sweep ({@link IdempotentStarts}); without one, a second
 * sweep skips the panels the first still holds.
 */
@RestController
@Tag(name = ApiTags.TOLUNA_SWEEPS)
class TolunaSweepController {

  static final String PROCESS_KEY = "tolunaQuotaSweep";
  private final RuntimeService runtime;
  private final IdempotentStarts idempotency;

  TolunaSweepController(RuntimeService runtime, IdempotentStarts idempotency) {
    this.runtime = runtime;
    this.idempotency = idempotency;
  }

  @PostMapping("/api/toluna/sweeps")
  @IdempotentStart
  @Operation(summary = "Sweep the Toluna panels now, besides the timer")
  @ApiResponse(responseCode = "202", description = "The sweep was started; its panel jobs run asynchronously",
      content = @Content(schema = @Schema(implementation = SweepShapes.SweepStarted.class)))
  ResponseEntity<Map<String, Object>> sweep(HttpServletRequest http) {
    return idempotency.start(http, RequestFingerprint.of(http), this::start);
  }

  private ResponseEntity<Map<String, Object>> start() {
    String id = runtime.startProcessInstanceByKey(PROCESS_KEY).getId();
    return ResponseEntity.accepted().body(Map.of("processInstanceId", id, "process", PROCESS_KEY,
        "history", "/engine-rest/history/process-instance/" + id,
        "quotas", "/api/toluna/quotas"));
  }
}
