package io.recontact.governance;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;

/**
 * The one form of a respondent identifier the governance tables hold, and its hash. Cint RSIDs are UUIDs, stored
 * lower-case like the respondent files store them; RIDs and member codes are exact. The hash, SHA-256 hex of
 * {@code <marketplace>:<id>}, names a respondent without the identifier (erasure keeps only the hash).
 */
public final class RespondentIds {

  /** The longest identifier: member codes are up to 256 characters in Toluna's tables, RIDs up to 128. */
  public static final int MAX_LENGTH = 256;

  private RespondentIds() {
  }

  /** The stored form, or null when {@code id} is blank, too long or holds a control character. */
  public static String normalise(Marketplace marketplace, String id) {
    if (id == null) {
      return null;
    }
    String trimmed = id.strip();
    if (trimmed.isEmpty() || trimmed.length() > MAX_LENGTH || trimmed.chars().anyMatch(Character::isISOControl)) {
      return null;
    }
    return marketplace == Marketplace.CINT && isUuid(trimmed) ? trimmed.toLowerCase(Locale.ROOT) : trimmed;
  }

  public static String hash(Marketplace marketplace, String normalisedId) {
    try {
      MessageDigest digest = MessageDigest.getInstance("SHA-256");
      return HexFormat.of().formatHex(digest.digest((marketplace.path() + ":" + normalisedId)
          .getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every JRE", e);
    }
  }

  static boolean isUuid(String s) {
    if (s.length() != 36) {
      return false;
    }
    for (int i = 0; i < 36; i++) {
      char c = s.charAt(i);
      boolean dash = i == 8 || i == 13 || i == 18 || i == 23;
      if (dash ? c != '-' : Character.digit(c, 16) < 0) {
        return false;
      }
    }
    return true;
  }
}
