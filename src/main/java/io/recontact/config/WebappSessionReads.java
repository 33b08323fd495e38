package io.recontact.config;

import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.FilterConfig;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.io.IOException;
import java.util.List;
import java.util.Set;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.identity.Group;
import org.camunda.bpm.engine.identity.Tenant;
import org.camunda.bpm.webapp.impl.security.auth.Authentication;
import org.camunda.bpm.webapp.impl.security.auth.Authentications;
import org.springframework.http.HttpHeaders;

/**
 * {@code /api} reads for a person logged in to a Camunda webapp: a link in a Tasklist form (the exceptions CSV of the
 * Toluna review) opens with the Tasklist login, without a Basic prompt. A GET or HEAD without an Authorization header
 * is authenticated with the user the webapps stored in the HTTP session for this engine
 * ({@code org.camunda.bpm.webapp.impl.security.auth.Authentications}); the user must still exist, and its groups and
 * tenants are read afresh, as for Basic, so ApiRoles judges a session user exactly like a Basic one. Everything else
 * goes to HTTP Basic as before: POST, PUT, DELETE (and OPTIONS) never count a session, so another site cannot make a
 * logged-in browser change anything (reads change nothing, and the session cookie is SameSite=Lax).
 *
 * <p>A GET or HEAD that comes with a session cookie but without a webapp login in that session (it expired, the
 * person logged out, the server restarted) gets 401 without {@code WWW-Authenticate: Basic}, so the browser shows its
 * error page instead of a password prompt (Tasklist itself asks for the login again). Without a session cookie
 * nothing changes: 401 with the Basic challenge.
 */
class WebappSessionReads implements Filter {

  static final Set<String> READS = Set.of("GET", "HEAD");
  /** Where the webapps keep their logins in the session (AuthenticationUtil.CAM_AUTH_SESSION_KEY, not public). */
  static final String WEBAPP_AUTHENTICATIONS = "authenticatedUser";

  private final ProcessEngine engine;
  private final Filter basic;

  WebappSessionReads(ProcessEngine engine, Filter basic) {
    this.engine = engine;
    this.basic = basic;
  }

  @Override
  public void init(FilterConfig config) throws ServletException {
    basic.init(config);
  }

  @Override
  public void doFilter(ServletRequest servletRequest, ServletResponse servletResponse, FilterChain chain)
      throws IOException, ServletException {
    HttpServletRequest request = (HttpServletRequest) servletRequest;
    HttpServletResponse response = (HttpServletResponse) servletResponse;
    if (request.getHeader(HttpHeaders.AUTHORIZATION) != null || !READS.contains(request.getMethod())) {
      basic.doFilter(request, response, chain);
      return;
    }
    String userId = sessionUser(request);
    if (userId != null) {
      IdentityService identity = engine.getIdentityService();
      List<String> groups = identity.createGroupQuery().groupMember(userId).list().stream().map(Group::getId)
          .toList();
      List<String> tenants = identity.createTenantQuery().userMember(userId).includingGroupsOfUser(true).list()
          .stream().map(Tenant::getId).toList();
      identity.setAuthentication(userId, groups, tenants);
      try {
        chain.doFilter(request, response);
      } finally {
        identity.clearAuthentication();
      }
      return;
    }
    if (request.getRequestedSessionId() != null) {
      // A person whose webapp login ended: 401 as for Basic (no body, as the API document says), but no challenge.
      response.setStatus(HttpServletResponse.SC_UNAUTHORIZED);
      return;
    }
    basic.doFilter(request, response, chain);
  }

  /** The webapps' user of this engine in the request's session, if there is one and it still exists. */
  private String sessionUser(HttpServletRequest request) {
    HttpSession session = request.getSession(false);
    Object stored;
    try {
      stored = session == null ? null : session.getAttribute(WEBAPP_AUTHENTICATIONS);
    } catch (IllegalStateException invalidated) {
      return null;
    }
    if (!(stored instanceof Authentications authentications)) {
      return null;
    }
    Authentication authentication = authentications.getAuthenticationForProcessEngine(engine.getName());
    String userId = authentication == null ? null : authentication.getIdentityId();
    if (userId == null) {
      return null;
    }
    return engine.getIdentityService().createUserQuery().userId(userId).count() == 1 ? userId : null;
  }

  @Override
  public void destroy() {
    basic.destroy();
  }
}
