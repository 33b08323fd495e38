package io.recontact.toluna.quotas;

import io.recontact.toluna.QuotaMemberState;
import io.recontact.toluna.quotas.QuotaRunView.Detail;
import io.recontact.toluna.quotas.QuotaRunView.OpenTask;
import io.recontact.toluna.quotas.QuotaRunView.QuotaRun;
import io.recontact.toluna.quotas.QuotaRunView.Summary;
import io.recontact.web.ApiTags;
import io.recontact.web.QueryParameters;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.ArraySchema;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletResponse;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.TaskService;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;

/**
 * What the Toluna quota runs are doing, for operators (docs/toluna-notifications.md): the list, one quota's figures
 * and open task, and its member codes as CSV. Read-only; HTTP Basic like all of /api.
 */
@RestController
@Tag(name = ApiTags.TOLUNA_QUOTAS)
@RequestMapping("/api/toluna/quotas")
class QuotaRunController {

  static final int MAX_PAGE = 1_000;
  static final String TASKLIST_LINK = "/camunda/app/tasklist/default/#/?task=";

  private final QuotaRunQueries queries;
  private final TaskService tasks;
  private final HistoryService history;

  QuotaRunController(QuotaRunQueries queries, TaskService tasks, HistoryService history) {
    this.queries = queries;
    this.tasks = tasks;
    this.history = history;
  }

  /**
   * Without {@code limit} every run, as ever; with it one page, whose figures are counted for its quotas only, so a
   * page answers in the same time however many quotas and members the tables hold (docs/sizing.md).
   */
  @GetMapping
  @Operation(summary = "The Toluna quota runs, with their figures; paged with limit (1-1000) and offset")
  @ApiResponse(responseCode = "200", content = @Content(array = @ArraySchema(schema = @Schema(implementation =
      QuotaRun.class))))
  ResponseEntity<?> list(
      @Parameter(description = "Runs per page, 1 to 1000; without it every run") @RequestParam(required = false)
      String limit,
      @Parameter(description = "Runs skipped (with limit), from 0") @RequestParam(required = false) String offset) {
    List<String> problems = new ArrayList<>();
    int size = QueryParameters.number("limit", limit, 0, 1, MAX_PAGE, problems);
    int skip = QueryParameters.number("offset", offset, 0, 0, Integer.MAX_VALUE, problems);
    if (offset != null && limit == null) {
      problems.add("offset needs a limit");
    }
    if (!problems.isEmpty()) {
      return ResponseEntity.badRequest().body(Map.of("message", "The list was not read: fix these problems",
          "problems", problems));
    }
    return ResponseEntity.ok(limit == null ? queries.runs() : queries.runs(size, skip));
  }

  @GetMapping("/{panelGuid}/{quotaId}")
  @Operation(summary = "One quota run: figures and open task")
  Detail detail(@PathVariable String panelGuid, @PathVariable long quotaId) {
    QuotaRun run = find(panelGuid, quotaId);
    var counts = queries.counts(new QuotaRunQueries.Key(run.panelGuid(), run.quotaId()));
    var key = new QuotaRunQueries.Key(run.panelGuid(), run.quotaId());
    return new Detail(run.withCounts(Summary.of(counts)), counts, queries.outcomes(key), openTasks(run),
        decisionComment(run));
  }

  /** From history, so an ended run answers too; the engine's authorizations apply. */
  private String decisionComment(QuotaRun run) {
    if (run.processInstanceId() == null) {
      return null;
    }
    var variable = history.createHistoricVariableInstanceQuery().processInstanceId(run.processInstanceId())
        .variableName(io.recontact.engine.TaskDecisions.COMMENT).list().stream()
        .filter(v -> v.getTaskId() == null).findFirst().orElse(null);
    return variable == null ? null : (String) variable.getValue();
  }

  /** The instance's open user tasks (usually none or one review); the engine's authorizations apply. */
  private List<OpenTask> openTasks(QuotaRun run) {
    if (!run.active() || run.processInstanceId() == null) {
      return List.of();
    }
    return tasks.createTaskQuery().processInstanceId(run.processInstanceId()).orderByTaskCreateTime().asc().list()
        .stream().map(t -> new OpenTask(t.getId(), t.getName(), t.getTaskDefinitionKey(), t.getAssignee(),
            t.getCreateTime() == null ? null : t.getCreateTime().toInstant(), TASKLIST_LINK + t.getId()))
        .toList();
  }

  /** Streams the quota's member codes, optionally of one state, by member code. */
  @GetMapping("/{panelGuid}/{quotaId}/members")
  @Operation(summary = "The quota's member codes as CSV, optionally of one state")
  @ApiResponse(responseCode = "200", description = "CSV with a header line, by member code",
      content = @Content(mediaType = "text/csv", schema = @Schema(type = "string")))
  void members(@PathVariable String panelGuid, @PathVariable long quotaId,
      @RequestParam(required = false) String state, HttpServletResponse response) throws IOException {
    QuotaMemberState filter = null;
    if (state != null && !state.isBlank()) {
      filter = QuotaMemberState.parse(state).orElseThrow(() -> new Rejected(400, Map.of(
          "message", "Unknown state '" + state + "'; valid states: " + Arrays.toString(QuotaMemberState.values()),
          "validStates", QuotaMemberState.values())));
    }
    QuotaRun run = find(panelGuid, quotaId);
    String file = "toluna-" + run.panelGuid() + "-" + run.quotaId() + "-members"
        + (filter == null ? "" : "-" + filter.name().toLowerCase(java.util.Locale.ROOT)) + ".csv";
    response.setContentType("text/csv;charset=utf-8");
    response.setHeader(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment().filename(file).build()
        .toString());
    Writer out = new BufferedWriter(new OutputStreamWriter(response.getOutputStream(), StandardCharsets.UTF_8),
        64 * 1024);
    queries.members(new QuotaRunQueries.Key(run.panelGuid(), run.quotaId()), filter, new MemberCsv(out, queries.expiry()));
    out.flush();
  }

  private QuotaRun find(String panelGuid, long quotaId) {
    return queries.find(panelGuid, quotaId).orElseThrow(() -> new Rejected(404, Map.of("message",
        "No Toluna quota " + quotaId + " for panel " + panelGuid)));
  }

  static final class Rejected extends RuntimeException {
    final int status;
    final Map<String, Object> body;

    Rejected(int status, Map<String, Object> body) {
      super(String.valueOf(body.get("message")));
      this.status = status;
      this.body = body;
    }
  }

  @ExceptionHandler(Rejected.class)
  ResponseEntity<Map<String, Object>> rejected(Rejected e) {
    return ResponseEntity.status(e.status).body(new LinkedHashMap<>(e.body));
  }

  @ExceptionHandler(MethodArgumentTypeMismatchException.class)
  ResponseEntity<Map<String, Object>> badArgument(MethodArgumentTypeMismatchException e) {
    return ResponseEntity.badRequest().body(Map.of("message", e.getName() + " must be "
        + ("quotaId".equals(e.getName()) ? "an integer" : "valid") + ", not '" + e.getValue() + "'"));
  }
}
