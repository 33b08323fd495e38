package io.recontact;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import javax.sql.DataSource;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;

/**
 * A real PostgreSQL for a test context (binaries from Maven Central, no Docker): {@code @Import} it with the
 * {@code postgres} profile and an engine name of the test's own.
 */
@TestConfiguration
public class EmbeddedPostgresDatabase {

  // A bean, not @AfterAll: the database must outlive the engine's shutdown.
  @Bean(destroyMethod = "close")
  EmbeddedPostgres embeddedPostgres() throws Exception {
    return EmbeddedPostgres.builder().start();
  }

  @Bean
  @Primary
  DataSource dataSource(EmbeddedPostgres postgres) {
    return postgres.getPostgresDatabase();
  }
}
