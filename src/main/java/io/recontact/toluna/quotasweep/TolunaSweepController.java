package io.recontact.toluna.quotasweep;

import io.recontact.web.ApiTags;
import io.recontact.web.IdempotentStart;
import io.recontact.web.IdempotentStarts;
import io.recontact.web.RequestFingerprint;
import io.recontact.engine.Text;
import io.recontact.web.QueryParameters;
import io.recontact.web.RunStarts;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.ArraySchema;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import java.util.Map;
import org.camunda.bpm.engine.RuntimeService;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code POST /api/toluna/sweeps}: one sweep now, besides the timer; its panel jobs run asynchronously. An
 * {@code Idempotency-Key} makes a repeat answer the first sweep ({@link IdempotentStarts}); without one, a second
 * sweep skips the panels the first still holds. {@code GET} the recent sweeps, or one by the id the POST answered,
 * from history: a sweep is over within seconds, and Cockpit CE shows running instances only.
 */
@RestController
@Tag(name = ApiTags.TOLUNA_SWEEPS)
class TolunaSweepController {

  static final String PROCESS_KEY = "tolunaQuotaSweep";
  static final String SWEEPS = "/api/toluna/sweeps";

  private final RuntimeService runtime;
  private final IdempotentStarts idempotency;
  private final SweepRuns runs;

  TolunaSweepController(RuntimeService runtime, IdempotentStarts idempotency, SweepRuns runs) {
    this.runtime = runtime;
    this.idempotency = idempotency;
    this.runs = runs;
  }

  @PostMapping(SWEEPS)
  @IdempotentStart
  @Operation(summary = "Sweep the Toluna panels now, besides the timer")
  @ApiResponse(responseCode = "202", description = "The sweep was started; its panel jobs run asynchronously",
      content = @Content(schema = @Schema(implementation = SweepShapes.SweepStarted.class)))
  ResponseEntity<Map<String, Object>> sweep(HttpServletRequest http) {
    return idempotency.start(http, RequestFingerprint.of(http), this::start);
  }

  private ResponseEntity<Map<String, Object>> start() {
    return RunStarts.accepted(PROCESS_KEY, runtime.startProcessInstanceByKey(PROCESS_KEY).getId(), SWEEPS,
        Map.of("quotas", "/api/toluna/quotas"));
  }

  @GetMapping(SWEEPS)
  @Operation(summary = "The recent sweeps, newest first (the last day's; limit 1-100, default 20)")
  @ApiResponse(responseCode = "200", content = @Content(array = @ArraySchema(schema = @Schema(implementation =
      SweepRunView.SweepRun.class))))
  ResponseEntity<?> recent(@RequestParam(required = false) String limit) {
    return QueryParameters.limitedList(limit, SweepRuns.DEFAULT_LIMIT, SweepRuns.MAX_LIMIT, runs::recent);
  }

  @GetMapping(SWEEPS + "/{processInstanceId}")
  @Operation(summary = "One sweep by the process instance id its start answered: outcome, panels, figures")
  @ApiResponse(responseCode = "200", content = @Content(schema = @Schema(implementation =
      SweepRunView.SweepRun.class)))
  ResponseEntity<?> one(@PathVariable String processInstanceId) {
    return runs.one(processInstanceId).<ResponseEntity<?>>map(ResponseEntity::ok)
        .orElseGet(() -> ResponseEntity.status(HttpStatus.NOT_FOUND).body(Map.of("message", "No sweep ("
            + PROCESS_KEY + ") with process instance id '" + Text.abbreviate(processInstanceId, QueryParameters.QUOTE)
            + "' in the last day's history (or you may not read it)")));
  }
}
