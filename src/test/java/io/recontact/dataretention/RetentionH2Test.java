package io.recontact.dataretention;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.ActiveProfiles;

/** {@link RetentionScenario} on H2, in the shared test context. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
class RetentionH2Test extends RetentionScenario {

  @Override
  String key(String column) {
    return column.toUpperCase(java.util.Locale.ROOT);
  }
}
