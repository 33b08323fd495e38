package io.recontact.governance.erasure;

import java.util.ArrayList;
import java.util.List;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Masks a respondent's identifier inside a free-text column, in any letter case, row by row: the rows are found
 * with {@code lower(column) like}, the text is rewritten in Java (SQL's REPLACE is case-sensitive and its
 * case-insensitive forms differ between H2 and PostgreSQL).
 */
public final class TextMasking {

  private TextMasking() {
  }

  /**
   * Masks the identifier in {@code table.column} where it occurs; rows are addressed by {@code keys} (the primary
   * key columns, at least one). Returns the rows rewritten. Names come from code, never from a request.
   */
  public static int mask(JdbcTemplate jdbc, String table, String column, Respondent respondent, String... keys) {
    return maskAlsoSetting(jdbc, table, column, respondent, null, keys);
  }

  /** As {@link #mask(JdbcTemplate, String, String, Respondent, String...)}, also setting {@code alsoSet} if given. */
  public static int maskAlsoSetting(JdbcTemplate jdbc, String table, String column, Respondent respondent,
      String alsoSet, String... keys) {
    String keyList = String.join(", ", keys);
    List<Object[]> rows = new ArrayList<>();
    jdbc.query("select " + keyList + ", " + column + " from " + table + " where lower(" + column
        + ") like ? escape '!'", rs -> {
          Object[] row = new Object[keys.length + 1];
          for (int k = 0; k < keys.length; k++) {
            row[k + 1] = rs.getObject(k + 1);
          }
          row[0] = respondent.maskIn(rs.getString(keys.length + 1));
          rows.add(row);
        }, respondent.likePattern());
    String where = String.join(" and ", java.util.Arrays.stream(keys).map(k -> k + " = ?").toList());
    int changed = 0;
    for (Object[] row : rows) {
      changed += jdbc.update("update " + table + " set " + column + " = ?"
          + (alsoSet == null ? "" : ", " + alsoSet) + " where " + where, row);
    }
    return changed;
  }
}
