package io.recontact.cint.followfielding;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.recontact.api.ApiContract;
import io.recontact.cint.CintSignature;
import io.recontact.cint.client.CintClient;
import io.recontact.cint.client.TargetGroupRef;
import io.recontact.cint.recontact.CintRecontactIntegrationTest;
import java.time.Duration;
import java.time.Instant;
import org.camunda.bpm.engine.ProcessEngine;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.test.context.ActiveProfiles;

/**
 * Cint's webhooks: the simulator's signed deliveries wake the follow-up long before its (hour-long) timer, so the
 * goal is seen within seconds; a wrong signature, an old timestamp and a replay are refused.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
    // its own engine and no webapps: engine REST and the webapps of the shared test context stay undisturbed
    "camunda.bpm.process-engine-name=webhooks", "camunda.bpm.webapp.enabled=false",
    "recontact.cint.fielding.interval=1h", "recontact.cint.fielding.webhook-secret=test-webhook-secret",
    "recontact.sandbox.cint.webhook-secret=test-webhook-secret"})
@ActiveProfiles("test")
class CintWebhookIntegrationTest {

  static final String SECRET = "test-webhook-secret";
  static final String PROJECT = CintRecontactIntegrationTest.PROJECT;

  @Autowired
  TestRestTemplate http;

  @Autowired
  ProcessEngine engine;

  @Autowired
  CintClient cint;

  @LocalServerPort
  int port;

  @BeforeEach
  void reset() {
    http.postForEntity("/sandbox/cint/admin/reset", null, String.class);
  }

  TargetGroupRef live(int goal) {
    return new LiveTargetGroups(cint).live(goal);
  }

  @Test
  void signedWebhooksWakeTheFollowUpBeforeItsTimer() {
    http.postForEntity("/sandbox/cint/admin/settings", CintFollowFieldingIntegrationTest.json(
        "{\"completesPerHour\": 18000, \"webhookUrl\": \"http://localhost:" + port + "/api/cint/webhooks\"}"),
        String.class);
    TargetGroupRef tg = live(10);
    ResponseEntity<JsonNode> started = http.withBasicAuth("operator", "operator").postForEntity(
        "/api/cint/target-groups/" + tg.targetGroupId() + "/fielding", CintFollowFieldingIntegrationTest.json(
            "{\"accountId\": 101, \"projectId\": \"" + PROJECT + "\"}"), JsonNode.class);
    assertThat(started.getStatusCode()).as(String.valueOf(started.getBody())).isEqualTo(HttpStatus.CREATED);
    String businessKey = FieldingSignals.businessKey(tg.targetGroupId());
    CintFollowFieldingIntegrationTest.await(() -> engine.getHistoryService().createHistoricProcessInstanceQuery()
        .processInstanceBusinessKey(businessKey).finished().count() == 1, Duration.ofSeconds(30));
    JsonNode fielding = http.withBasicAuth("operator", "operator").getForObject(
        "/api/cint/target-groups/" + tg.targetGroupId() + "/fielding", JsonNode.class);
    assertThat(fielding.path("endEvent").asText()).isEqualTo("FieldingCompleted");
    assertThat(fielding.path("startedBy").asText()).isEqualTo("api");
    assertThat(fielding.path("readings").findValuesAsText("wokenBy")).as("readings the webhooks woke")
        .containsAnyOf("quota-fill-registered", "target-group-updated");
  }

  @Test
  void aWrongSignatureAnOldTimestampAndAReplayAreRefused() {
    String body = "{\"id\":\"01JPVZD75DW4KRP7MPFMF6KGZX\",\"type\":\"target-group-updated\","
        + "\"payload\":{\"target_group_id\":\"01KFN50A2WJ5NW1NX39RRFFHKQ\"}}";
    long now = Instant.now().getEpochSecond();
    assertThat(deliver(body, CintSignature.header("wrong-secret", now, body), "wrong signature").getStatusCode())
        .isEqualTo(HttpStatus.UNAUTHORIZED);
    ResponseEntity<JsonNode> old = deliver(body, CintSignature.header(SECRET, now - 3600, body), "old timestamp");
    assertThat(old.getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
    assertThat(old.getBody().path("message").asText()).contains("more than 300 s");
    assertThat(deliver(body, null, "no signature").getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
    String good = CintSignature.header(SECRET, now, body);
    ResponseEntity<JsonNode> taken = deliver(body, good, null);
    assertThat(taken.getStatusCode()).isEqualTo(HttpStatus.ACCEPTED);
    assertThat(taken.getBody().path("woken").asInt()).as("nobody follows that target group").isZero();
    assertThat(deliver(body, good, "replay").getStatusCode()).isEqualTo(HttpStatus.CONFLICT);
  }

  ResponseEntity<JsonNode> deliver(String body, String signature, String deliberatelyBad) {
    HttpHeaders headers = new HttpHeaders();
    headers.setContentType(MediaType.APPLICATION_JSON);
    if (signature != null) {
      headers.add("Cint-Signature", signature);
    }
    if (deliberatelyBad != null) {
      headers.add(ApiContract.DELIBERATELY_BAD, deliberatelyBad);
    }
    return http.postForEntity("/api/cint/webhooks", new HttpEntity<>(body, headers), JsonNode.class);
  }
}
