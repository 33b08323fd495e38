package io.recontact.cint.recontact;

import io.recontact.cint.CintShapes;
import io.recontact.cint.StatusLinks;
import io.recontact.cint.respondentfile.StoredFile;
import io.recontact.engine.Text;
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
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestPart;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;

/**
 * {@code POST /api/cint/recontacts}: start a recontact from a file and a request (its status:
 * io.recontact.cint.status).
 * An {@code Idempotency-Key} makes a repeat answer the first start ({@link IdempotentStarts}); a recontact of the same
 * respondents that runs for the project answers 409 ({@link RecontactStarter}).
 */
@RestController
@Tag(name = ApiTags.CINT_RECONTACTS)
@RequestMapping("/api/cint/recontacts")
class CintRecontactController {


  static final String DUPLICATE = "A recontact of the same respondents already runs for this account and project "
      + "(`running`; send \"allowDuplicate\": true to start another), or a request with the same Idempotency-Key is "
      + "still being processed";

  private final RecontactStarter starter;
  private final IdempotentStarts idempotency;

  CintRecontactController(RecontactStarter starter, IdempotentStarts idempotency) {
    this.starter = starter;
    this.idempotency = idempotency;
  }

  /** Any content type reaches the handler, so that a wrong one gets a 415 that says what to send. */
  @PostMapping
  @IdempotentStart(conflict = DUPLICATE)
  @Operation(summary = "Start a Cint recontact from a respondent file and a request", requestBody = @RequestBody(
      required = true, content = @Content(mediaType = MediaType.MULTIPART_FORM_DATA_VALUE,
      schema = @Schema(implementation = RecontactShapes.RecontactForm.class), encoding = {
          @Encoding(name = "request", contentType = MediaType.APPLICATION_JSON_VALUE),
          @Encoding(name = "file", contentType = CintShapes.ID_FILE_TYPES)})))
  @ApiResponse(responseCode = "201", description = "Started; the file's figures",
      content = @Content(schema = @Schema(implementation = CintShapes.Started.class)))
  ResponseEntity<Map<String, Object>> start(HttpServletRequest http,
      @RequestPart(name = "file", required = false) MultipartFile file,
      @RequestPart(name = "request", required = false) String request) throws IOException {
    if (!isMultipart(http.getContentType())) {
      return ResponseEntity.status(HttpStatus.UNSUPPORTED_MEDIA_TYPE).body(Map.of("message",
          unsupported(http.getContentType())));
    }
    String fileName = file == null ? null : file.getOriginalFilename();
    byte[] content = file == null ? null : file.getBytes();
    return idempotency.start(http, RequestFingerprint.of(http).json("request", request).file("file", fileName,
        content), () -> started(starter.start(request, fileName, content)));
  }

  private static ResponseEntity<Map<String, Object>> started(RecontactStarter.Started started) {
    StoredFile stored = started.file();
    Map<String, Object> figures = new LinkedHashMap<>();
    figures.put("name", stored.fileName());
    figures.put("lines", stored.lineCount());
    figures.put("accepted", stored.acceptedCount());
    figures.put("duplicates", stored.duplicateCount());
    figures.put("blank", stored.blankCount());
    figures.put("invalid", stored.invalidCount());
    figures.put("erased", stored.erasedCount());
    figures.put("headerDetected", stored.headerDetected());
    figures.put("suppressed", stored.suppressedCount());
    figures.put("capped", stored.cappedCount());
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("processInstanceId", started.processInstanceId());
    body.put("businessKey", started.businessKey());
    body.put("status", StatusLinks.recontact(started.processInstanceId()));
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

  @ExceptionHandler(RecontactStarter.DuplicateRecontact.class)
  ResponseEntity<Map<String, Object>> duplicate(RecontactStarter.DuplicateRecontact e) {
    Map<String, Object> running = new LinkedHashMap<>();
    running.put("processInstanceId", e.processInstanceId());
    running.put("businessKey", e.businessKey());
    running.put("status", StatusLinks.recontact(e.processInstanceId()));
    running.put("startedAt", e.startedAt().toString());
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("message", "The recontact was not started: recontact " + e.businessKey() + " (started " + e.startedAt()
        + ") already runs for account " + e.accountId() + " and project " + e.projectId() + " with the same "
        + "respondents. Follow it at " + StatusLinks.recontact(e.processInstanceId()) + ", or send \"allowDuplicate\": true in the "
        + "request to start another one anyway");
    body.put("type", "DUPLICATE_RECONTACT");
    body.put("running", running);
    return ResponseEntity.status(HttpStatus.CONFLICT).body(body);
  }

  @ExceptionHandler(RecontactStarter.InvalidRecontact.class)
  ResponseEntity<Map<String, Object>> invalid(RecontactStarter.InvalidRecontact e) {
    return ResponseEntity.badRequest().body(Map.of("message", "The recontact was not started: fix these problems",
        "problems", e.problems()));
  }
}
