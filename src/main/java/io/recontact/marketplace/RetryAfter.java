package io.recontact.marketplace;

import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Collection;
import java.util.Map;

/** Reads a {@code Retry-After} header (delta seconds or HTTP date), whatever the header name's casing. */
public final class RetryAfter {

  private RetryAfter() {
  }

  public static Duration parse(Map<String, Collection<String>> headers) {
    if (headers == null) {
      return null;
    }
    for (Map.Entry<String, Collection<String>> header : headers.entrySet()) {
      if ("retry-after".equalsIgnoreCase(header.getKey()) && !header.getValue().isEmpty()) {
        return parse(header.getValue().iterator().next());
      }
    }
    return null;
  }

  static Duration parse(String value) {
    if (value == null || value.isBlank()) {
      return null;
    }
    String trimmed = value.trim();
    try {
      return Duration.ofSeconds(Math.max(0, Long.parseLong(trimmed)));
    } catch (NumberFormatException notSeconds) {
      try {
        Duration until = Duration.between(ZonedDateTime.now(),
            ZonedDateTime.parse(trimmed, DateTimeFormatter.RFC_1123_DATE_TIME));
        return until.isNegative() ? Duration.ZERO : until;
      } catch (DateTimeParseException notDate) {
        return null;
      }
    }
  }
}
