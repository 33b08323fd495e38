package io.recontact.panel;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.recontact.engine.Text;
import io.recontact.governance.erasure.ErasedRespondents;
import io.recontact.governance.erasure.Respondent;
import io.recontact.web.ApiShapes;
import io.recontact.web.ApiTags;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.ArraySchema;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.parameters.RequestBody;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.io.InputStream;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.springframework.http.HttpMethod;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.multipart.MultipartHttpServletRequest;

/**
 * {@code POST /api/panel/members}: imports members as JSON, CSV or a multipart {@code file} (docs/panel-members.md).
 * Good rows land even when others are rejected; any other content type is answered 415.
 */
@RestController
@Tag(name = ApiTags.PANEL_MEMBERS)
@RequestMapping("/api/panel/members")
class PanelMemberController {

  static final MediaType TEXT_CSV = MediaType.parseMediaType("text/csv");
  static final List<MediaType> SUPPORTED = List.of(MediaType.APPLICATION_JSON, TEXT_CSV,
      MediaType.MULTIPART_FORM_DATA);

  private final PanelMembers members;
  private final MemberImportRuns runs;
  private final ObjectMapper mapper;
  private final ErasedRespondents erased;

  PanelMemberController(PanelMembers members, MemberImportRuns runs, ObjectMapper mapper, ErasedRespondents erased) {
    this.members = members;
    this.runs = runs;
    this.mapper = mapper;
    this.erased = erased;
  }

  /**
   * One handler for every content type: separate {@code consumes} mappings are ambiguous for a request without a
   * body, which must be a 400 here.
   */
  @PostMapping
  @Operation(summary = "Import panel members from JSON, CSV or a multipart file", requestBody = @RequestBody(
      required = true, content = {
          @Content(mediaType = MediaType.APPLICATION_JSON_VALUE,
              array = @ArraySchema(schema = @Schema(implementation = ApiShapes.MemberRow.class))),
          @Content(mediaType = "text/csv", schema = @Schema(type = "string",
              description = "Header line memberCode,status[,birthDate,postalCode,answers,email]")),
          @Content(mediaType = MediaType.MULTIPART_FORM_DATA_VALUE,
              schema = @Schema(implementation = ApiShapes.MemberFile.class))}))
  @ApiResponse(responseCode = "200", description = "Imported; rejected rows are listed",
      content = @Content(schema = @Schema(implementation = ApiShapes.ImportResult.class)))
  ResponseEntity<Map<String, Object>> importMembers(HttpServletRequest request)
      throws IOException, HttpMediaTypeNotSupportedException {
    MediaType type = contentType(request.getContentType());
    if (type == null) {
      if (request.getContentLengthLong() <= 0 && request.getInputStream().readAllBytes().length == 0) {
        throw new PanelMemberImport.UnreadableImport("The body is empty: send JSON, CSV or a multipart file");
      }
      throw new HttpMediaTypeNotSupportedException("Content-Type is missing", SUPPORTED);
    }
    if (MediaType.APPLICATION_JSON.includes(type)) {
      return store(true, request.getInputStream());
    }
    if (TEXT_CSV.includes(type)) {
      return store(false, request.getInputStream());
    }
    if (MediaType.MULTIPART_FORM_DATA.includes(type) && request instanceof MultipartHttpServletRequest multipart) {
      return importFile(multipart.getFile("file"));
    }
    throw new HttpMediaTypeNotSupportedException(type, SUPPORTED, HttpMethod.POST);
  }

  /** A file part named {@code file}: JSON when its type or name says so, CSV otherwise. */
  private ResponseEntity<Map<String, Object>> importFile(MultipartFile file) throws IOException {
    if (file == null || file.isEmpty()) {
      throw new PanelMemberImport.UnreadableImport("The multipart upload needs a non-empty part named 'file'");
    }
    String type = file.getContentType() == null ? "" : file.getContentType().toLowerCase(Locale.ROOT);
    String name = file.getOriginalFilename() == null ? "" : file.getOriginalFilename().toLowerCase(Locale.ROOT);
    boolean json = type.startsWith(MediaType.APPLICATION_JSON_VALUE) || name.endsWith(".json");
    try (InputStream in = file.getInputStream()) {
      return store(json, in);
    }
  }

