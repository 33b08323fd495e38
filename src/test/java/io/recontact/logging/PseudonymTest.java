package io.recontact.logging;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PseudonymTest {

  @Test
  void namesAnIdentifierByAShortStableHashThatDoesNotContainIt() {
    // SHA-256("TS-000001") starts with these 12 hex digits; the same input gives the same pseudonym on every node.
    assertThat(Pseudonym.of("TS-000001")).isEqualTo(Pseudonym.of("TS-000001")).matches("#[0-9a-f]{12}")
        .doesNotContain("TS-000001").isNotEqualTo(Pseudonym.of("TS-000002"));
    assertThat(Pseudonym.of(null)).isEqualTo("-");
  }
}
