package io.recontact.cint.recontact;

import io.recontact.EmbeddedPostgresDatabase;
import org.junit.jupiter.api.Tag;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.ActiveProfiles;

/**
 * {@link CintRecontactBenchmark} with the engine and the project's tables on a real PostgreSQL (embedded, as
 * PostgresBootTest runs it). Writes target/benchmark/cint-recontact-postgres.txt.
 */
@Tag("benchmark")
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
    "recontact.cint.upload.max-ids-per-file=100000",
    // Its own engine name: Camunda's static registry must not mix it with another context's "default".
    "camunda.bpm.process-engine-name=cintbenchmarkpg"})
@ActiveProfiles({"test", "postgres"})
@Import(EmbeddedPostgresDatabase.class)
class CintRecontactPostgresBenchmark extends CintRecontactBenchmark {

  @Override
  String reportName() {
    return "cint-recontact-postgres.txt";
  }
}
