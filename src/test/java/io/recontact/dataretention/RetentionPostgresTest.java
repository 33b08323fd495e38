package io.recontact.dataretention;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import javax.sql.DataSource;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;
import org.springframework.test.context.ActiveProfiles;

/** {@link RetentionScenario} on an embedded PostgreSQL, as {@code PostgresBootTest} runs it (own engine name). */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
    "camunda.bpm.process-engine-name=retentionpostgres",
    "camunda.bpm.webapp.enabled=false"})
@ActiveProfiles({"test", "postgres"})
class RetentionPostgresTest extends RetentionScenario {

  @TestConfiguration
  static class EmbeddedPostgresDatabase {

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

  @Override
  String key(String column) {
    return column;
  }
}
