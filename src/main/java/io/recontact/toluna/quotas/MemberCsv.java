package io.recontact.toluna.quotas;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.sql.ResultSet;
import java.sql.SQLException;
import org.springframework.jdbc.core.RowCallbackHandler;

/**
 * Writes member rows as CSV ({@code member_code,state,reason_code,reason}, RFC 4180: a field with a comma, quote or
 * line break is quoted, quotes doubled; CRLF line ends) straight to the response as they are read.
 */
final class MemberCsv implements RowCallbackHandler {

  static final String HEADER = "member_code,state,reason_code,reason";

  private final Writer out;
  private long rows;

  MemberCsv(Writer out) throws IOException {
    this.out = out;
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
      out.write("\r\n");
      rows++;
    } catch (IOException e) {
      // The client went away: stop reading rows.
      throw new UncheckedIOException(e);
    }
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
