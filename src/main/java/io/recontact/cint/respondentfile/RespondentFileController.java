package io.recontact.cint.respondentfile;

import io.recontact.engine.Text;
import io.recontact.web.ApiTags;
import io.recontact.web.QueryParameters;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.util.UriUtils;

/**
 * The rejected lines of a stored respondent file, as written, for the person deciding its review: the review form
 * shows only counts and line numbers and links here, so no line of the file becomes a process variable.
 */
@RestController
@Tag(name = ApiTags.RECONTACT_STATUS)
public class RespondentFileController {

  static final String PATH = "/api/cint/respondent-files";

  private final RespondentFileStore files;

  RespondentFileController(RespondentFileStore files) {
    this.files = files;
  }

  /** The review form's link to the rejected lines of the file stored under {@code reference}. */
  public static String rejectionsPath(String reference) {
    return PATH + "/" + UriUtils.encodePathSegment(reference, StandardCharsets.UTF_8)
        + "/rejections";
  }

  /**
   * The file's figures and its rejected lines (up to 20 per kind, by kind, then line): kind, 1-based line number and
   * the line as written, cut to 300 characters.
   */
  public record Rejections(String reference, String fileName, int lineCount, int acceptedCount, int duplicateCount,
      int blankCount, int invalidCount, boolean headerDetected, List<Rejection> rejections) {
  }

  @GetMapping(PATH + "/{reference}/rejections")
  @Operation(summary = "The rejected lines of a respondent file (the file review links here), by its reference, "
      + "the recontact's business key")
  @ApiResponse(responseCode = "200", content = @Content(schema = @Schema(implementation = Rejections.class)))
  ResponseEntity<?> rejections(@PathVariable String reference) {
    return files.find(reference).<ResponseEntity<?>>map(file -> ResponseEntity.ok(new Rejections(file.reference(),
        file.fileName(), file.lineCount(), file.acceptedCount(), file.duplicateCount(), file.blankCount(),
        file.invalidCount(), file.headerDetected(), files.examples(file.id()))))
        .orElseGet(() -> ResponseEntity.status(HttpStatus.NOT_FOUND).body(Map.of("message",
            "No respondent file with reference '" + Text.abbreviate(reference, QueryParameters.QUOTE) + "'")));
  }
}
