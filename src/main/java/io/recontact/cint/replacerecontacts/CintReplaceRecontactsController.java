package io.recontact.cint.replacerecontacts;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.recontact.cint.CintShapes;
import io.recontact.cint.StatusLinks;
import io.recontact.cint.client.CintModel.EntityType;
import io.recontact.cint.respondentfile.HygieneResult;
import io.recontact.cint.respondentfile.RespondentFileIntake;
import io.recontact.cint.respondentfile.RespondentFileRejectedException;
import io.recontact.cint.respondentfile.StoredFile;
import io.recontact.web.ApiTags;
import io.recontact.web.IdempotentStart;
import io.recontact.web.IdempotentStarts;
import io.recontact.web.RequestFingerprint;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Encoding;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.parameters.RequestBody;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestPart;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;

/**
 * {@code POST /api/cint/target-groups/{targetGroupId}/recontacts/replacement}: parts {@code file} and
 * {@code request} ({@code {accountId, projectId, entityType, completesGoal}}); an {@code Idempotency-Key} makes a
 * repeat answer the first start ({@link IdempotentStarts}). No 409 for the same file twice: a replacement sets the
 * target group's list, so a second one with the same IDs leaves the same list and adds no fieldwork.
 */
@RestController
@Tag(name = ApiTags.CINT_REPLACEMENT_AND_REMOVAL)
class CintReplaceRecontactsController {

  static final String PROCESS_KEY = "cintReplaceRecontacts";
  private static final ObjectMapper JSON = new ObjectMapper();


  private final RuntimeService runtime;
  private final RespondentFileIntake intake;
  private final IdempotentStarts idempotency;

  CintReplaceRecontactsController(RuntimeService runtime, RespondentFileIntake intake,
      IdempotentStarts idempotency) {
    this.runtime = runtime;
    this.intake = intake;
    this.idempotency = idempotency;
  }

  @PostMapping(path = "/api/cint/target-groups/{targetGroupId}/recontacts/replacement",
      consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
  @IdempotentStart
  @Operation(summary = "Replace a target group's recontact list with the IDs of a file", requestBody = @RequestBody(
      required = true, content = @Content(mediaType = MediaType.MULTIPART_FORM_DATA_VALUE,
      schema = @Schema(implementation = ReplacementShapes.ReplacementForm.class), encoding = {
          @Encoding(name = "request", contentType = MediaType.APPLICATION_JSON_VALUE),
          @Encoding(name = "file", contentType = CintShapes.ID_FILE_TYPES)})))
  @ApiResponse(responseCode = "201", description = "Started; the file's figures",
      content = @Content(schema = @Schema(implementation = CintShapes.Started.class)))
  public ResponseEntity<Map<String, Object>> replace(HttpServletRequest http, @PathVariable String targetGroupId,
      @RequestPart(name = "file", required = false) MultipartFile file,
      @RequestPart(name = "request", required = false) String request) throws IOException {
    byte[] content = file == null ? null : file.getBytes();
    String fileName = file == null ? null : file.getOriginalFilename();
    return idempotency.start(http, RequestFingerprint.of(http).json("request", request).file("file", fileName,
        content), () -> start(targetGroupId, fileName, content, request));
  }

  /** Checks everything, then stores the file and starts; runs in IdempotentStarts' transaction. */
  private ResponseEntity<Map<String, Object>> start(String targetGroupId, String fileName, byte[] content,
      String request) {
    List<String> problems = new ArrayList<>();
    JsonNode json;
    try {
      json = request == null ? JSON.createObjectNode() : JSON.readTree(request);
    } catch (IOException e) {
      json = JSON.createObjectNode();
      problems.add("request: not valid JSON");
    }
    ReplacementRequest replacement = ReplacementRequest.of(json, targetGroupId);
    problems.addAll(replacement.problems());
    EntityType type = replacement.entity();
    HygieneResult checked = null;
    if (content == null || content.length == 0) {
      problems.add("file: the respondent file is missing or empty");
    } else if (type != null) {
      try {
        checked = intake.check(content, type);
        if (checked.acceptedCount() == 0) {
          problems.add("file: no valid " + type + " in the file" + checked.droppedNote()
              + ": nothing to replace with");
        }
      } catch (RespondentFileRejectedException e) {
        problems.add("file: " + e.getMessage());
      }
    }
    if (!problems.isEmpty()) {
      return ResponseEntity.badRequest().body(Map.of("message",
          "The replacement was not started: fix these problems", "problems", problems));
    }
    String businessKey = "rp-" + UUID.randomUUID();
    StoredFile stored = intake.intake(businessKey, fileName, type, content, checked);
    ProcessInstance instance = runtime.startProcessInstanceByKey(PROCESS_KEY, businessKey,
        replacement.start(type));
    Map<String, Object> answer = new LinkedHashMap<>();
    answer.put("processInstanceId", instance.getId());
    answer.put("businessKey", businessKey);
    answer.put("status", StatusLinks.replacement(instance.getId()));
    answer.put("file", Map.of("lines", stored.lineCount(), "accepted", stored.acceptedCount(), "duplicates",
        stored.duplicateCount(), "blank", stored.blankCount(), "invalid", stored.invalidCount(), "headerDetected",
        stored.headerDetected(), "erased", stored.erasedCount(), "suppressed", stored.suppressedCount(), "capped", stored.cappedCount()));
    return ResponseEntity.status(HttpStatus.CREATED).body(answer);
  }
}
