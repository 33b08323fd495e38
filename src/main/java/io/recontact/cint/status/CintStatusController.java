package io.recontact.cint.status;

import io.recontact.cint.StatusLinks;
import io.recontact.cint.status.CintStatuses.ListFilter;
import io.recontact.engine.Text;
import io.recontact.web.ApiTags;
import io.recontact.web.QueryParameters;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Status of the Cint flows: {@code GET /api/cint/recontacts} (a filtered page, newest first) and one recontact,
 * replacement or removal by the process instance id or the business key its POST answered (docs/status-api.md).
 */
@RestController
@Tag(name = ApiTags.RECONTACT_STATUS)
class CintStatusController {

  private static final Pattern ULID = Pattern.compile("^[0-9A-Z]{26}$");
  static final int MAX_NAME = 200;

  private final CintStatuses statuses;

  CintStatusController(CintStatuses statuses) {
    this.statuses = statuses;
  }

  @GetMapping(StatusLinks.RECONTACTS)
  @Operation(summary = "List recontacts, newest first (filters: state, targetGroupId, name; page from 0, size 1-100)")
  @ApiResponse(responseCode = "200", content = @Content(schema = @Schema(implementation =
      StatusShapes.RecontactPage.class)))
  ResponseEntity<?> recontacts(@RequestParam(required = false) String state,
      @RequestParam(required = false) String targetGroupId, @RequestParam(required = false) String name,
      @RequestParam(required = false) String page, @RequestParam(required = false) String size) {
    List<String> problems = new ArrayList<>();
    String wanted = state == null || state.isBlank() ? null : state.strip().toUpperCase(Locale.ROOT);
    if (wanted != null && !ListFilter.STATES.contains(wanted)) {
      problems.add("state '" + Text.abbreviate(state, QueryParameters.QUOTE) + "' is unknown: use one of " + ListFilter.STATES);
    }
    String group = targetGroupId == null || targetGroupId.isBlank() ? null : targetGroupId.strip();
    if (group != null && !ULID.matcher(group).matches()) {
      problems.add("targetGroupId '" + Text.abbreviate(group, QueryParameters.QUOTE) + "' is not a Cint target group id (26 characters, 0-9 "
          + "and A-Z)");
    }
    String text = name == null || name.isBlank() ? null : name.strip();
    if (text != null && text.length() > MAX_NAME) {
      problems.add("name is longer than " + MAX_NAME + " characters");
    }
    int pageNo = QueryParameters.number("page", page, 0, 0, Integer.MAX_VALUE / ListFilter.MAX_SIZE, problems);
    int pageSize = QueryParameters.number("size", size, ListFilter.DEFAULT_SIZE, 1, ListFilter.MAX_SIZE, problems);
    if (!problems.isEmpty()) {
      return ResponseEntity.badRequest().body(Map.of("message", "The list was not read: fix these problems",
          "problems", problems));
    }
    return ResponseEntity.ok(statuses.list(CintStatuses.RECONTACT, new ListFilter(wanted, group, text, pageNo,
        pageSize)));
  }

  @GetMapping(StatusLinks.RECONTACTS + "/{idOrBusinessKey}")
  @Operation(summary = "Where a recontact stands, by process instance id or business key: state, Cint jobs, tasks")
  @ApiResponse(responseCode = "200", content = @Content(schema = @Schema(implementation = InstanceStatus.class)))
  ResponseEntity<?> recontact(@PathVariable String idOrBusinessKey) {
    return one(CintStatuses.RECONTACT, "recontact", idOrBusinessKey);
  }

  @GetMapping(StatusLinks.REPLACEMENTS + "/{idOrBusinessKey}")
  @Operation(summary = "Where a replacement stands, by process instance id or business key: state, Cint jobs, tasks")
  @ApiResponse(responseCode = "200", content = @Content(schema = @Schema(implementation = InstanceStatus.class)))
  ResponseEntity<?> replacement(@PathVariable String idOrBusinessKey) {
    return one(CintStatuses.REPLACEMENT, "replacement", idOrBusinessKey);
  }

  @GetMapping(StatusLinks.REMOVALS + "/{idOrBusinessKey}")
  @Operation(summary = "Where a removal stands, by process instance id or business key: state, Cint jobs, tasks")
  @ApiResponse(responseCode = "200", content = @Content(schema = @Schema(implementation = InstanceStatus.class)))
  ResponseEntity<?> removal(@PathVariable String idOrBusinessKey) {
    return one(CintStatuses.REMOVAL, "removal", idOrBusinessKey);
  }

  private ResponseEntity<?> one(String processDefinitionKey, String what, String key) {
    return statuses.find(processDefinitionKey, key).<ResponseEntity<?>>map(ResponseEntity::ok)
        .orElseGet(() -> ResponseEntity.status(HttpStatus.NOT_FOUND).body(Map.of("message", "No " + what + " ("
            + processDefinitionKey + ") with process instance id or business key '" + Text.abbreviate(key, QueryParameters.QUOTE)
            + "' (or you may not read it)")));
  }
}
