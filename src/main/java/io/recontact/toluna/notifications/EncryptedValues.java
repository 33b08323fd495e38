package io.recontact.toluna.notifications;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Locale;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Toluna's {@code EncryptedValue} of a member status notification (toluna-api §4.6): the configured algorithm over
 * {@code [SurveyID][WaveID][MemberCode]} (UTF-8), as hex (compared ignoring case; Toluna's documented vector is
 * lower case). Only the HMAC forms prove anything, as the plain digests need no key.
 */
final class EncryptedValues {

  private EncryptedValues() {
  }

  static String expected(NotificationProperties.Encryption encryption, long surveyId, Long waveId,
      String memberCode) {
    byte[] input = (surveyId + (waveId == null ? "" : Long.toString(waveId)) + memberCode)
        .getBytes(StandardCharsets.UTF_8);
    try {
      byte[] digest;
      String algorithm = encryption.algorithm();
      if (algorithm.startsWith("HMAC-")) {
        String mac = "Hmac" + algorithm.substring(5);
        Mac hmac = Mac.getInstance(mac);
        hmac.init(new SecretKeySpec(encryption.key().getBytes(StandardCharsets.UTF_8), mac));
        digest = hmac.doFinal(input);
      } else {
        digest = MessageDigest.getInstance(algorithm.equals("SHA256") ? "SHA-256" : algorithm.equals("SHA1")
            ? "SHA-1" : algorithm).digest(input);
      }
      return HexFormat.of().formatHex(digest);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(encryption.algorithm() + " is part of every Java runtime", e);
    }
  }

  /** Refuses (401) a notification whose EncryptedValue is missing or wrong while an algorithm is configured. */
  static void verify(NotificationProperties.Encryption encryption, NotificationBody body, long surveyId, Long waveId,
      String memberCode) {
    if (!encryption.enabled()) {
      return;
    }
    String given = body.optionalText("EncryptedValue");
    if (given == null || given.isBlank()) {
      throw new NotificationRejected(401, "EncryptedValue is missing; this server checks it ("
          + encryption.algorithm() + " over [SurveyID][WaveID][MemberCode])");
    }
    String expected = expected(encryption, surveyId, waveId, memberCode);
    if (!NotificationController.sameSecret(given.strip().toLowerCase(Locale.ROOT), expected)) {
      throw new NotificationRejected(401, "EncryptedValue does not match " + encryption.algorithm()
          + " over [SurveyID][WaveID][MemberCode] with the configured key");
    }
  }
}
