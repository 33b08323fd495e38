package io.recontact.logging;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * A respondent in a log line: logs cannot be rewritten when a respondent is erased, so an INFO+ line names an RSID,
 * member code or e-mail address only by this short hash (logging/PersonalDataLogTest). An operator who holds the
 * identifier can compute it to find the line; the line alone does not name the person.
 */
public final class Pseudonym {

  private Pseudonym() {
  }

  /** {@code #} and the first 12 hex digits of the identifier's SHA-256. */
  public static String of(String identifier) {
    if (identifier == null) {
      return "-";
    }
    try {
      byte[] hash = MessageDigest.getInstance("SHA-256").digest(identifier.getBytes(StandardCharsets.UTF_8));
      return "#" + HexFormat.of().formatHex(hash, 0, 6);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every JVM", e);
    }
  }
}
