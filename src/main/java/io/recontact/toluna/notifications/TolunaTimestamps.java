package io.recontact.toluna.notifications;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Toluna's notification timestamps: {@code 2018-10-22 19:58:42.99 +00:00} (quota status, 0–7 fractional digits),
 * {@code 2014-09-11 16:06:27} (survey closed, UTC) and ISO-8601 ({@code 2018-10-22T19:58:42.99Z}). No offset means UTC,
 * as the field names say. Results are truncated to microseconds, the precision the database stores, so a redelivered
 * notification compares equal to the stored one.
 */
final class TolunaTimestamps {

  private static final Pattern FORM = Pattern.compile(
      "(\\d{4}-\\d{2}-\\d{2})[Tt ](\\d{2}:\\d{2}:\\d{2})(?:[.,](\\d{1,9}))?\\s*(Z|z|[+-]\\d{2}(?::?\\d{2})?)?");

  private TolunaTimestamps() {}

  static Optional<OffsetDateTime> parse(String text) {
    if (text == null) {
      return Optional.empty();
    }
    Matcher m = FORM.matcher(text.trim());
    if (!m.matches()) {
      return Optional.empty();
    }
    try {
      LocalTime time = LocalTime.parse(m.group(2));
      if (m.group(3) != null) {
        time = time.withNano(Integer.parseInt((m.group(3) + "00000000").substring(0, 9)));
      }
      ZoneOffset offset = m.group(4) == null ? ZoneOffset.UTC : ZoneOffset.of(m.group(4).toUpperCase());
      return Optional.of(OffsetDateTime.of(LocalDate.parse(m.group(1)), time, offset)
          .withOffsetSameInstant(ZoneOffset.UTC).truncatedTo(ChronoUnit.MICROS));
    } catch (DateTimeException e) {
      return Optional.empty();
    }
  }
}