  private static MediaType contentType(String header) throws HttpMediaTypeNotSupportedException {
    if (header == null || header.isBlank()) {
      return null;
    }
    try {
      return MediaType.parseMediaType(header);
    } catch (InvalidMediaTypeException e) {
      throw new HttpMediaTypeNotSupportedException(e.getMessage());
    }
  }

  /**
   * Streams the body into the directory batch by batch (docs/panel-members.md). A body unreadable from its start
   * stores nothing (400, as before); one that breaks off later keeps the rows before the break and says so.
   */
  private ResponseEntity<Map<String, Object>> store(boolean json, InputStream body) throws IOException {
    MemberImportSession session = new MemberImportSession(members, runs, json ? "json" : "csv",
        erased.matcher(Respondent.TOLUNA));
    String brokeOff = null;
    try {
      if (json) {
        PanelMemberImport.json(body, mapper, session);
      } else {
        PanelMemberImport.csv(body, session);
      }
    } catch (PanelMemberImport.UnreadableImport e) {
      if (session.counts().rowsRead() == 0) {
        session.finish(MemberImportRuns.State.FAILED, e.getMessage());
        throw e;
      }
      session.flush();
      brokeOff = e.getMessage();
      session.finish(MemberImportRuns.State.FAILED, brokeOff);
    } catch (IOException | RuntimeException e) {
      session.finish(MemberImportRuns.State.FAILED, "The import stopped: " + e.getClass().getSimpleName());
      throw e;
    }
    if (brokeOff == null) {
      session.finish(MemberImportRuns.State.DONE, null);
    }
    MemberImportRuns.Counts counts = session.counts();
    List<PanelMemberImport.Problem> problems = session.problems();
    boolean none = counts.imported() + counts.updated() == 0;
    Map<String, Object> answer = new LinkedHashMap<>();
    if (brokeOff != null) {
      answer.put("message", "The import broke off: " + brokeOff + ". The rows before it were stored (imported, "
          + "updated); fix the body and send it again (a repeated row replaces the member, nothing doubles)");
    } else if (none) {
      answer.put("message", counts.rejected() == 0 ? "The import holds no members" : "No member could be imported: "
          + "fix these problems");
    }
    answer.put("importId", session.importId());
    answer.put("imported", counts.imported());
    answer.put("updated", counts.updated());
    answer.put("rejected", counts.rejected());
    answer.put("problems", problems);
    if (counts.rejected() > problems.size()) {
      answer.put("problemsTruncated", true);
    }
    return brokeOff != null || none ? ResponseEntity.badRequest().body(answer) : ResponseEntity.ok(answer);
  }

  /** Spring's default 415 has no message: say what to send. */
  @ExceptionHandler(HttpMediaTypeNotSupportedException.class)
  ResponseEntity<Map<String, Object>> unsupported(HttpMediaTypeNotSupportedException e, HttpServletRequest request) {
    String type = request.getContentType();
    String message = "Content-Type " + (type == null || type.isBlank() ? "(none)" : "'" + Text.abbreviate(type, 61)
        + "'") + " is not supported: send application/json, text/csv or "
        + "multipart/form-data with a part named 'file'";
    return ResponseEntity.status(415).body(Map.of("message", message, "problems", List.of(Map.of("reason",
        message))));
  }

  @ExceptionHandler(PanelMemberImport.UnreadableImport.class)
  ResponseEntity<Map<String, Object>> unreadable(PanelMemberImport.UnreadableImport e) {
    return ResponseEntity.badRequest().body(Map.of("message", "The import was not read: " + e.getMessage(),
        "problems", List.of(Map.of("reason", e.getMessage()))));
  }
}
