package io.recontact.storage;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import org.postgresql.PGStatement;
import org.springframework.jdbc.core.ConnectionCallback;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowCallbackHandler;

/**
 * Look-ups of many keys of one table: rows whose leading key columns have fixed values and whose last key column is
 * one of {@code values}, in the form each database answers from the key. PostgreSQL gets {@code last = any(?)} with
 * one array parameter: a row-value {@code IN} of a thousand tuples took it hundreds of milliseconds per statement to
 * plan (a quota's fetch of 100,000 codes: 46 s). H2 gets the row-value {@code IN}: it looks each tuple up in the key,
 * while {@code = any(?)} made it read every row with the leading values (about 0.5 s per statement at 100,000).
 * On PostgreSQL the statement is never prepared on the server: a pooled connection would keep one generic plan for
 * it, made while the table was still small, and the array's size and values would never be planned for again (the
 * quota benchmark: a fetch's "already stored?" look-ups 16 s instead of 0.3 s on whichever connection planned early).
 */
public final class ArrayLookups {

  private ArrayLookups() {
  }

  /**
   * Runs {@code select} (ending in {@code where}) with the condition appended: {@code fixedColumns} equal to
   * {@code fixedValues}, {@code column} among {@code values}. Column names are the caller's constants, never input.
   */
  public static void query(JdbcTemplate jdbc, String select, List<String> fixedColumns, List<?> fixedValues,
      String column, Collection<String> values, RowCallbackHandler rows) {
    if (values.isEmpty()) {
      return;
    }
    jdbc.query(connection -> statement(connection, select, fixedColumns, fixedValues, column, values), rows);
  }

  /**
   * Values per IN list of parameters for a look-up whose rows are mostly found: 1,000 on PostgreSQL (well below its
   * bind-parameter limit), 100 on H2, which checks each row an index finds against the whole list, value by value (at
   * 1,000 that check was 2.5 s of CPU while a quota's sampling read 100,000 members and their answers; issue 20).
   */
  public static int inListSize(JdbcTemplate jdbc) {
    return postgres(jdbc) ? 1_000 : 100;
  }

  /** Whether {@code jdbc} talks to PostgreSQL (otherwise: H2). */
  public static boolean postgres(JdbcTemplate jdbc) {
    return Boolean.TRUE.equals(jdbc.execute((ConnectionCallback<Boolean>) ArrayLookups::postgres));
  }

  private static boolean postgres(Connection connection) throws SQLException {
    return connection.getMetaData().getDatabaseProductName().toLowerCase(Locale.ROOT).contains("postgres");
  }

  private static PreparedStatement statement(Connection connection, String select, List<String> fixedColumns,
      List<?> fixedValues, String column, Collection<String> values) throws SQLException {
    if (postgres(connection)) {
      PreparedStatement ps = connection.prepareStatement(select + " " + String.join(" = ? and ", fixedColumns)
          + " = ? and " + column + " = any(?)");
      int p = 1;
      for (Object value : fixedValues) {
        ps.setObject(p++, value);
      }
      ps.setArray(p, connection.createArrayOf("varchar", values.toArray()));
      ps.unwrap(PGStatement.class).setPrepareThreshold(0);
      return ps;
    }
    List<String> columns = new ArrayList<>(fixedColumns);
    columns.add(column);
    String tuple = "(" + "?, ".repeat(fixedColumns.size()) + "?)";
    PreparedStatement ps = connection.prepareStatement(select + " (" + String.join(", ", columns) + ") in ("
        + (tuple + ", ").repeat(values.size() - 1) + tuple + ")");
    int p = 1;
    for (String value : values) {
      for (Object fixed : fixedValues) {
        ps.setObject(p++, fixed);
      }
      ps.setString(p++, value);
    }
    return ps;
  }
}
