package io.recontact.toluna.incentivesettlement;

import io.recontact.engine.Text;
import io.recontact.web.ApiTags;
import io.recontact.web.IdempotentStart;
import io.recontact.web.IdempotentStarts;
import io.recontact.web.QueryParameters;
import io.recontact.web.RunStarts;
import io.recontact.web.RequestFingerprint;
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
 * {@code POST /api/toluna/incentives/settlements}: one settlement run now, besides the timer (its jobs run
 * asynchronously; while an earlier run still confirms or pays, the new one is skipped). An {@code Idempotency-Key}
 * makes a repeat answer the first start. {@code GET} the recent runs or one by its id: figures, reversals under
 * review (no member codes) and payouts.
 */
@RestController
@Tag(name = ApiTags.TOLUNA_INCENTIVES)
class SettlementController {

  static final String PROCESS_KEY = "tolunaIncentiveSettlement";
  static final String SETTLEMENTS = "/api/toluna/incentives/settlements";

  private final RuntimeService runtime;
  private final IdempotentStarts idempotency;
  private final SettlementRunQueries queries;

  SettlementController(RuntimeService runtime, IdempotentStarts idempotency, SettlementRunQueries queries) {
    this.runtime = runtime;
    this.idempotency = idempotency;
    this.queries = queries;
  }

  @PostMapping(SETTLEMENTS)
  @IdempotentStart
  @Operation(summary = "Settle the incentive ledger now, besides the timer")
  @ApiResponse(responseCode = "202", description = "The run was started; its jobs run asynchronously",
      content = @Content(schema = @Schema(implementation = SettlementRunView.SettlementStarted.class)))
  ResponseEntity<Map<String, Object>> settle(HttpServletRequest http) {
    return idempotency.start(http, RequestFingerprint.of(http), this::start);
  }

  private ResponseEntity<Map<String, Object>> start() {
    return RunStarts.accepted(PROCESS_KEY, runtime.startProcessInstanceByKey(PROCESS_KEY).getId(), SETTLEMENTS,
        Map.of());
  }

  @GetMapping(SETTLEMENTS)
  @Operation(summary = "The recent settlement runs, newest first (limit 1-100, default 20)")
  @ApiResponse(responseCode = "200", content = @Content(array = @ArraySchema(schema = @Schema(implementation =
      SettlementRunView.SettlementRun.class))))
  ResponseEntity<?> recent(@RequestParam(required = false) String limit) {
    return QueryParameters.limitedList(limit, 20, 100, queries::recent);
  }

  @GetMapping(SETTLEMENTS + "/{processInstanceId}")
  @Operation(summary = "One settlement run: figures, state, reversals under review (no member codes), payouts")
  @ApiResponse(responseCode = "200", content = @Content(schema = @Schema(implementation =
      SettlementRunView.SettlementRun.class)))
  ResponseEntity<?> one(@PathVariable String processInstanceId) {
    return queries.one(processInstanceId).<ResponseEntity<?>>map(ResponseEntity::ok)
        .orElseGet(() -> ResponseEntity.status(HttpStatus.NOT_FOUND).body(Map.of("message", "No settlement run ("
            + PROCESS_KEY + ") with process instance id '" + Text.abbreviate(processInstanceId,
            QueryParameters.QUOTE) + "'")));
  }
}
