package io.recontact.storage;

import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.List;
import org.springframework.jdbc.core.ConnectionCallback;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Bulk writes for the project's own tables (respondent files, upload batches, panel members), portable between H2
 * and PostgreSQL: multi-row {@code VALUES} statements, batched, so one round trip carries thousands of rows (the
 * PostgreSQL driver would otherwise send a JDBC batch row by row).
 */
public final class JdbcBatches {

  /** Statement executions per JDBC batch. */
  public static final int BATCH_SIZE = 5_000;

  private JdbcBatches() {
  }

  /** Sets the parameters of statement execution {@code index}. */
  public interface RowSetter {
    void set(PreparedStatement ps, int index) throws SQLException;
  }

  /** Sets one row's parameters from {@code p} on and returns the next free parameter index. */
  public interface RowBinder<T> {
    int bind(PreparedStatement ps, int p, int index, T row) throws SQLException;
  }

  /**
   * One prepared statement executed {@code executions} times, flushed every {@link #BATCH_SIZE}. Returns the rows
   * changed, as the driver counts them (an execution it reports without a count adds none).
   */
  public static int batch(JdbcTemplate jdbc, String sql, int executions, RowSetter setter) {
    if (executions == 0) {
      return 0;
    }
    return jdbc.execute((ConnectionCallback<Integer>) connection -> {
      int changed = 0;
      try (PreparedStatement ps = connection.prepareStatement(sql)) {
        for (int i = 0; i < executions; i++) {
          setter.set(ps, i);
          ps.addBatch();
          if ((i + 1) % BATCH_SIZE == 0 || i + 1 == executions) {
            for (int count : ps.executeBatch()) {
              changed += Math.max(count, 0);
            }
          }
        }
      }
      return changed;
    });
  }

  /**
   * Inserts {@code rows} with statements of {@code rowsPerStatement} tuples: {@code prefix} is
   * {@code insert into t (a, b) values }, {@code tuple} is {@code (?, ?)}.
   */
  public static <T> void multiRowInsert(JdbcTemplate jdbc, String prefix, String tuple, int rowsPerStatement,
      List<T> rows, RowBinder<T> binder) {
    multiRowInsert(jdbc, prefix, tuple, "", rowsPerStatement, rows, binder);
  }

  /**
   * {@link #multiRowInsert} with {@code suffix} after the tuples (e.g. {@code  on conflict do nothing}); returns the
   * rows inserted.
   */
  public static <T> int multiRowInsert(JdbcTemplate jdbc, String prefix, String tuple, String suffix,
      int rowsPerStatement, List<T> rows, RowBinder<T> binder) {
    int inserted = 0;
    int full = rows.size() / rowsPerStatement;
    if (full > 0) {
      inserted += batch(jdbc, prefix + tuples(tuple, rowsPerStatement) + suffix, full, (ps, s) -> bind(ps, rows,
          s * rowsPerStatement, (s + 1) * rowsPerStatement, binder));
    }
    int rest = rows.size() - full * rowsPerStatement;
    if (rest > 0) {
      inserted += batch(jdbc, prefix + tuples(tuple, rest) + suffix, 1, (ps, s) -> bind(ps, rows,
          full * rowsPerStatement, rows.size(), binder));
    }
    return inserted;
  }

  private static <T> void bind(PreparedStatement ps, List<T> rows, int from, int to, RowBinder<T> binder)
      throws SQLException {
    int p = 1;
    for (int r = from; r < to; r++) {
      p = binder.bind(ps, p, r, rows.get(r));
    }
  }

  static String tuples(String tuple, int n) {
    return tuple + (", " + tuple).repeat(n - 1);
  }
}
