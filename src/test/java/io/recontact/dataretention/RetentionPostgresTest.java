package io.recontact.dataretention;

import io.recontact.EmbeddedPostgresDatabase;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.ActiveProfiles;

/** {@link RetentionScenario} on an embedded PostgreSQL, as {@code PostgresBootTest} runs it (own engine name). */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
    "camunda.bpm.process-engine-name=retentionpostgres",
    "camunda.bpm.webapp.enabled=false"})
@ActiveProfiles({"test", "postgres"})
@Import(EmbeddedPostgresDatabase.class)
class RetentionPostgresTest extends RetentionScenario {

  @Override
  String key(String column) {
    return column;
  }
}
