package io.recontact.cint.uploadrespondents;

import io.recontact.engine.Text;
import io.recontact.web.ApiTags;
import io.recontact.web.QueryParameters;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/**
 * The IDs of an upload job Cint did not save, for the person deciding the partial-upload review: they stay in the
 * upload batch tables (proposed for resubmission) and the form holds only their count and this link.
 */
@RestController
@Tag(name = ApiTags.RECONTACT_STATUS)
class FailedIdsController {

  static final String PATH = "/api/cint/uploads";

  private final UploadBatches batches;

  FailedIdsController(UploadBatches batches) {
    this.batches = batches;
  }

  /** The review form's link; the upload run is the cintUploadRespondents instance. */
  static String failedIdsPath(String uploadRun) {
    return PATH + "/" + uploadRun + "/failed-ids";
  }

  /**
   * The IDs proposed for resubmission while the review is open, each once; empty once it is decided (resubmitted or
   * discarded).
   */
  record FailedIds(String uploadRun, int failedIdCount, List<String> ids) {
  }

  @GetMapping(PATH + "/{uploadRun}/failed-ids")
  @Operation(summary = "The IDs Cint did not save, awaiting the partial-upload review (its form links here), by the "
      + "upload process instance id")
  @ApiResponse(responseCode = "200", content = @Content(schema = @Schema(implementation = FailedIds.class)))
  ResponseEntity<?> failedIds(@PathVariable String uploadRun) {
    if (batches.all(uploadRun).isEmpty()) {
      return ResponseEntity.status(HttpStatus.NOT_FOUND).body(Map.of("message", "No upload run '"
          + Text.abbreviate(uploadRun, QueryParameters.QUOTE) + "' (the process instance id of cintUploadRespondents)"));
    }
    List<String> ids = batches.proposedIds(uploadRun);
    return ResponseEntity.ok(new FailedIds(uploadRun, ids.size(), ids));
  }
}
