package io.recontact.cint.followfielding;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.recontact.FlowRuns;
import io.recontact.cint.recontact.CintRecontactIntegrationTest;
import java.time.Duration;
import java.util.UUID;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.camunda.bpm.engine.ProcessEngine;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.ActiveProfiles;

/**
 * Following a live target group over HTTP against the simulator: a recontact that reaches TargetGroupLive starts
 * cintFollowFielding through the shared hook, the timer reads until the simulated respondents reach the goal, and
 * the readings show in {@code GET /api/cint/target-groups/{id}/fielding}; the API start of an already followed
 * target group answers the same instance.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
    // its own engine and no webapps: engine REST and the webapps of the shared test context stay undisturbed
    "camunda.bpm.process-engine-name=fielding", "camunda.bpm.webapp.enabled=false",
    "recontact.cint.fielding.follow=true", "recontact.cint.fielding.interval=500ms"})
@ActiveProfiles("test")
class CintFollowFieldingIntegrationTest {

  @Autowired
  TestRestTemplate http;

  @Autowired
  ProcessEngine engine;

  @Autowired
  JdbcTemplate jdbc;

  @Test
  void aRecontactThatGoesLiveIsFollowedUntilItsGoal() {
    String csv = IntStream.range(0, 30).mapToObj(i -> UUID.randomUUID().toString())
        .collect(Collectors.joining("\n"));
    // a duplicate line: the file changes under hygiene, so FlowRuns finds the review it approves
    String recontact = new FlowRuns(http, engine, jdbc).cintRecontact("wave2.csv",
        csv + "\n" + csv.substring(0, 36), 20);
    http.postForEntity("/sandbox/cint/admin/settings", json("{\"completesPerHour\": 36000}"), String.class);
    String targetGroupId = http.getForObject("/sandbox/cint/admin/state", JsonNode.class).get("targetGroups").get(0)
        .get("id").asText();
    String businessKey = FieldingSignals.businessKey(targetGroupId);
    await(() -> engine.getHistoryService().createHistoricProcessInstanceQuery()
        .processInstanceBusinessKey(businessKey).finished().count() == 1, Duration.ofSeconds(60));
    assertThat(engine.getHistoryService().createHistoricProcessInstanceQuery().processInstanceBusinessKey(businessKey)
        .singleResult().getEndActivityId()).isEqualTo("FieldingCompleted");

    // state and endEvent come from the engine's history, which operators may read (approvers see the readings)
    JsonNode fielding = http.withBasicAuth("operator", "operator").getForObject(
        "/api/cint/target-groups/" + targetGroupId + "/fielding", JsonNode.class);
    assertThat(fielding.path("startedBy").asText()).isEqualTo("recontact");
    assertThat(fielding.path("endEvent").asText()).as(fielding.toString()).isEqualTo("FieldingCompleted");
    assertThat(fielding.path("latest").path("status").asText()).isEqualTo("completed");
    assertThat(fielding.path("latest").path("completes").asInt()).isEqualTo(20);
    assertThat(fielding.path("latest").path("goal").asInt()).isEqualTo(20);
    assertThat(fielding.path("latest").path("cost").decimalValue()).isEqualByComparingTo("50");
    assertThat(fielding.path("readings").size()).isGreaterThanOrEqualTo(1);
    assertThat(fielding.toString()).as("never respondents").doesNotContain(csv.substring(0, 36));

    JsonNode status = http.withBasicAuth("operator", "operator").getForObject("/api/cint/recontacts/" + recontact,
        JsonNode.class);
    assertThat(status.path("fielding").path("status").asText()).isEqualTo("/api/cint/target-groups/"
        + targetGroupId + "/fielding");
    assertThat(status.path("fielding").path("latest").path("completes").asInt()).isEqualTo(20);
    assertThat(status.path("fielding").path("readings").size()).isEqualTo(fielding.path("readings").size());

    ResponseEntity<JsonNode> again = http.withBasicAuth("operator", "operator").postForEntity(
        "/api/cint/target-groups/" + targetGroupId + "/fielding", json("{\"accountId\": 101, \"projectId\": \""
            + CintRecontactIntegrationTest.PROJECT + "\"}"), JsonNode.class);
    assertThat(again.getStatusCode()).as(String.valueOf(again.getBody())).isEqualTo(HttpStatus.OK);
    assertThat(again.getBody().path("processInstanceId").asText()).isEqualTo(fielding.path("processInstanceId")
        .asText());

    String metrics = http.withBasicAuth("monitor", "monitor").getForObject("/actuator/prometheus", String.class);
    assertThat(metrics).contains("recontact_cint_fielding_completes{target_group=\"" + targetGroupId + "\"} 20.0");
  }

  @Test
  void aTargetGroupNobodyFollowsIs404AndABadStartIs400() {
    ResponseEntity<JsonNode> missing = http.withBasicAuth("approver", "approver").getForEntity(
        "/api/cint/target-groups/01JX2X0N5RTR012AYDTA83QWP9/fielding", JsonNode.class);
    assertThat(missing.getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
    HttpHeaders headers = new HttpHeaders();
    headers.setContentType(MediaType.APPLICATION_JSON);
    headers.add(io.recontact.api.ApiContract.DELIBERATELY_BAD, "no project id");
    ResponseEntity<JsonNode> refused = http.withBasicAuth("operator", "operator").postForEntity(
        "/api/cint/target-groups/01JX2X0N5RTR012AYDTA83QWP9/fielding", new HttpEntity<>("{\"accountId\": 0}",
            headers), JsonNode.class);
    assertThat(refused.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
    assertThat(refused.getBody().path("problems").toString()).contains("accountId is required")
        .contains("projectId is required");
  }

  static HttpEntity<String> json(String body) {
    HttpHeaders headers = new HttpHeaders();
    headers.setContentType(MediaType.APPLICATION_JSON);
    return new HttpEntity<>(body, headers);
  }

  static void await(BooleanSupplier done, Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (!done.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("timed out");
      }
      try {
        Thread.sleep(200);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError(e);
      }
    }
  }
}
