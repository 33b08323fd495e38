package io.recontact.storage;

import static org.assertj.core.api.Assertions.assertThat;

import io.recontact.benchmark.BenchmarkReport;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Comparator;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * What an UPDATE costs the embedded H2 (2.3, a file database written at each commit, as the product runs it) with and
 * without a second index whose columns the UPDATE leaves alone: H2 executes an UPDATE as the old row removed from every
 * index and the new one added to every index ({@code Table.updateRows}), so an index costs an update its entries
 * whatever columns change. 100,000 rows, updated by key in transactions of 125 (as the invite outbox's claims are).
 * Prints figures (time and bytes written, each against the table without the index), asserts only the row counts.
 * docs/toluna-benchmark.md, issue 20's twelfth pass.
 */
@Tag("benchmark")
class H2UpdateCostBenchmark {

  static final int ROWS = Integer.getInteger("benchmark.rows", 100_000);
  static final int PER_COMMIT = 125;
  static final int ROUNDS = 3;

  /** Sets columns outside the second index (as a claim sets its lease). */
  static final String UNINDEXED = "update t set attempts = attempts + 1, note = 'x' where id = ?";

  enum Variant {
    NO_SECOND_INDEX("no second index", UNINDEXED),
    UNCHANGED_INDEX("second index, columns unchanged", UNINDEXED),
    CHANGED_INDEX("second index, a column changed", "update t set attempts = attempts + 1, state = 'DONE' "
        + "where id = ?");

    final String label;
    final String update;

    Variant(String label, String update) {
      this.label = label;
      this.update = update;
    }
  }

  @Test
  void run() throws Exception {
    Path dir = Files.createTempDirectory("h2-update-cost");
    Report report = new Report();
    try {
      for (int round = 1; round <= ROUNDS; round++) {
        long[][] figures = new long[Variant.values().length][];
        for (Variant variant : Variant.values()) {
          figures[variant.ordinal()] = measure(dir.resolve(variant.name() + round), variant);
        }
        report.round(round, figures);
      }
    } finally {
      try (Stream<Path> files = Files.walk(dir)) {
        for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
          Files.delete(file);
        }
      }
    }
    report.write();
  }

  /** {milliseconds, bytes written} of the update phase. */
  private static long[] measure(Path file, Variant variant) throws SQLException {
    try (Connection c = DriverManager.getConnection("jdbc:h2:file:" + file + ";WRITE_DELAY=0")) {
      try (Statement s = c.createStatement()) {
        s.execute("create table t (id varchar(36) primary key, panel_guid varchar(36) not null, quota_id bigint not "
            + "null, state varchar(16) not null, attempts int not null, note varchar(100))");
        if (variant != Variant.NO_SECOND_INDEX) {
          s.execute("create index t_due on t (panel_guid, quota_id, state, id)");
        }
      }
      c.setAutoCommit(false);
      try (PreparedStatement insert = c.prepareStatement("insert into t values (?, "
          + "'4f6c9e1a-0b2d-4c8e-9a7f-3d5b1e2c4a60', 7, 'PENDING', 0, null)")) {
        batches(c, insert, 1_000);
      }
      long written = written(c);
      long started = System.nanoTime();
      int updated;
      try (PreparedStatement update = c.prepareStatement(variant.update)) {
        updated = batches(c, update, PER_COMMIT);
      }
      long millis = (System.nanoTime() - started) / 1_000_000;
      assertThat(updated).as(variant.label).isEqualTo(ROWS);
      return new long[] {millis, written(c) - written};
    }
  }

  private static int batches(Connection c, PreparedStatement statement, int perCommit) throws SQLException {
    int changed = 0;
    for (int i = 0; i < ROWS; i++) {
      statement.setString(1, String.format("%036d", i));
      statement.addBatch();
      if ((i + 1) % perCommit == 0 || i == ROWS - 1) {
        for (int count : statement.executeBatch()) {
          changed += count;
        }
        c.commit();
      }
    }
    return changed;
  }

  private static long written(Connection c) throws SQLException {
    try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("select setting_value from "
        + "information_schema.settings where setting_name = 'info.FILE_WRITE_BYTES'")) {
      return rs.next() ? Long.parseLong(rs.getString(1)) : 0;
    }
  }

  private static final class Report extends BenchmarkReport {

    Report() {
      line("H2 update cost, %,d rows updated by key, %d per commit, H2 file database (WRITE_DELAY=0)", ROWS,
          PER_COMMIT);
      line("%-6s %-34s %10s %12s %8s %8s", "round", "table", "time", "written", "time x", "bytes x");
    }

    void round(int round, long[][] figures) {
      long[] base = figures[Variant.NO_SECOND_INDEX.ordinal()];
      for (Variant variant : Variant.values()) {
        long[] f = figures[variant.ordinal()];
        line("%-6d %-34s %10s %9.1f MB %8.2f %8.2f", round, variant.label, ms(f[0]), f[1] / 1e6,
            (double) f[0] / base[0], (double) f[1] / base[1]);
      }
    }

    void write() throws IOException {
      System.out.print(report);
      Path out = Path.of("target/benchmark/h2-update-cost.txt");
      Files.createDirectories(out.getParent());
      Files.writeString(out, report);
    }
  }
}
