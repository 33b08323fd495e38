package io.recontact.reliability;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.Map;

/** A fresh engine database per run that outlives kill -9: an H2 file in a temp dir, or a new PostgreSQL database. */
interface EngineDatabase {

  String name();

  /** Spring properties that point an engine process at a new, empty database. */
  Map<String, String> create(String run);

  static EngineDatabase h2() {
    return new EngineDatabase() {
      @Override
      public String name() {
        return "H2";
      }

      @Override
      public Map<String, String> create(String run) {
        try {
          Path dir = Files.createTempDirectory("crash-h2-");
          // Only the file: the URL's options are the product's own (application.yaml), which is what is on trial.
          return Map.of("RECONTACT_H2_FILE", dir.resolve(run).toAbsolutePath().toString());
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      }
    };
  }

  /** Databases in an embedded PostgreSQL that the test JVM runs (binaries from Maven Central, no Docker). */
  static EngineDatabase postgres(EmbeddedPostgres postgres) {
    return new EngineDatabase() {
      @Override
      public String name() {
        return "PostgreSQL";
      }

      @Override
      public Map<String, String> create(String run) {
        String database = run.toLowerCase(java.util.Locale.ROOT).replaceAll("[^a-z0-9_]", "_");
        try (Connection connection = postgres.getPostgresDatabase().getConnection();
            Statement statement = connection.createStatement()) {
          statement.execute("create database " + database);
        } catch (SQLException e) {
          throw new IllegalStateException(e);
        }
        Map<String, String> properties = new LinkedHashMap<>();
        properties.put("spring.profiles.active", "postgres");
        properties.put("spring.datasource.url", postgres.getJdbcUrl("postgres", database));
        properties.put("spring.datasource.username", "postgres");
        properties.put("spring.datasource.password", "postgres");
        return properties;
      }
    };
  }
}
