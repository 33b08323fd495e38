package io.recontact.toluna.delivery;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/** {@code X-Recontact-Signature: sha256=<lower-case hex HMAC-SHA256 of the exact body bytes>}. */
public final class WebhookSignature {

  public static final String HEADER = "X-Recontact-Signature";
  public static final String PREFIX = "sha256=";

  private WebhookSignature() {
  }

  /** The header value for {@code body} signed with {@code secret} (UTF-8 bytes of the secret are the key). */
  public static String sign(String secret, byte[] body) {
    if (secret == null || secret.isEmpty()) {
      throw new IllegalArgumentException("the webhook secret is not set");
    }
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
      return PREFIX + HexFormat.of().formatHex(mac.doFinal(body));
    } catch (NoSuchAlgorithmException | InvalidKeyException e) {
      throw new IllegalStateException("HmacSHA256 is not available", e);
    }
  }

  /** Constant-time comparison of a received header with the expected one; false for a missing header. */
  public static boolean verify(String secret, byte[] body, String header) {
    if (header == null) {
      return false;
    }
    return MessageDigest.isEqual(sign(secret, body).getBytes(StandardCharsets.US_ASCII),
        header.strip().toLowerCase(Locale.ROOT).getBytes(StandardCharsets.US_ASCII));
  }
}
