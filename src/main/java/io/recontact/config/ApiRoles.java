package io.recontact.config;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.recontact.web.PathExemptFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.authorization.Groups;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.springframework.http.MediaType;
import org.springframework.web.servlet.HandlerInterceptor;

/**
 * Who may call which {@code /api} endpoint, by group. Reading (GET, HEAD) is open to approvers, operators and admins:
 * the review forms link to the quota views and member lists; the Cint status views read history with the caller's
 * engine rights. The panel member directory ({@code /api/panel/**}), contact histories and the do-not-contact list hold personal data: operators and admins only. Everything that changes something (starting a recontact,
 * replacement, removal or sweep, importing panel members) needs the operators' or the admin group; anyone else gets
 * 403 with a JSON body. Erasing a respondent (DELETE under {@code /api/respondents/}) needs the privacy officers' or
 * the admin group. Runs after the authentication filter, which set the engine's authentication from HTTP Basic or,
 * for a read, from the webapps' session (WebappSessionReads): the same rules for both. The token-authenticated
 * notification path is not ours to judge.
 */
class ApiRoles implements HandlerInterceptor {

  static final List<String> READERS = List.of(ApproverIdentitySetup.APPROVERS_GROUP,
      OperatorIdentitySetup.OPERATORS_GROUP, Groups.CAMUNDA_ADMIN);
  static final List<String> CHANGERS = List.of(OperatorIdentitySetup.OPERATORS_GROUP, Groups.CAMUNDA_ADMIN);
  /** A respondent's erasure: a permission of its own, for privacy officers and admins (PrivacyIdentitySetup). */
  static final List<String> ERASERS = List.of(PrivacyIdentitySetup.PRIVACY_GROUP, Groups.CAMUNDA_ADMIN);
  static final String RESPONDENTS_PREFIX = "/api/respondents/";
  /** Whoever may call some /api operation, and so read the OpenAPI document (ApiDocsAccess). */
  static final List<String> DOCUMENT_READERS = List.of(ApproverIdentitySetup.APPROVERS_GROUP,
      OperatorIdentitySetup.OPERATORS_GROUP, PrivacyIdentitySetup.PRIVACY_GROUP, Groups.CAMUNDA_ADMIN);
  private static final Set<String> READING = Set.of("GET", "HEAD", "OPTIONS");
  /**
   * Personal data, read by operators and admins only, like a change: the member directory (e-mail addresses, birth
   * dates), a respondent's contact history and the do-not-contact list.
   */
  static final List<String> PERSONAL_DATA_PREFIXES = List.of("/api/panel/", "/api/respondents/",
      "/api/suppressions");

  private final IdentityService identity;
  private final ObjectMapper mapper;

  ApiRoles(IdentityService identity, ObjectMapper mapper) {
    this.identity = identity;
    this.mapper = mapper;
  }

  @Override
  public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler)
      throws IOException {
    if (PathExemptFilter.under(request, SecurityConfig.TOKEN_AUTHENTICATED_PREFIX)
        || PathExemptFilter.under(request, SecurityConfig.SIGNATURE_AUTHENTICATED_PATH)) {
      return true;
    }
    Authentication authentication = identity.getCurrentAuthentication();
    List<String> allowed = allowed(request);
    if (authentication != null && authentication.getGroupIds() != null
        && authentication.getGroupIds().stream().anyMatch(allowed::contains)) {
      return true;
    }
    refuse(response, mapper, (authentication == null ? "This call" : "User '" + authentication.getUserId() + "'")
        + " may not " + request.getMethod() + " " + shown(request), allowed);
    return false;
  }

  /** The path, except a respondent's identifier, which is no part of a refusal. */
  private static String shown(HttpServletRequest request) {
    return PathExemptFilter.under(request, RESPONDENTS_PREFIX) ? RESPONDENTS_PREFIX + "{marketplace}/{id}"
        : request.getRequestURI();
  }

  private static List<String> allowed(HttpServletRequest request) {
    if ("DELETE".equals(request.getMethod()) && PathExemptFilter.under(request, RESPONDENTS_PREFIX)) {
      return ERASERS;
    }
    return READING.contains(request.getMethod()) && PERSONAL_DATA_PREFIXES.stream()
        .noneMatch(prefix -> PathExemptFilter.under(request, prefix)) ? READERS : CHANGERS;
  }

  /** 403 with {@code {"message": "<what> : it needs membership in one of [...]", "requiredGroups": [...]}}. */
  static void refuse(HttpServletResponse response, ObjectMapper mapper, String what, List<String> allowed)
      throws IOException {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("message", what + ": it needs membership in one of " + allowed);
    body.put("requiredGroups", allowed);
    response.setStatus(HttpServletResponse.SC_FORBIDDEN);
    response.setContentType(MediaType.APPLICATION_JSON_VALUE);
    mapper.writeValue(response.getOutputStream(), body);
  }
}
