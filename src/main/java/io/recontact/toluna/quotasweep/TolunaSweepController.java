package io.recontact.toluna.quotasweep;

import io.recontact.web.ApiTags;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.Map;
import org.camunda.bpm.engine.RuntimeService;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/** {@code POST /api/toluna/sweeps}: one sweep now, besides the timer. Its panel jobs run asynchronously. */
@RestController
@Tag(name = ApiTags.TOLUNA_SWEEPS)
class TolunaSweepController {

  static final String PROCESS_KEY = "tolunaQuotaSweep";
  private final RuntimeService runtime;

  TolunaSweepController(RuntimeService runtime) {
    this.runtime = runtime;
  }

  @PostMapping("/api/toluna/sweeps")
  @Operation(summary = "Sweep the Toluna panels now, besides the timer")
  @ApiResponse(responseCode = "202", description = "The sweep was started; its panel jobs run asynchronously",
      content = @Content(schema = @Schema(implementation = SweepShapes.SweepStarted.class)))
  ResponseEntity<Map<String, Object>> sweep() {
    String id = runtime.startProcessInstanceByKey(PROCESS_KEY).getId();
    return ResponseEntity.accepted().body(Map.of("processInstanceId", id, "process", PROCESS_KEY,
        "history", "/engine-rest/history/process-instance/" + id,
        "quotas", "/api/toluna/quotas"));
  }
}
