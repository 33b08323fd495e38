package io.recontact.config;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
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
    // Incentive payouts go to the panel's rewards system (docs/toluna-incentives.md).
    REQUIRED.put("recontact.toluna.incentives.payout.url", "RECONTACT_TOLUNA_INCENTIVES_PAYOUT_URL");
    REQUIRED.put("recontact.toluna.incentives.payout.secret", "RECONTACT_TOLUNA_INCENTIVES_PAYOUT_SECRET");
  }

  /** Invite delivery: what the chosen channel (recontact.toluna.delivery.channel) needs. */
  static final Map<String, Map<String, String>> REQUIRED_BY_CHANNEL = Map.of(
      "webhook", Map.of(
          "recontact.toluna.delivery.webhook.url", "RECONTACT_TOLUNA_DELIVERY_WEBHOOK_URL",
          "recontact.toluna.delivery.webhook.secret", "RECONTACT_TOLUNA_DELIVERY_WEBHOOK_SECRET"),
      "email", Map.of("spring.mail.host", "SPRING_MAIL_HOST"));

  @Override
  public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
    if (!environment.acceptsProfiles(Profiles.of("prod"))) {
      return;
    }
    List<String> missing = new ArrayList<>();
    Map<String, String> required = new LinkedHashMap<>(REQUIRED);
    String channel = environment.getProperty("recontact.toluna.delivery.channel", "webhook").strip()
        .toLowerCase(Locale.ROOT);
    required.putAll(new TreeMap<>(REQUIRED_BY_CHANNEL.getOrDefault(channel, Map.of())));
    required.forEach((property, variable) -> {
      String value = environment.getProperty(property);
      if (value == null || value.isBlank()) {
        missing.add(variable + " (" + property + ")");
      }
    });
    if (!missing.isEmpty()) {
      throw new IllegalStateException("Profile 'prod' cannot start: set the environment variable(s) "
          + String.join(", ", missing) + ". See the property table in docs/configuration.md.");
    }
    if (environment.getProperty("recontact.sandbox.enabled", Boolean.class, false)) {
      throw new IllegalStateException(
          "Profile 'prod' cannot start with recontact.sandbox.enabled=true: simulators and demo users are sandbox-only.");
    }
  }
}
