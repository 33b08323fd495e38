package io.recontact.cint;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Cint's webhook signature: {@code Cint-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256>} over {@code <t>.<body>}
 * with the subscription's secret (its text, as Cint's {@code openssl dgst -hmac $SECRET} example uses it).
 */
public final class CintSignature {

  /** Why a signature was refused, or null when it holds. */
  public record Check(String refusal, long timestamp) {
    public boolean valid() {
      return refusal == null;
    }
  }

  private CintSignature() {
  }

  public static String header(String secret, long timestamp, String body) {
    return "t=" + timestamp + ",v1=" + hmac(secret, timestamp + "." + body);
  }

  public static Check check(String header, String body, String secret, Duration tolerance, Instant now) {
    if (header == null || header.isBlank()) {
      return new Check("the Cint-Signature header is missing", 0);
    }
    Long t = null;
    String v1 = null;
    for (String part : header.split(",")) {
      String[] kv = part.trim().split("=", 2);
      if (kv.length == 2 && "t".equals(kv[0])) {
        try {
          t = Long.parseLong(kv[1].trim());
        } catch (NumberFormatException e) {
          return new Check("the Cint-Signature timestamp t is not a number", 0);
        }
      } else if (kv.length == 2 && "v1".equals(kv[0])) {
        v1 = kv[1].trim();
      }
    }
    if (t == null || v1 == null) {
      return new Check("the Cint-Signature header needs t=<unix seconds>,v1=<hex HMAC-SHA256>", 0);
    }
    if (Math.abs(now.getEpochSecond() - t) > tolerance.toSeconds()) {
      return new Check("the Cint-Signature timestamp is " + (now.getEpochSecond() - t) + " s from now, more than "
          + tolerance.toSeconds() + " s", t);
    }
    byte[] expected = hmac(secret, t + "." + body).getBytes(StandardCharsets.US_ASCII);
    if (!MessageDigest.isEqual(expected, v1.toLowerCase(java.util.Locale.ROOT).getBytes(StandardCharsets.US_ASCII))) {
      return new Check("the Cint-Signature does not match the body", t);
    }
    return new Check(null, t);
  }

  static String hmac(String secret, String payload) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
      return HexFormat.of().formatHex(mac.doFinal(payload.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException | InvalidKeyException e) {
      throw new IllegalStateException(e);
    }
  }
}
