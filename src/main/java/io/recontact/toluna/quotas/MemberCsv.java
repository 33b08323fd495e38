package io.recontact.toluna.quotas;

import io.recontact.toluna.InviteOutcome;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import org.springframework.jdbc.core.RowCallbackHandler;

/**
 * Writes member rows as CSV ({@code member_code,state,reason_code,reason,outcome,outcome_at}, RFC 4180: a field with a comma, quote or
 * line break is quoted, quotes doubled; CRLF line ends) straight to the response as they are read.
 */
final class MemberCsv implements RowCallbackHandler {

  static final String HEADER = "member_code,state,reason_code,reason,outcome,outcome_at";

  private final Writer out;
  private final Duration expiry;
  private final OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
  private long rows;

  MemberCsv(Writer out, Duration expiry) throws IOException {
    this.out = out;
    this.expiry = expiry;
    out.write(HEADER);
    out.write("\r\n");
  }

  @Override
  public void processRow(ResultSet rs) throws SQLException {
    try {
      for (int column = 1; column <= 4; column++) {
        if (column > 1) {
          out.write(',');
        }
        out.write(escape(rs.getString(column)));
      }
      String[] outcome = outcome(rs);
      out.write(',');
      out.write(escape(outcome[0]));
      out.write(',');
      out.write(escape(outcome[1]));
      out.write("\r\n");
      rows++;
    } catch (IOException e) {
      // The client went away: stop reading rows.
      throw new UncheckedIOException(e);
    }
  }

  /**
   * The invite's outcome and its time: none without an invite; REVERSED (reconciliation time) for a reversed
   * COMPLETE; the stored outcome (Toluna's time); else EXPIRED (at the survey's closure or the invite's age limit,
   * whichever came first) or INVITED (the invite's time).
   */
  private String[] outcome(ResultSet rs) throws SQLException {
    OffsetDateTime invited = rs.getObject(5, OffsetDateTime.class);
    if (invited == null) {
      return new String[] {null, null};
    }
    String stored = rs.getString(6);
    OffsetDateTime reversed = rs.getObject(8, OffsetDateTime.class);
    if (stored != null) {
      return reversed != null ? new String[] {"REVERSED", time(reversed)}
          : new String[] {stored, time(rs.getObject(7, OffsetDateTime.class))};
    }
    OffsetDateTime closed = rs.getObject(9, OffsetDateTime.class);
    OffsetDateTime aged = invited.plus(expiry);
    if (closed != null || !aged.isAfter(now)) {
      OffsetDateTime at = closed == null || aged.isBefore(closed) ? aged : closed;
      return new String[] {InviteOutcome.EXPIRED.name(), time(at)};
    }
    return new String[] {InviteOutcome.INVITED.name(), time(invited)};
  }

  private static String time(OffsetDateTime at) {
    return at == null ? null : at.withOffsetSameInstant(ZoneOffset.UTC).toInstant().toString();
  }

  long rows() {
    return rows;
  }

  static String escape(String value) {
    if (value == null) {
      return "";
    }
    if (value.indexOf(',') < 0 && value.indexOf('"') < 0 && value.indexOf('\n') < 0 && value.indexOf('\r') < 0) {
      return value;
    }
    return '"' + value.replace("\"", "\"\"") + '"';
  }
}
