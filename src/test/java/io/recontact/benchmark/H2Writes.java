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
    return info(jdbc, h2, "FILE_WRITE_BYTES");
  }

  /** Bytes read back from the file so far (pages its cache no longer held); 0 on another database. */
  public static long readBytes(JdbcTemplate jdbc, boolean h2) {
    return info(jdbc, h2, "FILE_READ_BYTES");
  }

  /** The page cache's size and hit ratio as H2 reports them ("" on another database). */
  public static String cache(JdbcTemplate jdbc, boolean h2) {
    if (!h2) {
      return "";
    }
    return String.format("page cache %d of %d MB, hit ratio %d %%, table-of-contents cache hit ratio %d %%",
        info(jdbc, true, "CACHE_SIZE"), info(jdbc, true, "CACHE_MAX_SIZE"), info(jdbc, true, "CACHE_HIT_RATIO"),
        info(jdbc, true, "TOC_CACHE_HIT_RATIO"));
  }

  private static long info(JdbcTemplate jdbc, boolean h2, String name) {
    if (!h2) {
      return 0;
    }
    String value = jdbc.queryForObject("select setting_value from information_schema.settings "
        + "where setting_name = ?", String.class, "info." + name);
    return value == null ? 0 : Long.parseLong(value);
  }
}
