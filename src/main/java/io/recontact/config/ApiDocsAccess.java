package io.recontact.config;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.FilterConfig;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.impl.identity.Authentication;

/**
 * The OpenAPI document and Swagger UI are for the people who may call some {@code /api} operation: the readers of
 * {@link ApiRoles} (approvers, operators, admins). The wrapped filter authenticates with HTTP Basic (401 without valid
 * credentials) and sets the engine's authentication for the rest of the chain; a user in none of those groups, such as
 * {@code monitor}, who may only scrape Prometheus, then gets 403 with ApiRoles' JSON body instead of a document whose
 * every call would answer 403.
 */
class ApiDocsAccess implements Filter {

  private final Filter authentication;
  private final IdentityService identity;
  private final ObjectMapper mapper;

  ApiDocsAccess(Filter authentication, IdentityService identity, ObjectMapper mapper) {
    this.authentication = authentication;
    this.identity = identity;
    this.mapper = mapper;
  }

  @Override
  public void init(FilterConfig config) throws ServletException {
    authentication.init(config);
  }

  @Override
  public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
      throws IOException, ServletException {
    authentication.doFilter(request, response, (authenticatedRequest, sameResponse) -> {
      Authentication user = identity.getCurrentAuthentication();
      if (user != null && user.getGroupIds() != null && user.getGroupIds().stream()
          .anyMatch(ApiRoles.DOCUMENT_READERS::contains)) {
        chain.doFilter(authenticatedRequest, sameResponse);
      } else {
        ApiRoles.refuse((HttpServletResponse) sameResponse, mapper, (user == null ? "This user" : "User '"
            + user.getUserId() + "'") + " may not read the API documentation "
            + ((HttpServletRequest) authenticatedRequest).getRequestURI() + " (no /api call is open to it)",
            ApiRoles.DOCUMENT_READERS);
      }
    });
  }

  @Override
  public void destroy() {
    authentication.destroy();
  }
}
