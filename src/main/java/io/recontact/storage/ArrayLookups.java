package io.recontact.storage;

import java.sql.PreparedStatement;
import java.util.Collection;
import java.util.List;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowCallbackHandler;

/**
 * Look-ups of many keys with one array parameter ({@code ... and member_code = any(?)}), on H2 and PostgreSQL. A
 * row-value {@code IN} of a thousand tuples took PostgreSQL hundreds of milliseconds per statement to plan (a quota's
 * fetch of 100,000 codes: 46 s); {@code = any(?)} is one index condition there, and H2 looks each element up too.
 */
public final class ArrayLookups {

  private ArrayLookups() {
  }

  /** Runs {@code sql} with {@code args} bound first and {@code values} as the last parameter, a varchar array. */
  public static void query(JdbcTemplate jdbc, String sql, List<?> args, Collection<String> values,
      RowCallbackHandler rows) {
    jdbc.query(connection -> {
      PreparedStatement ps = connection.prepareStatement(sql);
      int p = 1;
      for (Object arg : args) {
        ps.setObject(p++, arg);
      }
      ps.setArray(p, connection.createArrayOf("varchar", values.toArray()));
      return ps;
    }, rows);
  }
}
