package io.recontact.config;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.Principal;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import org.camunda.bpm.engine.IdentityService;
import org.springframework.http.MediaType;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Lets actuator tell authenticated callers apart without Spring Security: valid Basic credentials become the request's
 * principal (so {@code show-details: when-authorized} shows engine and job-executor detail); wrong credentials get
 * 401. Without credentials only health's status ({@code /actuator/health} itself) is public; every other actuator
 * path, exposed or not, answers 401. The Prometheus scrape is for the monitoring group and admins only: anyone else
 * authenticated gets 403.
 */
class ActuatorAuthFilter extends OncePerRequestFilter {

  static final String PUBLIC_PATH = "/actuator/health";
  static final String PROMETHEUS_PATH = "/actuator/prometheus";
  private static final ObjectMapper JSON = new ObjectMapper();

  private final IdentityService identityService;

  ActuatorAuthFilter(IdentityService identityService) {
    this.identityService = identityService;
  }

  @Override
  protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    String header = request.getHeader("Authorization");
    boolean basic = header != null && header.regionMatches(true, 0, "Basic ", 0, 6);
    if (!basic && PUBLIC_PATH.equals(path(request))) {
      chain.doFilter(request, response);
      return;
    }
    String userId = basic ? authenticate(header.substring(6).trim()) : null;
    if (userId == null) {
      response.setHeader("WWW-Authenticate", "Basic realm=\"recontact\"");
      response.sendError(HttpServletResponse.SC_UNAUTHORIZED);
      return;
    }
    if (path(request).startsWith(PROMETHEUS_PATH) && !scraper(userId)) {
      Map<String, Object> body = new LinkedHashMap<>();
      body.put("message", "User '" + userId + "' may not read " + PROMETHEUS_PATH + ": it needs membership in one of "
          + MonitoringIdentitySetup.SCRAPERS);
      body.put("requiredGroups", MonitoringIdentitySetup.SCRAPERS);
      response.setStatus(HttpServletResponse.SC_FORBIDDEN);
      response.setContentType(MediaType.APPLICATION_JSON_VALUE);
      JSON.writeValue(response.getOutputStream(), body);
      return;
    }
    Principal principal = () -> userId;
    chain.doFilter(new HttpServletRequestWrapper(request) {
      @Override
      public Principal getUserPrincipal() {
        return principal;
      }

      @Override
      public String getRemoteUser() {
        return userId;
      }
    }, response);
  }

  /** The container's decoded, normalised path (not the raw URI), as in PathExemptFilter. */
  private static String path(HttpServletRequest request) {
    String path = request.getServletPath() + (request.getPathInfo() == null ? "" : request.getPathInfo());
    return path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
  }

  private boolean scraper(String userId) {
    return identityService.createGroupQuery().groupMember(userId)
        .groupIdIn(MonitoringIdentitySetup.SCRAPERS.toArray(String[]::new)).count() > 0;
  }

  private String authenticate(String encoded) {
    try {
      String decoded = new String(Base64.getDecoder().decode(encoded), StandardCharsets.UTF_8);
      int colon = decoded.indexOf(':');
      if (colon <= 0) {
        return null;
      }
      String user = decoded.substring(0, colon);
      return identityService.checkPassword(user, decoded.substring(colon + 1)) ? user : null;
    } catch (IllegalArgumentException e) {
      return null;
    }
  }
}
