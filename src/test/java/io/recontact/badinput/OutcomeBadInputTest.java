package io.recontact.badinput;

import static io.recontact.badinput.BadInputRows.assertAnswer;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import io.recontact.badinput.BadInputHttp.Answer;
import io.recontact.cint.CintSignature;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Map;
import java.util.UUID;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.ActiveProfiles;

/**
 * Rows B71–B78 of the "Bad input" table (docs/bad-input.md): what Toluna's member outcome notifications and Cint's
 * webhooks may bring besides B60–B69. The secrets are application-test.yaml's and the sandbox's: an input is bad for
 * the one reason its row names, everything else in it is right (a correct EncryptedValue, a fresh signature).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
class OutcomeBadInputTest {

  static final String COMPLETION = ApiFeedBadInputTest.COMPLETION;
  static final String RECONCILIATION = ApiFeedBadInputTest.RECONCILIATION;
  static final String WEBHOOKS = "/api/cint/webhooks";
  static final String ENCRYPTION_KEY = "test-encryption-key";
  static final String CINT_SECRET = "sandbox-cint-webhook-secret";
  static final long NO_SURVEY = 3999901;
  static final long WAVE = 3200001;

  @LocalServerPort int port;
  @Autowired JdbcTemplate jdbc;
  BadInputHttp http;

  @BeforeEach
  void setUp() {
    http = new BadInputHttp(port);
  }

  long rows(String table) {
    return jdbc.queryForObject("select count(*) from " + table, Long.class);
  }

  /** Sends, checks the row, and that each probe changed by exactly its expected difference. */
  void answered(String id, Supplier<Answer> call, Map<LongSupplier, Long> probes) {
    Map<LongSupplier, Long> before = new java.util.LinkedHashMap<>();
    probes.keySet().forEach(p -> before.put(p, p.getAsLong()));
    assertAnswer(id, call.get());
    probes.forEach((probe, change) -> assertThat(probe.getAsLong() - before.get(probe))
        .as(id + ": change of a probe").isEqualTo(change));
  }

  void outcomeRefused(String id, Supplier<Answer> call) {
    answered(id, call, Map.of(() -> rows("toluna_notification"), 0L, () -> rows("toluna_invite_outcome"), 0L,
        () -> rows("panel_incentive"), 0L));
  }

  /** A completion as Toluna sends it, with the EncryptedValue it computes with the configured key. */
  static String completion(String member, long survey, String revenue, boolean encrypted) {
    return "{\"UniqueCode\":\"" + member + "\",\"SurveyId\":" + survey + ",\"Revenue\":" + revenue
        + ",\"DateTime\":\"2026-09-11 16:06:27\",\"WaveId\":" + WAVE
        + (encrypted ? ",\"EncryptedValue\":\"" + encryptedValue(survey, WAVE, member) + "\"" : "") + "}";
  }

  static String encryptedValue(long survey, long wave, String member) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(ENCRYPTION_KEY.getBytes(UTF_8), "HmacSHA256"));
      return HexFormat.of().formatHex(mac.doFinal(("" + survey + wave + member).getBytes(UTF_8)));
    } catch (java.security.GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  @Test
  void b71_completionOfAnUnknownSurvey() {
    // Toluna's notification is right, the survey is not ours: recorded and counted, nothing applied, and 200 so that
    // Toluna does not send it again and again.
    answered("B71", () -> http.post(COMPLETION, "application/json",
        completion("TS-000001", NO_SURVEY, "150", true).getBytes(UTF_8), null),
        Map.of(() -> rows("toluna_notification where survey_id = " + NO_SURVEY + " and outcome = 'UNKNOWN_INVITE'"), 1L,
            () -> rows("toluna_invite_outcome"), 0L, () -> rows("panel_incentive"), 0L));
  }

  @Test
  void b72_completionNegativeRevenue() {
    outcomeRefused("B72", () -> http.post(COMPLETION, "application/json",
        completion("TS-000001", NO_SURVEY, "-150", true).getBytes(UTF_8), null));
  }

  @Test
  void b73_completionWithoutEncryptedValue() {
    outcomeRefused("B73", () -> http.post(COMPLETION, "application/json",
        completion("TS-000001", NO_SURVEY, "150", false).getBytes(UTF_8), null));
  }

  @Test
  void b74_reconciliationWrongHeaderValue() {
    outcomeRefused("B74", () -> http.post(RECONCILIATION, "application/json", ("{\"SurveyId\":" + NO_SURVEY
        + ",\"UniqueCode\":\"TS-000001\",\"ReconciliationId\":\"r-1\"}").getBytes(UTF_8), null,
        Map.of("X-Toluna-Reconciliation", "test-reconciliation-secreT")));
  }

  @Test
  void b75_completionJsonCutOff() {
    outcomeRefused("B75", () -> http.post(COMPLETION, "application/json",
        "{\"UniqueCode\":\"TS-000001\",\"SurveyId\":".getBytes(UTF_8), null));
  }

  static String webhook(String id) {
    return "{\"id\":\"" + id + "\",\"type\":\"target-group-updated\","
        + "\"payload\":{\"target_group_id\":\"" + ApiBadInputTest.GROUP + "\"}}";
  }

  Answer deliver(String body, String signature) {
    return http.post(WEBHOOKS, "application/json", body.getBytes(UTF_8), null,
        signature == null ? Map.of() : Map.of("Cint-Signature", signature));
  }

  void webhookRefused(String id, Supplier<Answer> call) {
    answered(id, call, Map.of(() -> rows("cint_webhook_delivery"), 0L, () -> rows("cint_fielding_reading"), 0L));
  }

  @Test
  void b76_webhookWithoutSignature() {
    webhookRefused("B76", () -> deliver(webhook(UUID.randomUUID().toString()), null));
  }

  @Test
  void b77_webhookReplayed() {
    String body = webhook(UUID.randomUUID().toString());
    String signature = CintSignature.header(CINT_SECRET, Instant.now().getEpochSecond(), body);
    Answer first = deliver(body, signature);
    assertThat(first.status()).as("the first delivery: " + first.body()).isEqualTo(202);
    webhookRefused("B77", () -> deliver(body, signature));
  }

  @Test
  void b78_webhookSignedButNotJson() {
    String body = "target-group-updated " + ApiBadInputTest.GROUP;
    webhookRefused("B78", () -> deliver(body, CintSignature.header(CINT_SECRET, Instant.now().getEpochSecond(),
        body)));
  }
}
