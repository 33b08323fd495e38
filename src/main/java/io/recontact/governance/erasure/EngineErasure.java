package io.recontact.governance.erasure;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.Types;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.springframework.jdbc.core.ConnectionCallback;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Camunda's tables ({@code ACT_*}): the project keeps identifiers out of variables, incident messages and history,
 * so this step mostly proves their absence. It searches every character column of every engine table with an
 * {@code ID_} key (runtime and history variables, task-local ones, history details, incident and job messages, the
 * user operation log, comments...) and every byte array that is not a deployed resource, and masks what it finds
 * ({@link Respondent#mask()}: same length, so a serialized value stays readable). A changed row's {@code REV_} goes
 * up, so an engine command that read it before fails its optimistic lock and reads again instead of writing the
 * identifier back. Places are reported only where something was found ({@code ACT_...} tables are many).
 */
@Component
class EngineErasure implements ErasureStep {

  static final String BYTE_ARRAYS = "ACT_GE_BYTEARRAY";
  private static final Set<Integer> TEXT = Set.of(Types.VARCHAR, Types.CHAR, Types.LONGVARCHAR, Types.CLOB,
      Types.NVARCHAR, Types.NCHAR, Types.LONGNVARCHAR, Types.NCLOB);

  /** A character column of an engine table with an ID_ key; rev: whether the table has REV_. */
  record Column(String table, String column, boolean rev) {
  }

  private final JdbcTemplate jdbc;
  private volatile List<Column> columns;

  EngineErasure(JdbcTemplate jdbc) {
    this.jdbc = jdbc;
  }

  @Override
  public Map<String, Integer> erase(Respondent respondent) {
    Map<String, Integer> places = new LinkedHashMap<>();
    for (Column c : columns()) {
      int n = TextMasking.maskAlsoSetting(jdbc, c.table(), c.column(), respondent, c.rev() ? "REV_ = REV_ + 1" : null, "ID_");
      if (n > 0) {
        places.merge(c.table().toUpperCase(Locale.ROOT) + "." + c.column().toUpperCase(Locale.ROOT), n,
            Integer::sum);
      }
    }
    places.put(BYTE_ARRAYS, byteArrays(respondent));
    return places;
  }

  /**
   * Byte arrays outside deployments (serialized and long variable values, exception stack traces, attachments),
   * read one at a time. ASCII identifiers are matched in the raw bytes (ISO-8859-1 keeps one char per byte, so the
   * masked array has the same length); others in the UTF-8 text.
   */
  private int byteArrays(Respondent respondent) {
    boolean ascii = StandardCharsets.US_ASCII.newEncoder().canEncode(respondent.id());
    Charset charset = ascii ? StandardCharsets.ISO_8859_1 : StandardCharsets.UTF_8;
    Map<String, byte[]> masked = new LinkedHashMap<>();
    jdbc.query("select ID_, BYTES_ from " + BYTE_ARRAYS + " where DEPLOYMENT_ID_ is null and BYTES_ is not null",
        rs -> {
          byte[] bytes = rs.getBytes(2);
          String text = new String(bytes, charset);
          if (respondent.foundIn(text)) {
            masked.put(rs.getString(1), respondent.maskIn(text).getBytes(charset));
          }
        });
    masked.forEach((id, bytes) -> jdbc.update("update " + BYTE_ARRAYS + " set BYTES_ = ?, REV_ = REV_ + 1 "
        + "where ID_ = ?", bytes, id));
    return masked.size();
  }

  /** The engine's character columns, read from the database's metadata once (the schema does not change). */
  List<Column> columns() {
    List<Column> known = columns;
    if (known == null) {
      known = jdbc.execute((ConnectionCallback<List<Column>>) connection -> {
        DatabaseMetaData meta = connection.getMetaData();
        String schema = connection.getSchema();
        Map<String, List<String[]>> byTable = new LinkedHashMap<>();
        try (ResultSet rs = meta.getColumns(connection.getCatalog(), schema, "%", "%")) {
          while (rs.next()) {
            String table = rs.getString("TABLE_NAME");
            if (table.toUpperCase(Locale.ROOT).startsWith("ACT_")) {
              byTable.computeIfAbsent(table, t -> new ArrayList<>()).add(new String[] {rs.getString("COLUMN_NAME"),
                  String.valueOf(rs.getInt("DATA_TYPE"))});
            }
          }
        }
        List<Column> found = new ArrayList<>();
        byTable.forEach((table, cols) -> {
          boolean id = cols.stream().anyMatch(c -> c[0].equalsIgnoreCase("ID_"));
          boolean rev = cols.stream().anyMatch(c -> c[0].equalsIgnoreCase("REV_"));
          for (String[] c : cols) {
            if (id && TEXT.contains(Integer.parseInt(c[1])) && !c[0].equalsIgnoreCase("ID_")) {
              found.add(new Column(table, c[0], rev));
            }
          }
        });
        return List.copyOf(found);
      });
      columns = known;
    }
    return known;
  }
}
