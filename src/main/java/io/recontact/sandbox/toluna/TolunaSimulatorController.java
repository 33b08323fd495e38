package io.recontact.sandbox.toluna;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The simulated Toluna APIs. Paths after {@code /sandbox/toluna} equal the real ones: the External Sample routes
 * (header {@code API_AUTH_KEY}) and Member Management v2 (header {@code Accept: application/json;version=2.0}, no
 * auth, toluna-api §11.31). Each handler first counts the call and applies injected faults
 * ({@link TolunaCalls#enter}). Segments and parameter names arrive in the spelling mapped here whatever the caller's case
 * ({@link TolunaRequestFilter}).
 */
@RestController
@RequestMapping("/sandbox/toluna")
class TolunaSimulatorController {

  private static final String ES = "/IPExternalSamplingService/ExternalSample/{panelGuid}";
  private static final String RESPONDENT = "/IntegratedPanelService/api/Respondent";
  private final TolunaPanels panels;
  private final TolunaCalls calls;
  private final TolunaMembers members;

  TolunaSimulatorController(TolunaPanels panels, TolunaCalls calls, TolunaMembers members) {
    this.panels = panels;
    this.calls = calls;
    this.members = members;
  }

  private void auth(String key) {
    if (key == null || !key.equals(panels.config().apiAuthKey())) {
      throw TolunaError.message(403, "Invalid API_AUTH_KEY");
    }
  }

  @GetMapping(ES + "/Quotas")
  ObjectNode quotas(@PathVariable String panelGuid, @RequestHeader(name = "API_AUTH_KEY", required = false) String key,
      @RequestParam(name = "includeRoutables", required = false) String includeRoutables) {
    calls.enter("GetQuotas");
    auth(key);
    return panels.quotas(panelGuid, !"false".equalsIgnoreCase(includeRoutables));
  }

  @GetMapping(ES + "/QuotaStatus/{quotaId}")
  ObjectNode quotaStatus(@PathVariable String panelGuid, @PathVariable String quotaId,
      @RequestHeader(name = "API_AUTH_KEY", required = false) String key) {
    calls.enter("QuotaStatus");
    auth(key);
    return panels.quotaStatus(panelGuid, quotaId(quotaId));
  }

  @GetMapping(ES + "/Recontact/{quotaId}/MemberCodes")
  ObjectNode memberCodes(@PathVariable String panelGuid, @PathVariable String quotaId,
      @RequestHeader(name = "API_AUTH_KEY", required = false) String key,
      @RequestParam(name = "maxResults", required = false) String maxResults,
      @RequestParam(name = "lastMemberCodeReceived", required = false) String last) {
    calls.enter("RecontactMemberCodes");
    auth(key);
    Integer max = null;
    if (maxResults != null && !maxResults.isBlank()) {
      try {
        max = Integer.parseInt(maxResults.trim());
      } catch (NumberFormatException e) {
        throw TolunaError.message(400, "maxResults must be an integer.");
      }
    }
    int quota = quotaId(quotaId);
    TolunaPanels.Page page = panels.memberCodes(panelGuid, quota, max, last);
    ObjectNode out = JsonNodeFactory.instance.objectNode().put("MaxResults", page.maxResults())
        .put("HasAdditionalMembers", page.hasMore());
    page.codes().forEach(out.putArray("MemberCodes")::add);
    return out;
  }

  /** Recontact route without the quota segment, as recorded in Postman: 400/10. */
  @GetMapping(ES + "/Recontact/MemberCodes")
  ObjectNode memberCodesWithoutQuota(@PathVariable String panelGuid,
      @RequestHeader(name = "API_AUTH_KEY", required = false) String key) {
    calls.enter("RecontactMemberCodes");
    auth(key);
    panels.quotas(panelGuid, true); // panel check first
    throw TolunaError.noQuotaId();
  }

  @GetMapping(ES + "/{memberCode}/Invite/{quotaId}")
  ObjectNode invite(@PathVariable String panelGuid, @PathVariable String memberCode, @PathVariable String quotaId,
      @RequestHeader(name = "API_AUTH_KEY", required = false) String key) {
    calls.enter("GenerateInvite");
    auth(key);
    return panels.invite(panelGuid, memberCode, quotaId(quotaId));
  }

  /** A non-integer quota ID cannot name a quota: 400/10. */
  private static int quotaId(String raw) {
    try {
      return Integer.parseInt(raw);
    } catch (NumberFormatException e) {
      throw TolunaError.noQuotaId();
    }
  }

  // ---------------------------------------------------------------- Member Management v2

  private static void version(String accept) {
    if (accept == null || !accept.replace(" ", "").toLowerCase().contains("version=2.0")) {
      throw TolunaError.message(400, "The header 'Accept: application/json;version=2.0' is required.");
    }
  }

  @GetMapping({RESPONDENT, RESPONDENT + "/"})
  ObjectNode getMember(@RequestHeader(name = "Accept", required = false) String accept,
      @RequestParam(name = "memberCode", required = false) String memberCode,
      @RequestParam(name = "partnerGUID", required = false) String partnerGuid) {
    calls.enter("GetMember");
    version(accept);
    return members.get(partnerGuid, memberCode);
  }

  @PostMapping({RESPONDENT, RESPONDENT + "/"})
  ResponseEntity<Void> addMember(@RequestHeader(name = "Accept", required = false) String accept,
      @RequestBody ObjectNode body) {
    calls.enter("AddMember");
    version(accept);
    members.add(body);
    return ResponseEntity.status(201).build();
  }

  @PutMapping({RESPONDENT, RESPONDENT + "/"})
  ResponseEntity<Void> updateMember(@RequestHeader(name = "Accept", required = false) String accept,
      @RequestBody ObjectNode body) {
    calls.enter("UpdateMember");
    version(accept);
    members.update(body);
    return ResponseEntity.ok().build();
  }

  /** Anything else under the simulator: 404 with ASP.NET Web API's message, as JSON. */
  @RequestMapping("/**")
  ObjectNode notFound(HttpServletRequest request) {
    throw TolunaError.message(404, "No HTTP resource was found that matches the request URI '"
        + request.getRequestURL() + "'.");
  }
}
