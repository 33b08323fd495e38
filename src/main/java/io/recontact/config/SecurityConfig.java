package io.recontact.config;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.recontact.web.PathExemptFilter;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.rest.security.auth.ProcessEngineAuthenticationFilter;
import org.camunda.bpm.engine.rest.security.auth.impl.HttpBasicAuthenticationProvider;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * HTTP Basic against Camunda's identity service for the engine REST API, the project's own {@code /api/**}, its
 * OpenAPI document with Swagger UI (only for those who may call /api: ApiDocsAccess), and the health details;
 * {@code /api} reads (GET, HEAD) also accept the Camunda webapps' session. The engine filter also sets the
 * authenticated user, so engine authorizations apply to API calls.
 * Toluna's notifications cannot send Basic credentials: their path authenticates with a token instead
 * (io.recontact.toluna.notifications.NotificationController), and Cint's webhooks with their Cint-Signature.
 * Which group may call which /api endpoint: ApiRoles.
 */
@Configuration
public class SecurityConfig {

  static final String TOKEN_AUTHENTICATED_PREFIX = "/api/toluna/notifications/";
  /** Cint's webhooks carry a Cint-Signature (HMAC-SHA256), not Basic (io.recontact.cint.followfielding). */
  static final String SIGNATURE_AUTHENTICATED_PATH = "/api/cint/webhooks";

  @Bean
  FilterRegistrationBean<ProcessEngineAuthenticationFilter> engineRestAuthentication() {
    return basicAuth("engine-rest-basic-auth", "/engine-rest/*");
  }

  /**
   * /api belongs to this application's engine, so it authenticates against that engine rather than the one Camunda's
   * static registry calls "default" (another engine in the same JVM, e.g. a second test context, must not answer).
   * Reads also take the Camunda webapps' login in the HTTP session (WebappSessionReads), so a link in a Tasklist
   * form opens without a Basic prompt; changes take HTTP Basic only.
   */
  @Bean
  FilterRegistrationBean<PathExemptFilter> apiAuthentication(ProcessEngine engine) {
    var registration = new FilterRegistrationBean<>(new PathExemptFilter(new WebappSessionReads(engine,
        engineAuthentication(engine)), TOKEN_AUTHENTICATED_PREFIX, SIGNATURE_AUTHENTICATED_PATH));
    registration.addInitParameter("authentication-provider", HttpBasicAuthenticationProvider.class.getName());
    registration.addUrlPatterns("/api/*");
    registration.setName("api-basic-auth");
    return registration;
  }

  /**
   * The OpenAPI document and Swagger UI (docs/api.md): users of this engine who may call some /api operation
   * (ApiRoles' readers); anyone else authenticated, such as monitor, gets 403 (ApiDocsAccess).
   */
  @Bean
  FilterRegistrationBean<ApiDocsAccess> apiDocsAuthentication(ProcessEngine engine, ObjectMapper mapper) {
    var registration = new FilterRegistrationBean<>(new ApiDocsAccess(engineAuthentication(engine),
        engine.getIdentityService(), mapper));
    registration.addInitParameter("authentication-provider", HttpBasicAuthenticationProvider.class.getName());
    registration.addUrlPatterns("/v3/api-docs/*", "/v3/api-docs.yaml/*", "/swagger-ui/*", "/swagger-ui.html");
    registration.setName("api-docs-basic-auth");
    return registration;
  }

  @Bean
  FilterRegistrationBean<ActuatorAuthFilter> actuatorAuthentication(IdentityService identityService) {
    var registration = new FilterRegistrationBean<>(new ActuatorAuthFilter(identityService));
    registration.addUrlPatterns("/actuator/*");
    registration.setName("actuator-basic-auth");
    return registration;
  }

  @Bean
  WebMvcConfigurer apiRoles(IdentityService identityService, ObjectMapper mapper) {
    return new WebMvcConfigurer() {
      @Override
      public void addInterceptors(InterceptorRegistry registry) {
        registry.addInterceptor(new ApiRoles(identityService, mapper)).addPathPatterns("/api/**");
      }
    };
  }

  private static ProcessEngineAuthenticationFilter engineAuthentication(ProcessEngine engine) {
    return new ProcessEngineAuthenticationFilter() {
      @Override
      protected ProcessEngine getAddressedEngine(String engineName) {
        return engine;
      }
    };
  }

  private static FilterRegistrationBean<ProcessEngineAuthenticationFilter> basicAuth(String name, String pattern) {
    var registration = new FilterRegistrationBean<>(new ProcessEngineAuthenticationFilter());
    registration.addInitParameter("authentication-provider", HttpBasicAuthenticationProvider.class.getName());
    registration.addUrlPatterns(pattern);
    registration.setName(name);
    return registration;
  }
}
