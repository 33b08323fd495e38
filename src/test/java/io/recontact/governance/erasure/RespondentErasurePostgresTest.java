package io.recontact.governance.erasure;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;
import org.springframework.test.context.ActiveProfiles;

/** {@link ErasureProof} on a real PostgreSQL (embedded, as PostgresBootTest), where pg_dump may not exist. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
    "camunda.bpm.process-engine-name=erasurepg",
    "camunda.bpm.webapp.enabled=false"})
@ActiveProfiles({"test", "postgres"})
@ExtendWith(OutputCaptureExtension.class)
class RespondentErasurePostgresTest extends ErasureProof {

  @TestConfiguration
  static class EmbeddedPostgresDatabase {

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

  @Test
  void theErasedRespondentIsNowhereInTheDatabase(CapturedOutput output) {
    plantEraseAndSearch(output);
  }
}
