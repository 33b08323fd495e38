package io.recontact.toluna.incentivesettlement;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.recontact.toluna.InviteLinks;
import io.recontact.toluna.delivery.WebhookChannel;
import io.recontact.toluna.delivery.WebhookSignature;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.BooleanSupplier;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.ActiveProfiles;

/**
 * Settlement over HTTP against the sandbox receiver: Toluna's completions and reconciliations at the notification
 * endpoints, runs started with {@code POST /api/toluna/incentives/settlements}, the review decided over engine REST
 * as the approver, payouts read from {@code /sandbox/partner/payouts}. The ledger balances (credits - reversals =
 * balance), each settled entry is paid exactly once and a resent payout is dropped by the receiver.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
class IncentiveSettlementIntegrationTest {

  static final ObjectMapper JSON = new ObjectMapper();
  static final String TOKEN = "sandbox-notification-token";
  /** A little more than the test profile's hold period (3 s). */
  static final long HOLD_MILLIS = 3100;

  @Autowired TestRestTemplate http;
  @Autowired JdbcTemplate jdbc;
  @Autowired ProcessEngine engine;

  final String panel = UUID.randomUUID().toString().toUpperCase(Locale.ROOT);
  final long survey = 800_000_000L + ThreadLocalRandom.current().nextInt(50_000_000);
  final long quota = survey + 7;
  final Map<String, String> invites = new HashMap<>();

  @Test
  void creditsAreSettledPaidOnceAndReversalsOfPaidCreditsClawedBackOrWrittenOff() throws Exception {
    for (String m : List.of("SET-1", "SET-2", "SET-3", "SET-4")) {
      complete(m);
    }
    reconcile("SET-1");  // still pending: cancelled
    Thread.sleep(HOLD_MILLIS);   // the test profile's hold period
    complete("SET-5");    // too young for the first run

    JsonNode first = settle();
    assertThat(entry("SET-1", "CREDIT")).containsEntry("STATE", "CANCELLED");
    for (String m : List.of("SET-2", "SET-3", "SET-4")) {
      assertThat(entry(m, "CREDIT")).containsEntry("STATE", "SETTLED")
          .containsEntry("SETTLEMENT_ID", first.path("processInstanceId").asText());
    }
    assertThat(entry("SET-5", "CREDIT")).containsEntry("STATE", "PENDING");
    JsonNode run = get("/api/toluna/incentives/settlements/" + first.path("processInstanceId").asText());
    assertThat(run.path("state").asText()).isEqualTo("ENDED");
    assertThat(run.path("payouts").path("sent").asLong()).isGreaterThanOrEqualTo(3);

    // A reconciliation after the payout: recorded for review in its own transaction, nothing cancelled.
    reconcile("SET-2");
    reconcile("SET-3");
    assertThat(entry("SET-2", "CREDIT")).containsEntry("STATE", "SETTLED").containsEntry("REVERSAL", "OPEN");
    Thread.sleep(HOLD_MILLIS);
    String second = start();
    Task task = await(second);
    assertThat(task.getName()).startsWith("Review incentive reversals: ");
    // While a run holds the settlement (here: made to hold it again), another run is skipped.
    jdbc.update("update incentive_settlement set released_at = null where id = ?", second);
    String skipped = start();
    awaitEnded(skipped);
    assertThat(engine.getHistoryService().createHistoricVariableInstanceQuery().processInstanceId(skipped)
        .variableName("settlementOutcome").singleResult().getValue()).isEqualTo("SKIPPED");
    jdbc.update("update incentive_settlement set released_at = started_at where id = ?", second);
    complete(task, "clawBack");
    awaitEnded(second);
    assertThat(entry("SET-2", "CREDIT")).containsEntry("REVERSAL", "CLAWED_BACK");
    assertThat(entry("SET-2", "CLAWBACK")).containsEntry("STATE", "SETTLED");
    assertThat(entry("SET-5", "CREDIT")).containsEntry("STATE", "SETTLED");

    reconcile("SET-4");
    Thread.sleep(HOLD_MILLIS);
    String third = start();
    complete(await(third), "writeOff");
    awaitEnded(third);
    assertThat(entry("SET-4", "CREDIT")).containsEntry("REVERSAL", "WRITTEN_OFF");

    // The receiver: each of this test's entries paid exactly once; credits - claw-backs per member as the ledger says.
    Map<String, Integer> paid = new HashMap<>();
    Map<String, Long> received = new HashMap<>();
    JsonNode payouts = get("/sandbox/partner/payouts?limit=100000");
    for (JsonNode p : payouts.path("payouts")) {
      JsonNode body = p.path("body");
      if (panel.equals(body.path("panelGuid").asText())) {
        assertThat(p.path("idempotencyKey").asText()).isEqualTo(body.path("entryId").asText());
        paid.merge(p.path("idempotencyKey").asText(), 1, Integer::sum);
        long cents = body.path("amountCents").asLong() * ("CLAWBACK".equals(body.path("kind").asText()) ? -1 : 1);
        received.merge(body.path("memberCode").asText(), cents, Long::sum);
      }
    }
    List<String> settled = jdbc.queryForList("select cast(id as varchar(20)) from panel_incentive where panel_guid = ? "
        + "and state = 'SETTLED'", String.class, panel);
    assertThat(paid.keySet()).containsExactlyInAnyOrderElementsOf(settled);
    assertThat(paid.values()).allMatch(n -> n == 1);
    assertThat(settled).hasSize(6);  // SET-2..5 credits, the claw-backs of SET-2 and SET-3
    for (String m : List.of("SET-1", "SET-2", "SET-3", "SET-4", "SET-5")) {
      JsonNode balance = get("/api/panel/members/" + m + "/incentives").path("balance");
      assertThat(balance.path("creditedCents").asLong() - balance.path("reversedCents").asLong())
          .isEqualTo(balance.path("balanceCents").asLong());
      assertThat(balance.path("paidOutCents").asLong()).as(m).isEqualTo(received.getOrDefault(m, 0L));
    }
    JsonNode set2 = get("/api/panel/members/SET-2/incentives").path("balance");
    assertThat(set2.path("balanceCents").asLong()).isZero();
    assertThat(set2.path("clawedBackCents").asLong()).isEqualTo(50);
    JsonNode set3 = get("/api/panel/members/SET-3/incentives").path("balance");
    assertThat(set3.path("inReviewCents").asLong()).as("reviewed by the second run, decided with it").isZero();
    assertThat(set3.path("paidOutCents").asLong()).isZero();
    assertThat(get("/api/panel/members/SET-4/incentives").path("balance").path("writtenOffCents").asLong())
        .isEqualTo(50);

    // A resend of a payout is dropped by the receiver and counted.
    long duplicates = payouts.path("duplicates").asLong();
    String key = settled.get(0);
    byte[] body = JSON.writeValueAsBytes(Map.of("entryId", key, "amountCents", 50, "panelGuid", panel));
    HttpHeaders headers = new HttpHeaders();
    headers.setContentType(MediaType.APPLICATION_JSON);
    headers.set(WebhookSignature.HEADER, WebhookSignature.sign("sandbox-webhook-secret", body));
    headers.set(WebhookChannel.IDEMPOTENCY_KEY, key);
    ResponseEntity<String> resend = http.postForEntity("/sandbox/partner/payouts", new HttpEntity<>(
        new String(body, StandardCharsets.UTF_8), headers), String.class);
    assertThat(JSON.readTree(resend.getBody()).path("duplicate").asBoolean()).isTrue();
    assertThat(get("/sandbox/partner/payouts?limit=1").path("duplicates").asLong()).isEqualTo(duplicates + 1);
  }

  String start() {
    ResponseEntity<String> answer = http.withBasicAuth("demo", "demo").postForEntity(SettlementController.SETTLEMENTS,
        null, String.class);
    assertThat(answer.getStatusCode().value()).as(answer.getBody()).isEqualTo(202);
    try {
      return JSON.readTree(answer.getBody()).path("processInstanceId").asText();
    } catch (java.io.IOException e) {
      throw new IllegalStateException(e);
    }
  }

  JsonNode settle() throws Exception {
    String id = start();
    awaitEnded(id);
    return JSON.readTree("{\"processInstanceId\": \"" + id + "\"}");
  }

  Task await(String instance) {
    awaitTrue(() -> engine.getTaskService().createTaskQuery().processInstanceId(instance).count() == 1, "review");
    return engine.getTaskService().createTaskQuery().processInstanceId(instance).singleResult();
  }

  void awaitEnded(String instance) {
    awaitTrue(() -> engine.getRuntimeService().createProcessInstanceQuery().processInstanceId(instance).count() == 0,
        "the run's end");
  }

  void complete(Task task, String decision) {
    HttpHeaders headers = new HttpHeaders();
    headers.setContentType(MediaType.APPLICATION_JSON);
    ResponseEntity<String> answer = http.withBasicAuth("approver", "approver").exchange("/engine-rest/task/"
        + task.getId() + "/complete", HttpMethod.POST, new HttpEntity<>("{\"variables\": {\"reversalDecision\": "
        + "{\"value\": \"" + decision + "\"}}}", headers), String.class);
    assertThat(answer.getStatusCode().is2xxSuccessful()).as(answer.getBody()).isTrue();
  }

  static void awaitTrue(BooleanSupplier condition, String what) {
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    while (!condition.getAsBoolean()) {
      assertThat(System.nanoTime() < deadline).as("waited 30 s for " + what).isTrue();
      try {
        Thread.sleep(100);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      }
    }
  }

  JsonNode get(String path) {
    ResponseEntity<String> answer = http.withBasicAuth("demo", "demo").getForEntity(path, String.class);
    assertThat(answer.getStatusCode().value()).as(path + ": " + answer.getBody()).isEqualTo(200);
    try {
      return JSON.readTree(answer.getBody());
    } catch (java.io.IOException e) {
      throw new IllegalStateException(e);
    }
  }

  Map<String, Object> entry(String member, String kind) {
    return jdbc.queryForMap("select state, settlement_id, reversal from panel_incentive where panel_guid = ? "
        + "and member_code = ? and kind = ?", panel, member, kind);
  }

  void complete(String member) throws Exception {
    String id = UUID.randomUUID().toString();
    invites.put(member, id);
    jdbc.update("insert into toluna_invite (invite_id, panel_guid, quota_id, member_code, survey_id, wave_id, url, "
            + "member_amount, partner_amount, created_at) values (?, ?, ?, ?, ?, ?, ?, 0.5, 1.25, ?)", id, panel, quota,
        member, survey, survey + 1, InviteLinks.withInviteId("https://router.invalid/p?di=1", id),
        OffsetDateTime.now(ZoneOffset.UTC));
    String body = """
        {"UniqueCode": "%s", "SurveyId": %d, "SurveyRef": "R-1", "Revenue": 125, "DateTime": "2026-03-01 10:00:00",
         "WaveId": %d, "QuotaID": %d, "AdditionalData": "%s=%s", "EncryptedValue": "%s"}"""
        .formatted(member, survey, survey + 1, quota, InviteLinks.PARAMETER, id, encrypted(member));
    notify("/api/toluna/notifications/completion?token=" + TOKEN, body, Map.of());
  }

  void reconcile(String member) {
    String body = """
        {"SurveyId": %d, "SurveyRef": "R-1", "WaveId": %d, "QuotaId": %d, "UniqueCode": "%s", "IsAutoRouted": false,
         "OriginalSurveyId": null, "ReconciliationId": "%s", "Revenue": 125,
         "OriginalCompleteDateTime": "2026-03-01 10:00:00", "ReconciliationDateTime": "2026-03-05T15:40:03.350Z"}"""
        .formatted(survey, survey + 1, quota, member, UUID.randomUUID());
    notify("/api/toluna/notifications/reconciliation", body, Map.of("X-Toluna-Reconciliation",
        "test-reconciliation-secret"));
  }

  void notify(String path, String body, Map<String, String> extra) {
    HttpHeaders headers = new HttpHeaders();
    headers.setContentType(MediaType.APPLICATION_JSON);
    extra.forEach(headers::set);
    ResponseEntity<String> answer = http.postForEntity(path, new HttpEntity<>(body, headers), String.class);
    assertThat(answer.getStatusCode().value()).as(answer.getBody()).isEqualTo(200);
    assertThat(answer.getBody()).contains("APPLIED");
  }

  /** EncryptedValue as the test profile checks it: HMAC-SHA256 over [SurveyID][WaveID][MemberCode]. */
  String encrypted(String member) throws Exception {
    javax.crypto.Mac mac = javax.crypto.Mac.getInstance("HmacSHA256");
    mac.init(new javax.crypto.spec.SecretKeySpec("test-encryption-key".getBytes(StandardCharsets.UTF_8),
        "HmacSHA256"));
    return java.util.HexFormat.of().formatHex(mac.doFinal((survey + "" + (survey + 1) + member)
        .getBytes(StandardCharsets.UTF_8)));
  }
}
