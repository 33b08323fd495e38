package io.recontact.governance.erasure;

import io.recontact.EmbeddedPostgresDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.ActiveProfiles;

/** {@link ErasureProof} on a real PostgreSQL (embedded, as PostgresBootTest), where pg_dump may not exist. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
    "camunda.bpm.process-engine-name=erasurepg",
    // Camunda's webapps keep static state per JVM: a second context with them could disturb the shared test context.
    "camunda.bpm.webapp.enabled=false"})
@ActiveProfiles({"test", "postgres"})
@Import(EmbeddedPostgresDatabase.class)
@ExtendWith(OutputCaptureExtension.class)
class RespondentErasurePostgresTest extends ErasureProof {

  @Test
  void theErasedRespondentIsNowhereInTheDatabase(CapturedOutput output) {
    plantEraseAndSearch(output);
  }
}
