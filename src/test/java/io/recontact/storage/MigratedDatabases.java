package io.recontact.storage;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.h2.jdbcx.JdbcDataSource;

/**
 * The project's tables without Spring: an H2 in-memory database (with H2's own lock timeout, 2 s) and an embedded
 * PostgreSQL, each migrated by Flyway, for tests of SQL that must behave alike on both. Close it after the tests.
 */
public final class MigratedDatabases implements AutoCloseable {

  private final EmbeddedPostgres postgres;
  private final Map<String, DataSource> byName = new LinkedHashMap<>();

  public MigratedDatabases() throws IOException {
    JdbcDataSource h2 = new JdbcDataSource();
    h2.setURL("jdbc:h2:mem:migrated-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
    h2.setUser("sa");
    postgres = EmbeddedPostgres.builder().start();
    byName.put("H2", h2);
    byName.put("PostgreSQL", postgres.getPostgresDatabase());
    byName.values().forEach(db -> Flyway.configure().dataSource(db).table("recontact_schema_history").load()
        .migrate());
  }

  public DataSource get(String name) {
    return byName.get(name);
  }

  @Override
  public void close() throws IOException {
    postgres.close();
  }
}
