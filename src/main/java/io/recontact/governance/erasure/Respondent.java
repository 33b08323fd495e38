package io.recontact.governance.erasure;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A respondent named for erasure: a Cint respondent ID (RSID, a UUID, compared lower case as the respondent files
 * store it) or a Toluna member code (our panel's member code, compared as given). Its {@link #hash()} is what stays
 * after erasure (suppression, audit, ledger tombstones); the identifier itself goes everywhere.
 */
public record Respondent(String marketplace, String id) {

  public static final String CINT = "cint";
  public static final String TOLUNA = "toluna";
  public static final List<String> MARKETPLACES = List.of(CINT, TOLUNA);
  /** toluna_quota_member.member_code and the other member code columns hold at most 256 characters. */
  public static final int MAX_MEMBER_CODE = 256;

  public Respondent {
    if (!MARKETPLACES.contains(marketplace)) {
      throw new IllegalArgumentException("marketplace must be one of " + MARKETPLACES);
    }
  }

  /**
   * The respondent of an API path; {@link IllegalArgumentException} with a message for the caller (never echoing the
   * identifier) when the marketplace is unknown or the identifier is not one of its kind.
   */
  public static Respondent of(String marketplace, String id) {
    String market = marketplace == null ? "" : marketplace.strip().toLowerCase(Locale.ROOT);
    if (!MARKETPLACES.contains(market)) {
      throw new IllegalArgumentException("marketplace must be one of " + MARKETPLACES + " (cint: a respondent ID "
          + "(RSID), toluna: a member code)");
    }
    String value = id == null ? "" : id.strip();
    if (value.isEmpty()) {
      throw new IllegalArgumentException("the respondent identifier is blank");
    }
    if (CINT.equals(market)) {
      if (!isUuid(value)) {
        throw new IllegalArgumentException("a Cint respondent ID (RSID) is a UUID (36 characters, 8-4-4-4-12 hex "
            + "digits)");
      }
      return new Respondent(market, value.toLowerCase(Locale.ROOT));
    }
    if (value.length() > MAX_MEMBER_CODE || value.chars().anyMatch(Character::isISOControl)) {
      throw new IllegalArgumentException("a Toluna member code has 1 to " + MAX_MEMBER_CODE + " characters and no "
          + "control characters");
    }
    return new Respondent(market, value);
  }

  /** SHA-256 hex of {@code "<marketplace>:<id>"}, the key of {@code erased_respondent}. */
  public String hash() {
    return hash(marketplace, id);
  }

  public static String hash(String marketplace, String id) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
          .digest((marketplace + ":" + id).getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /** What replaces the identifier in rows that stay (ledger, outcomes, invites): {@code erased:<hash>}. */
  public String tombstone() {
    return "erased:" + hash();
  }

  /**
   * The identifier with every letter and digit replaced by {@code 0}, punctuation kept: same length and, for ASCII
   * identifiers, same bytes, so a masked respondent-file page keeps its byte counts and a masked serialized value
   * stays readable. An RSID becomes the nil UUID, which is nobody.
   */
  public String mask() {
    StringBuilder masked = new StringBuilder(id.length());
    id.codePoints().forEach(c -> masked.appendCodePoint(Character.isLetterOrDigit(c) ? '0' : c));
    return masked.toString();
  }

  /** True when {@code text} holds the identifier in any letter case. */
  public boolean foundIn(String text) {
    return text != null && pattern().matcher(text).find();
  }

  /** {@code text} with every occurrence of the identifier (any letter case) {@link #mask() masked}. */
  public String maskIn(String text) {
    return text == null ? null : pattern().matcher(text).replaceAll(Matcher.quoteReplacement(mask()));
  }

  /** A LIKE pattern for {@code lower(column) like ? escape '!'}: the identifier anywhere, wildcards escaped. */
  public String likePattern() {
    String lower = id.toLowerCase(Locale.ROOT).replace("!", "!!").replace("%", "!%").replace("_", "!_");
    return "%" + lower + "%";
  }

  private Pattern pattern() {
    return Pattern.compile(Pattern.quote(id), Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);
  }

  private static boolean isUuid(String s) {
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

  /** Never the identifier: records end up in logs and exception messages. */
  @Override
  public String toString() {
    return marketplace + " respondent " + hash().substring(0, 12);
  }
}
