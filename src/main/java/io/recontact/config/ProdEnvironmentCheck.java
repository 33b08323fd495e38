package io.recontact.config;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.env.EnvironmentPostProcessor;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.Profiles;

/**
 * Fails startup of the {@code prod} profile before any bean exists when a required setting is missing, naming every
 * missing environment variable at once.
 */
public class ProdEnvironmentCheck implements EnvironmentPostProcessor {

  /** Property → environment variable that provides it in production. */
  static final Map<String, String> REQUIRED = new LinkedHashMap<>();

  static {
    REQUIRED.put("camunda.bpm.admin-user.id", "RECONTACT_ADMIN_USER");
    REQUIRED.put("camunda.bpm.admin-user.password", "RECONTACT_ADMIN_PASSWORD");
    REQUIRED.put("recontact.cint.base-url", "RECONTACT_CINT_BASE_URL");
    REQUIRED.put("recontact.cint.token-url", "RECONTACT_CINT_TOKEN_URL");
    REQUIRED.put("recontact.cint.client-id", "RECONTACT_CINT_CLIENT_ID");
    REQUIRED.put("recontact.cint.client-secret", "RECONTACT_CINT_CLIENT_SECRET");
    REQUIRED.put("recontact.toluna.base-url", "RECONTACT_TOLUNA_BASE_URL");
    REQUIRED.put("recontact.toluna.api-auth-key", "RECONTACT_TOLUNA_API_AUTH_KEY");
    REQUIRED.put("recontact.toluna.panel-guids", "RECONTACT_TOLUNA_PANEL_GUIDS");
    REQUIRED.put("recontact.toluna.notifications.token", "RECONTACT_TOLUNA_NOTIFICATIONS_TOKEN");
  }

  @Override
  public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
    if (!environment.acceptsProfiles(Profiles.of("prod"))) {
      return;
    }
    List<String> missing = new ArrayList<>();
    REQUIRED.forEach((property, variable) -> {
      String value = environment.getProperty(property);
      if (value == null || value.isBlank()) {
        missing.add(variable + " (" + property + ")");
      }
    });
    if (!missing.isEmpty()) {
      throw new IllegalStateException("Profile 'prod' cannot start: set the environment variable(s) "
          + String.join(", ", missing) + ". See the configuration table in README.md.");
    }
    if (environment.getProperty("recontact.sandbox.enabled", Boolean.class, false)) {
      throw new IllegalStateException(
          "Profile 'prod' cannot start with recontact.sandbox.enabled=true: simulators and demo users are sandbox-only.");
    }
  }
}
