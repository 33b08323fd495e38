package io.recontact.toluna.notifications;

import java.util.Locale;
import java.util.Set;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The shared secret Toluna sends with each notification (query parameter {@code token} in the URL an operator gives
 * Toluna, or header {@code X-Notification-Token}). Toluna documents no authentication, so the URL carries it. Blank =
 * the endpoints answer 503; {@code prod} refuses to start without it (ProdEnvironmentCheck).
 *
 * @param token secret in the notification URLs given to Toluna (docs/toluna-notifications.md); unset = the sandbox's
 *     {@code sandbox-notification-token}, required in {@code prod}
 * @param encryption the {@code EncryptedValue} of member status notifications, as set in Toluna's panel settings
 * @param reconciliation the custom header Toluna sends with reconciliation notifications
 */
@ConfigurationProperties("recontact.toluna.notifications")
public record NotificationProperties(String token, @DefaultValue Encryption encryption,
    @DefaultValue Reconciliation reconciliation) {

  /** The algorithms Toluna offers for {@code EncryptedValue} (toluna-api §4.6); BASE64 STRING is not a check. */
  static final Set<String> ALGORITHMS = Set.of("HMAC-SHA256", "HMAC-SHA1", "HMAC-MD5", "SHA256", "SHA1", "MD5");

  public NotificationProperties {
    encryption = encryption == null ? new Encryption(null, null) : encryption;
    reconciliation = reconciliation == null ? new Reconciliation(null, null) : reconciliation;
  }

  public boolean configured() {
    return token != null && !token.isBlank();
  }

  /**
   * @param algorithm HMAC-SHA256 (Toluna's usual), HMAC-SHA1, HMAC-MD5, SHA256, SHA1 or MD5 over
   *     [SurveyID][WaveID][MemberCode]; blank = EncryptedValue is ignored
   * @param key the HMAC key set at Toluna (required for the HMAC algorithms)
   */
  public record Encryption(String algorithm, String key) {

    public Encryption {
      if (algorithm != null && !algorithm.isBlank()) {
        String a = algorithm.strip().toUpperCase(Locale.ROOT).replace('_', '-').replace(' ', '-');
        if (!ALGORITHMS.contains(a)) {
          throw new IllegalArgumentException("recontact.toluna.notifications.encryption.algorithm must be one of "
              + ALGORITHMS + ", not " + algorithm);
        }
        if (a.startsWith("HMAC") && (key == null || key.isEmpty())) {
          throw new IllegalArgumentException("recontact.toluna.notifications.encryption.key is required for " + a);
        }
        algorithm = a;
      } else {
        algorithm = null;
      }
    }

    public boolean enabled() {
      return algorithm != null;
    }

    @Override
    public String toString() {
      return "Encryption[algorithm=" + algorithm + ", key=" + (key == null || key.isEmpty() ? "<unset>" : "****")
          + "]";
    }
  }

  /**
   * @param headerName the custom header set at Toluna for reconciliation notifications; blank = they authenticate
   *     with the token like the others
   * @param headerValue its value (a secret)
   */
  public record Reconciliation(String headerName, String headerValue) {

    public Reconciliation {
      boolean named = headerName != null && !headerName.isBlank();
      boolean valued = headerValue != null && !headerValue.isBlank();
      if (named != valued) {
        throw new IllegalArgumentException("recontact.toluna.notifications.reconciliation: set both header-name "
            + "and header-value, or neither");
      }
    }

    public boolean configured() {
      return headerName != null && !headerName.isBlank();
    }

    @Override
    public String toString() {
      return "Reconciliation[headerName=" + headerName + ", headerValue=" + (configured() ? "****" : "<unset>") + "]";
    }
  }

  /** Keeps the secrets out of logs and actuator output. */
  @Override
  public String toString() {
    return "NotificationProperties[token=" + (configured() ? "****" : "<unset>") + ", encryption=" + encryption
        + ", reconciliation=" + reconciliation + "]";
  }
}
