package io.recontact.toluna;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Our invite id travels in the invite URL as a partner parameter; Toluna echoes the invite's query string (with the
 * parameters a partner appended) in a member status notification's {@code AdditionalData} (toluna-api §4.3, §10), so
 * a notification names the invite it belongs to. The id is a random UUID: no respondent identifier.
 */
public final class InviteLinks {

  /** The partner parameter appended to every invite URL. */
  public static final String PARAMETER = "rc_invite";
  private static final Pattern UUID = Pattern.compile(
      "[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");

  private InviteLinks() {
  }

  /** The URL with {@code rc_invite=<id>} appended (before a fragment, if any). */
  public static String withInviteId(String url, String inviteId) {
    int hash = url.indexOf('#');
    String base = hash < 0 ? url : url.substring(0, hash);
    String fragment = hash < 0 ? "" : url.substring(hash);
    String separator = base.indexOf('?') < 0 ? "?" : base.endsWith("?") || base.endsWith("&") ? "" : "&";
    return base + separator + PARAMETER + "=" + inviteId + fragment;
  }

  /**
   * Our invite id in {@code AdditionalData}: a query string, a whole URL or anything else; the first
   * {@code rc_invite} parameter that holds a UUID, lower-cased.
   */
  public static Optional<String> inviteIdIn(String additionalData) {
    if (additionalData == null || additionalData.isBlank()) {
      return Optional.empty();
    }
    String query = additionalData;
    int q = query.indexOf('?');
    if (q >= 0) {
      query = query.substring(q + 1);
    }
    for (String pair : query.split("[&;]")) {
      int eq = pair.indexOf('=');
      if (eq < 0) {
        continue;
      }
      String key = pair.substring(0, eq).trim();
      if (key.equalsIgnoreCase(PARAMETER)) {
        String value;
        try {
          value = URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8).trim();
        } catch (IllegalArgumentException e) {
          continue;
        }
        if (UUID.matcher(value).matches()) {
          return Optional.of(value.toLowerCase(java.util.Locale.ROOT));
        }
      }
    }
    return Optional.empty();
  }
}
