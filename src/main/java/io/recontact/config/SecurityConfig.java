package io.recontact.config;

import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.rest.security.auth.ProcessEngineAuthenticationFilter;
import org.camunda.bpm.engine.rest.security.auth.impl.HttpBasicAuthenticationProvider;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * HTTP Basic against Camunda's identity service for the engine REST API, the project's own {@code /api/**} and the
 * health details. The engine filter also sets the authenticated user, so engine authorizations apply to API calls.
 * Toluna's notifications cannot send Basic credentials: their path authenticates with a token instead
 * (io.recontact.tolunanotifications.NotificationController).
 */
@Configuration
public class SecurityConfig {

  static final String TOKEN_AUTHENTICATED_PREFIX = "/api/toluna/notifications/";

  @Bean
  FilterRegistrationBean<ProcessEngineAuthenticationFilter> engineRestAuthentication() {
    return basicAuth("engine-rest-basic-auth", "/engine-rest/*");
  }

  @Bean
  FilterRegistrationBean<PathExemptFilter> apiAuthentication() {
    var registration = new FilterRegistrationBean<>(
        new PathExemptFilter(new ProcessEngineAuthenticationFilter(), TOKEN_AUTHENTICATED_PREFIX));
    registration.addInitParameter("authentication-provider", HttpBasicAuthenticationProvider.class.getName());
    registration.addUrlPatterns("/api/*");
    registration.setName("api-basic-auth");
    return registration;
  }

  @Bean
  FilterRegistrationBean<ActuatorAuthFilter> actuatorAuthentication(IdentityService identityService) {
    var registration = new FilterRegistrationBean<>(new ActuatorAuthFilter(identityService));
    registration.addUrlPatterns("/actuator/*");
    registration.setName("actuator-basic-auth");
    return registration;
  }

  private static FilterRegistrationBean<ProcessEngineAuthenticationFilter> basicAuth(String name, String pattern) {
    var registration = new FilterRegistrationBean<>(new ProcessEngineAuthenticationFilter());
    registration.addInitParameter("authentication-provider", HttpBasicAuthenticationProvider.class.getName());
    registration.addUrlPatterns(pattern);
    registration.setName(name);
    return registration;
  }
}
