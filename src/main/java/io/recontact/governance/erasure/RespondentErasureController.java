package io.recontact.governance.erasure;

import io.recontact.web.ApiTags;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.Map;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code DELETE /api/respondents/{marketplace}/{id}}: a data subject's erasure (docs/respondent-erasure.md). Only
 * the privacy officers' and the admin group may call it (ApiRoles). A repeat answers 200 with zeros and
 * {@code alreadyErased}, so a compliance tool may retry freely.
 */
@RestController
@Tag(name = ApiTags.RESPONDENT_ERASURE)
@RequestMapping("/api/respondents")
class RespondentErasureController {

  private final RespondentErasure erasure;
  private final IdentityService identity;

  RespondentErasureController(RespondentErasure erasure, IdentityService identity) {
    this.erasure = erasure;
    this.identity = identity;
  }

  @DeleteMapping("/{marketplace}/{id}")
  @Operation(summary = "Erase a respondent from every table, Camunda's included, and suppress it from now on",
      description = "The identifier is deleted, or replaced by `erased:<hash>` where a row must stay (incentive "
          + "ledger, invite outcomes), or masked in free text; its SHA-256 hash is kept so that a later import, "
          + "respondent file or quota member list does not bring it back. The answer says what was erased where; "
          + "the audit entry keeps the hash, who and when, never the identifier.")
  @ApiResponse(responseCode = "200", description = "Erased, or erased before (`alreadyErased`, zeros)",
      content = @Content(schema = @Schema(implementation = RespondentErasure.Result.class)))
  ResponseEntity<RespondentErasure.Result> erase(
      @Parameter(description = "`cint` (a respondent ID, RSID) or `toluna` (a member code)",
          schema = @Schema(allowableValues = {"cint", "toluna"})) @PathVariable String marketplace,
      @Parameter(description = "The RSID or member code") @PathVariable String id) {
    Respondent respondent = Respondent.of(marketplace, id);
    Authentication user = identity.getCurrentAuthentication();
    return ResponseEntity.ok(erasure.erase(respondent, user == null ? "unknown" : user.getUserId()));
  }

  /** The message names what is wrong, never the identifier sent. */
  @ExceptionHandler(IllegalArgumentException.class)
  ResponseEntity<Map<String, Object>> refused(IllegalArgumentException e) {
    return ResponseEntity.badRequest().body(Map.of("message", "Nothing was erased: " + e.getMessage()));
  }
}
