package io.recontact.cint;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** Cint-Signature as Cint's WebhookSecret documents it, with its own example. */
class CintSignatureTest {

  static final String SECRET = "FP7UPZpATKBcYJj4va95PYud+a3gCidRERiLO+9MoFE=";
  static final String BODY = "{\"foo\":\"bar\"}";
  static final Instant AT = Instant.ofEpochSecond(1732526080);

  @Test
  void cintsOwnExampleVerifies() {
    assertThat(CintSignature.header(SECRET, 1732526080, BODY))
        .isEqualTo("t=1732526080,v1=6532d4777122acc32cd388763fc0c0ba8732698d09cf99eea086e5a86f8d3ebe");
    assertThat(CintSignature.check("t=1732526080,v1=6532d4777122acc32cd388763fc0c0ba8732698d09cf99eea086e5a86f8d3ebe",
        BODY, SECRET, Duration.ofMinutes(5), AT.plusSeconds(30)).valid()).isTrue();
  }

  @Test
  void anotherBodyAnotherSecretAnOldTimestampOrNoHeaderAreRefused() {
    String header = CintSignature.header(SECRET, AT.getEpochSecond(), BODY);
    assertThat(CintSignature.check(header, "{\"foo\":\"baz\"}", SECRET, Duration.ofMinutes(5), AT).refusal())
        .contains("does not match");
    assertThat(CintSignature.check(header, BODY, "other", Duration.ofMinutes(5), AT).refusal())
        .contains("does not match");
    assertThat(CintSignature.check(header, BODY, SECRET, Duration.ofMinutes(5), AT.plusSeconds(301)).refusal())
        .contains("301 s from now, more than 300 s");
    assertThat(CintSignature.check(null, BODY, SECRET, Duration.ofMinutes(5), AT).refusal()).contains("missing");
    assertThat(CintSignature.check("v1=abc", BODY, SECRET, Duration.ofMinutes(5), AT).refusal())
        .contains("needs t=");
    assertThat(CintSignature.check("t=x,v1=abc", BODY, SECRET, Duration.ofMinutes(5), AT).refusal())
        .contains("not a number");
  }
}
