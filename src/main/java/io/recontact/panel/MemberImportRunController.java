package io.recontact.panel;

import io.recontact.engine.Text;
import io.recontact.web.ApiTags;
import io.recontact.web.QueryParameters;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.ArraySchema;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The progress of member imports (docs/panel-members.md): a running import's counts grow with every stored batch,
 * so a client or an operator can follow a million-row file while its POST is still being answered.
 */
@RestController
@Tag(name = ApiTags.PANEL_MEMBERS)
@RequestMapping("/api/panel/member-imports")
class MemberImportRunController {

  static final int DEFAULT_LIMIT = 20;
  static final int MAX_LIMIT = 100;

  private final MemberImportRuns runs;

  MemberImportRunController(MemberImportRuns runs) {
    this.runs = runs;
  }

  @GetMapping
  @Operation(summary = "The latest member imports, newest first, with their counts (limit 1-100, default 20)")
  @ApiResponse(responseCode = "200", content = @Content(array = @ArraySchema(schema = @Schema(implementation =
      MemberImportRuns.Run.class))))
  ResponseEntity<?> recent(@RequestParam(required = false) String limit) {
    return QueryParameters.limitedList(limit, DEFAULT_LIMIT, MAX_LIMIT, runs::recent);
  }

  @GetMapping("/{importId}")
  @Operation(summary = "One member import: RUNNING with its counts so far, DONE or FAILED")
  @ApiResponse(responseCode = "200", content = @Content(schema = @Schema(implementation = MemberImportRuns.Run.class)))
  ResponseEntity<?> one(@PathVariable String importId) {
    return runs.find(importId).<ResponseEntity<?>>map(ResponseEntity::ok)
        .orElseGet(() -> ResponseEntity.status(HttpStatus.NOT_FOUND).body(Map.of("message", "No member import '"
            + Text.abbreviate(importId, QueryParameters.QUOTE) + "'")));
  }
}
