package io.recontact.governance;

import static io.swagger.v3.oas.annotations.media.Schema.RequiredMode.REQUIRED;

import io.recontact.governance.Suppression.Source;
import io.recontact.web.ApiShapes.Problem;
import io.recontact.web.ApiTags;
import io.recontact.web.QueryParameters;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.parameters.RequestBody;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code /api/suppressions}: the do-not-contact list (docs/respondent-governance.md). Add one respondent (who added
 * it: the authenticated user), remove an operator's entry, list the entries page by page, import a CSV. Adding stops
 * the respondent's undelivered invites. Operators and admins only (ApiRoles: personal data).
 */
@RestController
@Tag(name = ApiTags.RESPONDENTS)
@RequestMapping("/api/suppressions")
class SuppressionController {

  static final int MAX_PAGE_SIZE = 1_000;
  static final int MAX_LISTED_PROBLEMS = 1_000;

  @Schema(description = "A respondent to suppress")
  record AddRequest(@Schema(requiredMode = REQUIRED, description = "cint or toluna") String marketplace,
      @Schema(requiredMode = REQUIRED, description = "Cint RSID or RID, Toluna member code") String id,
      @Schema(requiredMode = REQUIRED, maxLength = Suppressions.MAX_REASON) String reason) {
  }

  @Schema(description = "The entry; 201 when added, 200 when the respondent was already on the list")
  record Added(@Schema(requiredMode = REQUIRED) SuppressionView suppression,
      @Schema(requiredMode = REQUIRED, description = "Undelivered invites this add stopped") int pendingStopped) {
  }

  @Schema(description = "One page of the list, newest first")
  record Listed(@Schema(requiredMode = REQUIRED) List<SuppressionView> items,
      @Schema(requiredMode = REQUIRED) long total, @Schema(requiredMode = REQUIRED) int page,
      @Schema(requiredMode = REQUIRED) int size) {
  }

  @Schema(description = "What an import did; a 400 when no row could be read")
  record Imported(@Schema(description = "Only when nothing was imported") String message,
      @Schema(requiredMode = REQUIRED, description = "Respondents new to the list") int added,
      @Schema(requiredMode = REQUIRED, description = "Rows whose respondent was already on it") int alreadySuppressed,
      @Schema(requiredMode = REQUIRED) int rejected,
      @Schema(requiredMode = REQUIRED, description = "At most 1,000 listed") List<Problem> problems) {
  }

  private final Suppressions suppressions;
  private final IdentityService identity;

  SuppressionController(Suppressions suppressions, IdentityService identity) {
    this.suppressions = suppressions;
    this.identity = identity;
  }

  @PostMapping(consumes = "application/json")
  @Operation(summary = "Suppress a respondent: never contacted again, undelivered invites stopped")
  @ApiResponse(responseCode = "201", description = "Added",
      content = @Content(schema = @Schema(implementation = Added.class)))
  @ApiResponse(responseCode = "200", description = "Already on the list (by an operator): unchanged",
      content = @Content(schema = @Schema(implementation = Added.class)))
  ResponseEntity<Added> add(@org.springframework.web.bind.annotation.RequestBody AddRequest request) {
    List<String> problems = new ArrayList<>();
    Marketplace marketplace = request == null ? null : Marketplace.parse(request.marketplace()).orElse(null);
    if (marketplace == null) {
      problems.add("marketplace must be cint or toluna");
    }
    String id = marketplace == null ? null : RespondentIds.normalise(marketplace, request.id());
    if (marketplace != null && id == null) {
      problems.add(GovernanceRequests.problem(request.id()));
    }
    String reason = request == null || request.reason() == null ? "" : request.reason().strip();
    if (reason.isEmpty() || reason.length() > Suppressions.MAX_REASON) {
      problems.add("reason is required: 1 to " + Suppressions.MAX_REASON + " characters");
    }
    if (!problems.isEmpty()) {
      throw new GovernanceRequests.Refused(400, "The respondent was not suppressed: fix these problems", problems);
    }
    Suppressions.Added added = suppressions.add(marketplace, id, Source.OPERATOR, reason, user());
    return ResponseEntity.status(added.added() ? HttpStatus.CREATED : HttpStatus.OK)
        .body(new Added(SuppressionView.of(added.suppression()), added.pendingStopped()));
  }

