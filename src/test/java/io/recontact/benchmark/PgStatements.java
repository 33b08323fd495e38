package io.recontact.benchmark;

import io.recontact.EmbeddedPostgresDatabase;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The embedded PostgreSQL's statement counts for a benchmark's measured run, when the server loaded
 * {@code pg_stat_statements} ({@code -Dbenchmark.pgStatements=true}, {@link EmbeddedPostgresDatabase}); no-ops
 * otherwise.
 */
public final class PgStatements {

  private PgStatements() {
  }

  /** Counts from here on. */
  public static void reset(JdbcTemplate jdbc, boolean postgres) {
    if (postgres && EmbeddedPostgresDatabase.STATEMENTS) {
      jdbc.queryForList("select pg_stat_statements_reset()");
    }
  }

  /**
   * Waits (up to two minutes) until no autovacuum worker runs: the vacuum of what a measured run wrote would
   * otherwise share the machine with the next measured run (the likeliest cause of one quota benchmark loop that was
   * 8 s slower, its PostgreSQL CPU 10 s higher). Returns how long it waited, in milliseconds.
   */
  public static long awaitNoAutovacuum(JdbcTemplate jdbc) throws InterruptedException {
    long start = System.nanoTime();
    long deadline = start + 120_000_000_000L;
    int quiet = 0;
    while (quiet < 3 && System.nanoTime() < deadline) {
      Long workers = jdbc.queryForObject("select count(*) from pg_stat_activity where backend_type = "
          + "'autovacuum worker'", Long.class);
      quiet = workers != null && workers == 0 ? quiet + 1 : 0;
      Thread.sleep(500);
    }
    return (System.nanoTime() - start) / 1_000_000;
  }

  /** The 40 statements that took the most time since {@link #reset}, one line each, to {@code file}. */
  public static void write(JdbcTemplate jdbc, boolean postgres, Path file) throws IOException {
    if (!postgres || !EmbeddedPostgresDatabase.STATEMENTS) {
      return;
    }
    List<String> lines = new ArrayList<>();
    jdbc.query("select calls, round(total_exec_time::numeric, 0) ms, round(total_plan_time::numeric, 0) plan_ms, "
        + "rows, left(regexp_replace(query, '\\\\s+', ' ', 'g'), 160) q from pg_stat_statements "
        + "order by total_exec_time + total_plan_time desc limit 40", rs -> {
          lines.add(String.format("%9d calls %8d ms exec %6d ms plan %9d rows  %s", rs.getLong(1), rs.getLong(2),
              rs.getLong(3), rs.getLong(4), rs.getString(5)));
        });
    Files.write(file, lines);
  }
}
