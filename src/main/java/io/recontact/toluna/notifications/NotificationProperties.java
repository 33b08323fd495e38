package io.recontact.toluna.notifications;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The shared secret Toluna sends with each notification (query parameter {@code token} in the URL an operator gives
 * Toluna, or header {@code X-Notification-Token}). Toluna documents no authentication, so the URL carries it. Blank =
 * the endpoints answer 503; {@code prod} refuses to start without it (ProdEnvironmentCheck).
 *
 * @param token secret in the notification URLs given to Toluna (docs/toluna-notifications.md); unset = the sandbox's
 *     {@code sandbox-notification-token}, required in {@code prod}
 */
@ConfigurationProperties("recontact.toluna.notifications")
public record NotificationProperties(String token) {

  public boolean configured() {
    return token != null && !token.isBlank();
  }

  /** Keeps the token out of logs and actuator output. */
  @Override
  public String toString() {
    return "NotificationProperties[token=" + (configured() ? "****" : "<unset>") + "]";
  }
}
