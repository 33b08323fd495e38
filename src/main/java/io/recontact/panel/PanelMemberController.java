package io.recontact.panel;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestPart;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;

/**
 * {@code POST /api/panel/members}: imports members as JSON, CSV or a multipart {@code file} (docs/panel-members.md).
 * Good rows land even when others are rejected; any other content type is answered 415 by Spring MVC.
 */
@RestController
@RequestMapping("/api/panel/members")
class PanelMemberController {

  static final String TEXT_CSV = "text/csv";
  /** Problems listed in one answer; {@code rejected} still counts them all. */
  static final int MAX_LISTED_PROBLEMS = 1_000;

  private final PanelMembers members;
  private final ObjectMapper mapper;

  PanelMemberController(PanelMembers members, ObjectMapper mapper) {
    this.members = members;
    this.mapper = mapper;
  }

  @PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
  ResponseEntity<Map<String, Object>> importJson(@RequestBody(required = false) byte[] body) {
    return store(PanelMemberImport.json(body, mapper));
  }

  @PostMapping(consumes = TEXT_CSV)
  ResponseEntity<Map<String, Object>> importCsv(@RequestBody(required = false) byte[] body) {
    return store(PanelMemberImport.csv(body));
  }

  /** A file part named {@code file}: JSON when its type or name says so, CSV otherwise. */
  @PostMapping(consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
  ResponseEntity<Map<String, Object>> importFile(@RequestPart(name = "file", required = false) MultipartFile file)
      throws IOException {
    if (file == null || file.isEmpty()) {
      throw new PanelMemberImport.UnreadableImport("The multipart upload needs a non-empty part named 'file'");
    }
    String type = file.getContentType() == null ? "" : file.getContentType().toLowerCase(Locale.ROOT);
    String name = file.getOriginalFilename() == null ? "" : file.getOriginalFilename().toLowerCase(Locale.ROOT);
    boolean json = type.startsWith(MediaType.APPLICATION_JSON_VALUE) || name.endsWith(".json");
    return store(json ? PanelMemberImport.json(file.getBytes(), mapper) : PanelMemberImport.csv(file.getBytes()));
  }

  private ResponseEntity<Map<String, Object>> store(PanelMemberImport.Parsed parsed) {
    PanelMembers.UpsertResult result = members.upsertAll(parsed.members());
    List<PanelMemberImport.Problem> problems = parsed.problems();
    Map<String, Object> body = new LinkedHashMap<>();
    if (parsed.members().isEmpty()) {
      body.put("message", problems.isEmpty() ? "The import holds no members" : "No member could be imported: "
          + "fix these problems");
    }
    body.put("imported", result.inserted());
    body.put("updated", result.updated());
    body.put("rejected", problems.size());
    body.put("problems", problems.size() > MAX_LISTED_PROBLEMS ? problems.subList(0, MAX_LISTED_PROBLEMS) : problems);
    if (problems.size() > MAX_LISTED_PROBLEMS) {
      body.put("problemsTruncated", true);
    }
    return parsed.members().isEmpty() ? ResponseEntity.badRequest().body(body) : ResponseEntity.ok(body);
  }

  @ExceptionHandler(PanelMemberImport.UnreadableImport.class)
  ResponseEntity<Map<String, Object>> unreadable(PanelMemberImport.UnreadableImport e) {
    return ResponseEntity.badRequest().body(Map.of("message", "The import was not read: " + e.getMessage(),
        "problems", List.of(Map.of("reason", e.getMessage()))));
  }
}
