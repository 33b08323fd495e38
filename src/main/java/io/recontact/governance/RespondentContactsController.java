package io.recontact.governance;

import io.recontact.governance.ContactHistory.Contact;
import io.recontact.web.ApiTags;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.Instant;
import java.util.List;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /api/respondents/{marketplace}/{id}/contacts}: one respondent's contacts across both marketplaces,
 * newest first, and their do-not-contact entries: what a data-subject access request is answered with. JSON, or
 * CSV with {@code Accept: text/csv}. Operators and admins only (ApiRoles: personal data).
 */
@RestController
@Tag(name = ApiTags.RESPONDENTS)
@RequestMapping("/api/respondents")
class RespondentContactsController {

  /** Contacts one answer lists; a respondent with more is told so ({@code truncated}). */
  static final int MAX_CONTACTS = 10_000;
  static final String TEXT_CSV = "text/csv";

  @Schema(description = "A respondent's contact history, newest first")
  record History(@Schema(requiredMode = Schema.RequiredMode.REQUIRED, description = "cint or toluna")
      String marketplace, @Schema(requiredMode = Schema.RequiredMode.REQUIRED) String respondentId,
      @Schema(requiredMode = Schema.RequiredMode.REQUIRED, description = "SHA-256 of '<marketplace>:<id>'")
      String respondentHash,
      @Schema(requiredMode = Schema.RequiredMode.REQUIRED, description = "Whether they may not be contacted")
      boolean suppressed,
      @Schema(requiredMode = Schema.RequiredMode.REQUIRED) List<SuppressionView> suppressions,
      @Schema(requiredMode = Schema.RequiredMode.REQUIRED) List<Contact> contacts,
      @Schema(description = "More than " + MAX_CONTACTS + " contacts: the oldest are left out") Boolean truncated) {
  }

  private final ContactHistory history;
  private final Suppressions suppressions;

  RespondentContactsController(ContactHistory history, Suppressions suppressions) {
    this.history = history;
    this.suppressions = suppressions;
  }

  @GetMapping(value = "/{marketplace}/{id}/contacts", produces = {MediaType.APPLICATION_JSON_VALUE, TEXT_CSV})
  @Operation(summary = "A respondent's contact history (Cint uploads, Toluna invites and their outcomes), newest "
      + "first; CSV with Accept: text/csv")
  @ApiResponse(responseCode = "200", description = "The history (empty when the respondent was never contacted)",
      content = {@Content(mediaType = MediaType.APPLICATION_JSON_VALUE,
          schema = @Schema(implementation = History.class)),
          @Content(mediaType = TEXT_CSV, schema = @Schema(type = "string",
              description = "A header line, then one line per contact, newest first"))})
  ResponseEntity<?> contacts(@Parameter(description = "cint or toluna") @PathVariable String marketplace,
      @Parameter(description = "Cint RSID or RID, Toluna member code") @PathVariable String id,
      @RequestHeader(value = HttpHeaders.ACCEPT, required = false) String accept) {
    Marketplace m = GovernanceRequests.marketplace(marketplace);
    String respondent = GovernanceRequests.respondent(m, id);
    List<Contact> all = history.of(m, respondent, MAX_CONTACTS + 1);
    List<Contact> contacts = all.size() > MAX_CONTACTS ? all.subList(0, MAX_CONTACTS) : all;
    if (wantsCsv(accept)) {
      return ResponseEntity.ok().contentType(MediaType.parseMediaType(TEXT_CSV + ";charset=utf-8"))
          .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment()
              .filename(m.path() + "-respondent-contacts.csv").build().toString())
          .body(csv(contacts));
    }
    List<SuppressionView> entries = suppressions.of(m, respondent).stream().map(SuppressionView::of).toList();
    return ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON).body(new History(m.path(), respondent,
        RespondentIds.hash(m, respondent), !entries.isEmpty(), entries, contacts,
        all.size() > MAX_CONTACTS ? Boolean.TRUE : null));
  }

  /** CSV only when asked for before JSON: a browser's or a client's default answer is JSON. */
  static boolean wantsCsv(String accept) {
    if (accept == null || accept.isBlank()) {
      return false;
    }
    List<MediaType> types = MediaType.parseMediaTypes(accept);
    MediaType.sortBySpecificityAndQuality(types);
    for (MediaType type : types) {
      if (type.isCompatibleWith(MediaType.APPLICATION_JSON) && !type.isWildcardType()) {
        return false;
      }
      if (type.isCompatibleWith(MediaType.parseMediaType(TEXT_CSV)) && !type.isWildcardType()) {
        return true;
      }
    }
    return false;
  }

  static String csv(List<Contact> contacts) {
    StringBuilder out = new StringBuilder("contactedAt,marketplace,kind,targetGroup,recontact,uploadBatchId,"
        + "panelGuid,surveyId,quotaId,inviteId,channel,deliveryState,deliveredAt,outcome,outcomeReason,outcomeAt,"
        + "reversedAt\r\n");
    for (Contact c : contacts) {
      Object[] fields = {c.contactedAt(), c.marketplace(), c.kind(), c.targetGroup(), c.recontact(),
          c.uploadBatchId(), c.panelGuid(), c.surveyId(), c.quotaId(), c.inviteId(), c.channel(), c.deliveryState(),
          c.deliveredAt(), c.outcome(), c.outcomeReason(), c.outcomeAt(), c.reversedAt()};
      for (int i = 0; i < fields.length; i++) {
        out.append(i == 0 ? "" : ",").append(GovernanceRequests.csvField(fields[i] instanceof Instant t
            ? t.toString() : fields[i] == null ? "" : String.valueOf(fields[i])));
      }
      out.append("\r\n");
    }
    return out.toString();
  }
}
