package io.recontact.governance.erasure;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.test.context.ActiveProfiles;

/**
 * {@link ErasureProof} on H2, also against the whole database as H2's {@code SCRIPT} writes it. Its own context
 * (fresh database, its own engine name), started inside the output capture, so every log line of the run is seen.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
    "camunda.bpm.process-engine-name=erasureh2",
    // Camunda's webapps keep static state per JVM: a second context with them could disturb the shared test context.
    "camunda.bpm.webapp.enabled=false"})
@ActiveProfiles("test")
@ExtendWith(OutputCaptureExtension.class)
class RespondentErasureH2Test extends ErasureProof {

  @Test
  void theErasedRespondentIsNowhereInTheDatabase(CapturedOutput output) {
    plantEraseAndSearch(output);
    List<String> script = jdbc.queryForList("SCRIPT", String.class);
    assertThat(script).as("the script of the whole database").hasSizeGreaterThan(100);
    assertThat(String.join("\n", script)).as("the script holds the ledger's tombstone")
        .contains(Respondent.of("toluna", member).tombstone());
    assertThat(inScript(String.join("\n", script), needles())).isEmpty();
  }
}
