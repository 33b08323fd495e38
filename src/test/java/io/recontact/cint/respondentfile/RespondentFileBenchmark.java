package io.recontact.cint.respondentfile;

import static java.nio.charset.StandardCharsets.UTF_8;

import com.zaxxer.hikari.HikariDataSource;
import io.recontact.cint.client.CintModel.EntityType;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.function.Supplier;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;

/**
 * Figures, not assertions: how long hygiene, storing, streaming back and chunking take for 100,000 and 150,000 RSIDs
 * on H2 (in memory) and PostgreSQL (embedded). Excluded from the default build; see docs/respondent-files.md.
 * Writes to stdout and to target/respondent-file-benchmark.txt (surefire redirects stdout into its reports).
 */
@Tag("benchmark")
class RespondentFileBenchmark {

  final StringBuilder report = new StringBuilder();
  final RespondentFileHygiene hygiene = new RespondentFileHygiene();

  @Test
  void run() throws Exception {
    line("Respondent file benchmark, %d cores, Java %s, max heap %d MB", Runtime.getRuntime().availableProcessors(),
        System.getProperty("java.version"), Runtime.getRuntime().maxMemory() >> 20);
    try (HikariDataSource h2 = new HikariDataSource()) {
      h2.setJdbcUrl("jdbc:h2:mem:benchmark;DB_CLOSE_DELAY=-1");
      h2.setUsername("sa");
      measure("H2 2.x in memory", h2);
    }
    try (EmbeddedPostgres postgres = EmbeddedPostgres.builder().start()) {
      measure("PostgreSQL (embedded)", postgres.getPostgresDatabase());
    }
    Path out = Path.of("target", "respondent-file-benchmark.txt");
    Files.writeString(out, report);
    System.out.print(report);
  }

  void measure(String database, DataSource dataSource) throws IOException {
    Flyway.configure().dataSource(dataSource).table("recontact_schema_history").load().migrate();
    RespondentFileStore store = new RespondentFileStore(new JdbcTemplate(dataSource),
        new DataSourceTransactionManager(dataSource));
    line("%n== %s ==", database);
    run(store, "warm-up", 20_000, false);
    run(store, "100k", 100_000, true);
    run(store, "150k", 150_000, true);
  }

  void run(RespondentFileStore store, String label, int n, boolean print) {
    // Upper case with CRLF and a header row: the shape of an Excel export, so normalising costs are included.
    StringBuilder text = new StringBuilder(n * 38 + 16).append("RespondentID\r\n");
    for (int i = 0; i < n; i++) {
      text.append(UUID.randomUUID().toString().toUpperCase(Locale.ROOT)).append("\r\n");
    }
    byte[] content = text.toString().getBytes(UTF_8);
    String reference = label + "-" + UUID.randomUUID();

    HygieneResult result = timed(print, label + " hygiene", n, () -> hygiene.check(content, EntityType.RSID));
    StoredFile file = timed(print, label + " save", n,
        () -> store.save(reference, label + ".csv", EntityType.RSID, content, result));
    long[] streamed = new long[1];
    timed(print, label + " stream back", n, () -> {
      store.forEachId(file.id(), page -> streamed[0] += page.size());
      return streamed[0];
    });
    List<UploadChunks.Chunk> chunks = timed(print, label + " plan chunks", n,
        () -> store.chunks(file.id(), UploadChunks.DEFAULT_MAX_BYTES, UploadChunks.DEFAULT_MAX_IDS));
    long bytes = timed(print, label + " render bodies", n,
        () -> chunks.stream().mapToLong(c -> store.body(file.id(), c).length).sum());
    if (print) {
      line("  %s: %,d bytes in, %,d accepted, %,d streamed, %d chunk(s) %s, %,d bytes out", label, content.length,
          file.acceptedCount(), streamed[0], chunks.size(), chunks.stream().map(UploadChunks.Chunk::idCount).toList(),
          bytes);
    }
  }

  <T> T timed(boolean print, String what, int ids, Supplier<T> work) {
    long start = System.nanoTime();
    T value = work.get();
    double ms = (System.nanoTime() - start) / 1e6;
    if (print) {
      line("  %-24s %8.1f ms  %,12.0f IDs/s", what, ms, ids / (ms / 1000));
    }
    return value;
  }

  void line(String format, Object... args) {
    report.append(String.format(Locale.ROOT, format, args)).append('\n');
  }
}
