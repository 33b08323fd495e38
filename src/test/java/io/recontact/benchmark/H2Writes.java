package io.recontact.benchmark;

import org.springframework.jdbc.core.JdbcTemplate;

/**
 * What H2 has written to its file since it opened ({@code info.FILE_WRITE_BYTES}): the database's write volume, which
 * repeats from run to run where CPU time does not, so a change to what is written shows in it at once.
 */
public final class H2Writes {

  private H2Writes() {
  }

  /** Bytes written so far; 0 on another database. */
  public static long bytes(JdbcTemplate jdbc, boolean h2) {
    if (!h2) {
      return 0;
    }
    String value = jdbc.queryForObject("select setting_value from information_schema.settings "
        + "where setting_name = 'info.FILE_WRITE_BYTES'", String.class);
    return value == null ? 0 : Long.parseLong(value);
  }
}
