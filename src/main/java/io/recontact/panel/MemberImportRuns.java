package io.recontact.panel;

import io.recontact.engine.Text;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/**
 * The progress rows of member imports ({@code panel_member_import}, V64): one per import, its counts written in the
 * transaction of each batch, so what the row says is what is stored. Counts only, never member codes.
 */
@Repository
class MemberImportRuns {

  enum State { RUNNING, DONE, FAILED }

  /** One import as GET shows it. */
  record Run(String importId, String format, State state, long rowsRead, long imported, long updated, long rejected,
      String message, OffsetDateTime startedAt, OffsetDateTime updatedAt, OffsetDateTime finishedAt) {
  }

  /** Totals so far. */
  record Counts(long rowsRead, long imported, long updated, long rejected) {
  }

  private static final String COLUMNS = "import_id, format, state, rows_read, imported, updated, rejected, message, "
      + "started_at, updated_at, finished_at";

  private final JdbcTemplate jdbc;

  MemberImportRuns(JdbcTemplate jdbc) {
    this.jdbc = jdbc;
  }

  /** A new RUNNING row, committed at once (auto-commit) so the import can be followed from its start. */
  String start(String format) {
    String id = UUID.randomUUID().toString();
    OffsetDateTime now = now();
    jdbc.update("insert into panel_member_import (import_id, format, state, rows_read, imported, updated, rejected, "
        + "started_at, updated_at) values (?, ?, ?, 0, 0, 0, 0, ?, ?)", id, format, State.RUNNING.name(), now, now);
    return id;
  }

  void progress(String id, Counts counts) {
    jdbc.update("update panel_member_import set rows_read = ?, imported = ?, updated = ?, rejected = ?, updated_at = ? "
        + "where import_id = ?", counts.rowsRead(), counts.imported(), counts.updated(), counts.rejected(), now(), id);
  }

  void finish(String id, State state, Counts counts, String message) {
    OffsetDateTime now = now();
    jdbc.update("update panel_member_import set state = ?, rows_read = ?, imported = ?, updated = ?, rejected = ?, "
        + "message = ?, updated_at = ?, finished_at = ? where import_id = ?", state.name(), counts.rowsRead(),
        counts.imported(), counts.updated(), counts.rejected(), message == null ? null : Text.abbreviate(message, 1000),
        now, now, id);
  }

  Optional<Run> find(String id) {
    return jdbc.query("select " + COLUMNS + " from panel_member_import where import_id = ?", (rs, i) -> run(rs), id)
        .stream().findFirst();
  }

  /** The newest imports first. */
  List<Run> recent(int limit) {
    return jdbc.query("select " + COLUMNS + " from panel_member_import order by started_at desc, import_id "
        + "limit ?", (rs, i) -> run(rs), limit);
  }

  private static Run run(java.sql.ResultSet rs) throws java.sql.SQLException {
    return new Run(rs.getString(1), rs.getString(2), State.valueOf(rs.getString(3)), rs.getLong(4), rs.getLong(5),
        rs.getLong(6), rs.getLong(7), rs.getString(8), rs.getObject(9, OffsetDateTime.class),
        rs.getObject(10, OffsetDateTime.class), rs.getObject(11, OffsetDateTime.class));
  }

  private static OffsetDateTime now() {
    return OffsetDateTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.MICROS);
  }
}