  @DeleteMapping("/{marketplace}/{id}")
  @Operation(summary = "Remove an operator's suppression of a respondent")
  @ApiResponse(responseCode = "204", description = "Removed")
  @ApiResponse(responseCode = "400", description = "Not a marketplace or not an identifier",
      content = @Content(schema = @Schema(ref = "#/components/schemas/Error")))
  @ApiResponse(responseCode = "404", description = "No operator's entry for the respondent",
      content = @Content(schema = @Schema(ref = "#/components/schemas/Error")))
  @ApiResponse(responseCode = "409", description = "Suppressed only by our member directory (opt-out) or an "
      + "erasure: change the member's status instead; an erased respondent stays suppressed",
      content = @Content(schema = @Schema(ref = "#/components/schemas/Error")))
  ResponseEntity<Void> remove(@Parameter(description = "cint or toluna") @PathVariable String marketplace,
      @PathVariable String id) {
    Marketplace m = GovernanceRequests.marketplace(marketplace);
    String respondent = GovernanceRequests.respondent(m, id);
    if (suppressions.remove(m, respondent, Source.OPERATOR)) {
      return ResponseEntity.noContent().build();
    }
    if (!suppressions.of(m, respondent).isEmpty()) {
      throw new GovernanceRequests.Refused(409, "The respondent is suppressed by our member directory (opted out) "
          + "or an erasure, not by an operator: that entry cannot be removed here", null);
    }
    throw new GovernanceRequests.Refused(404, "The respondent is not on the do-not-contact list", null);
  }

  @GetMapping
  @Operation(summary = "The do-not-contact list, newest first, page by page")
  Listed list(@Parameter(description = "0-based, default 0") @RequestParam(required = false) String page,
      @Parameter(description = "1 to 1000, default 100") @RequestParam(required = false) String size,
      @Parameter(description = "cint or toluna; both when absent") @RequestParam(required = false)
      String marketplace) {
    List<String> problems = new ArrayList<>();
    int p = QueryParameters.number("page", page, 0, 0, 1_000_000, problems);
    int s = QueryParameters.number("size", size, 100, 1, MAX_PAGE_SIZE, problems);
    Marketplace m = null;
    if (marketplace != null && !marketplace.isBlank()) {
      m = Marketplace.parse(marketplace).orElse(null);
      if (m == null) {
        problems.add("marketplace must be cint or toluna");
      }
    }
    if (!problems.isEmpty()) {
      throw new GovernanceRequests.Refused(400, "The list cannot be read so: fix these problems", problems);
    }
    Suppressions.Page read = suppressions.page(m, p, s);
    return new Listed(read.items().stream().map(SuppressionView::of).toList(), read.total(), p, s);
  }

  @PostMapping(value = "/import", consumes = "text/csv")
  @Operation(summary = "Import a do-not-contact CSV (marketplace,id,reason); bad rows are listed, the rest added",
      requestBody = @RequestBody(required = true, content = @Content(mediaType = "text/csv",
          schema = @Schema(type = "string", example = "marketplace,id,reason\ntoluna,M-1001,asked by e-mail"))))
  @ApiResponse(responseCode = "200", description = "Imported; rejected rows are listed",
      content = @Content(schema = @Schema(implementation = Imported.class)))
  ResponseEntity<Imported> importCsv(@org.springframework.web.bind.annotation.RequestBody(required = false)
      byte[] body, @Parameter(description = "The reason of rows without one") @RequestParam(required = false)
      String reason) {
    List<String> unreadable = new ArrayList<>();
    SuppressionImport.Parsed parsed = SuppressionImport.csv(body == null ? new byte[0] : body, reason, unreadable);
    if (parsed == null) {
      throw new GovernanceRequests.Refused(400, "The file cannot be read: " + unreadable.get(0), unreadable);
    }
    List<Problem> problems = new ArrayList<>(parsed.problems());
    List<Suppressions.Entry> entries = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    for (SuppressionImport.Row row : parsed.rows()) {
      if (seen.add(row.marketplace() + ":" + row.id())) {
        entries.add(new Suppressions.Entry(row.marketplace(), row.id(), row.reason()));
      } else {
        problems.add(new Problem(row.line(), null, null, "the same respondent is on an earlier line"));
      }
    }
    problems.sort(java.util.Comparator.comparing(Problem::line));
    int added = entries.isEmpty() ? 0 : suppressions.addAll(entries, Source.OPERATOR, user());
    List<Problem> listed = problems.size() > MAX_LISTED_PROBLEMS ? problems.subList(0, MAX_LISTED_PROBLEMS)
        : problems;
    if (entries.isEmpty()) {
      return ResponseEntity.badRequest().body(new Imported("No respondent could be imported"
          + (problems.isEmpty() ? ": the file has no rows" : ": fix these problems"), 0, 0, problems.size(), listed));
    }
    return ResponseEntity.ok(new Imported(null, added, entries.size() - added, problems.size(), listed));
  }

  private String user() {
    Authentication who = identity.getCurrentAuthentication();
    return who == null || who.getUserId() == null ? "unknown" : who.getUserId();
  }
}
