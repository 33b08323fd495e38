package io.recontact.cintrecontact;

import io.recontact.apidoc.ApiShapes;
import io.recontact.process.Text;
import io.recontact.respondentfile.StoredFile;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Encoding;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.parameters.RequestBody;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.history.HistoricProcessInstance;
import org.camunda.bpm.engine.history.HistoricVariableInstance;
import org.springframework.http.HttpStatus;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestPart;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;

/** {@code /api/cint/recontacts}: start a recontact from a file and a request, and see where it stands. */
@RestController
@RequestMapping("/api/cint/recontacts")
class CintRecontactController {

  /** Variables a person asking "where is it?" needs; never IDs. */
  static final List<String> STATUS_VARIABLES = List.of("targetGroupId", "accountId", "projectId", "entityType",
      "fileName", "lineCount", "acceptedCount", "duplicateCount", "blankCount", "invalidCount", "headerDetected",
      "completesGoal", "savedCount", "batchCount", "overCapacityCount", "uploadJobsSummary", "launchJobId",
      "launchJobStatus", "launchFailureReason", "fieldingRunId", "rejectionReason", "abortReason", "uploadOutcome");

  private final RecontactStarter starter;
  private final HistoryService history;
  private final RuntimeService runtime;
  private final TaskService tasks;

  CintRecontactController(RecontactStarter starter, HistoryService history, RuntimeService runtime,
      TaskService tasks) {
    this.starter = starter;
    this.history = history;
    this.runtime = runtime;
    this.tasks = tasks;
  }

  /** Any content type reaches the handler, so that a wrong one gets a 415 that says what to send. */
  @PostMapping
  @Operation(summary = "Start a Cint recontact from a respondent file and a request", requestBody = @RequestBody(
      required = true, content = @Content(mediaType = MediaType.MULTIPART_FORM_DATA_VALUE,
      schema = @Schema(implementation = ApiShapes.RecontactForm.class), encoding = {
          @Encoding(name = "request", contentType = MediaType.APPLICATION_JSON_VALUE),
          @Encoding(name = "file", contentType = ApiShapes.ID_FILE_TYPES)})))
  @ApiResponse(responseCode = "201", description = "Started; the file's figures",
      content = @Content(schema = @Schema(implementation = ApiShapes.Started.class)))
  ResponseEntity<Map<String, Object>> start(HttpServletRequest http,
      @RequestPart(name = "file", required = false) MultipartFile file,
      @RequestPart(name = "request", required = false) String request) throws IOException {
    if (!isMultipart(http.getContentType())) {
      return ResponseEntity.status(HttpStatus.UNSUPPORTED_MEDIA_TYPE).body(Map.of("message",
          unsupported(http.getContentType())));
    }
    RecontactStarter.Started started = starter.start(request, file == null ? null : file.getOriginalFilename(),
        file == null ? null : file.getBytes());
    StoredFile stored = started.file();
    Map<String, Object> figures = new LinkedHashMap<>();
    figures.put("name", stored.fileName());
    figures.put("lines", stored.lineCount());
    figures.put("accepted", stored.acceptedCount());
    figures.put("duplicates", stored.duplicateCount());
    figures.put("blank", stored.blankCount());
    figures.put("invalid", stored.invalidCount());
    figures.put("headerDetected", stored.headerDetected());
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("processInstanceId", started.processInstanceId());
    body.put("businessKey", started.businessKey());
    body.put("file", figures);
    return ResponseEntity.status(HttpStatus.CREATED).body(body);
  }

  static boolean isMultipart(String contentType) {
    try {
      return contentType != null && MediaType.MULTIPART_FORM_DATA.includes(MediaType.parseMediaType(contentType));
    } catch (InvalidMediaTypeException e) {
      return false;
    }
  }

  static String unsupported(String contentType) {
    return "Content-Type " + (contentType == null ? "(none)" : "'" + Text.abbreviate(contentType, 60) + "'")
        + " is not supported: send multipart/form-data with the parts 'request' (JSON) and 'file'";
  }

  @GetMapping("/{processInstanceId}")
  @Operation(summary = "Where a recontact stands: state, activities, figures, open tasks")
  @ApiResponse(responseCode = "200", content = @Content(schema = @Schema(implementation =
      ApiShapes.RecontactStatus.class)))
  ResponseEntity<Map<String, Object>> status(@PathVariable String processInstanceId) {
    HistoricProcessInstance instance = history.createHistoricProcessInstanceQuery()
        .processInstanceId(processInstanceId).processDefinitionKey(RecontactStarter.PROCESS_KEY).singleResult();
    if (instance == null) {
      return ResponseEntity.status(HttpStatus.NOT_FOUND).body(Map.of("message",
          "No cintRecontact instance " + processInstanceId + " (or you may not read it)"));
    }
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("processInstanceId", processInstanceId);
    body.put("businessKey", instance.getBusinessKey());
    body.put("state", instance.getState());
    body.put("endEvent", instance.getEndActivityId());
    if (instance.getEndTime() == null) {
      body.put("activeActivities", runtime.createExecutionQuery().processInstanceBusinessKey(
              instance.getBusinessKey()).active().list().stream()
          .map(e -> runtime.getActiveActivityIds(e.getId())).flatMap(List::stream).distinct().toList());
    }
    Map<String, Object> variables = new LinkedHashMap<>();
    for (HistoricVariableInstance variable : history.createHistoricVariableInstanceQuery()
        .processInstanceId(processInstanceId).variableNameIn(STATUS_VARIABLES.toArray(String[]::new)).list()) {
      variables.put(variable.getName(), variable.getValue());
    }
    body.put("variables", variables);
    body.put("openTasks", tasks.createTaskQuery().processInstanceBusinessKey(instance.getBusinessKey()).list()
        .stream().map(t -> Map.of("id", t.getId(), "taskDefinitionKey", t.getTaskDefinitionKey(), "name",
            t.getName())).toList());
    return ResponseEntity.ok(body);
  }

  @ExceptionHandler(RecontactStarter.InvalidRecontact.class)
  ResponseEntity<Map<String, Object>> invalid(RecontactStarter.InvalidRecontact e) {
    return ResponseEntity.badRequest().body(Map.of("message", "The recontact was not started: fix these problems",
        "problems", e.problems()));
  }
}
