package io.recontact.cint.replacerecontacts;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.recontact.api.ApiContract;
import io.recontact.cint.client.CintClient;
import io.recontact.cint.client.TargetGroupRef;
import io.recontact.cint.recontact.CintRecontactIntegrationTest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.camunda.bpm.engine.ProcessEngine;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.core.io.ByteArrayResource;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;

/** Replacing and removing a target group's recontact list through {@code /api}, against the simulator. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
class CintReplaceRecontactsIntegrationTest {

  @Autowired
  TestRestTemplate http;

  @Autowired
  ProcessEngine engine;

  @Autowired
  CintClient cint;

  @BeforeEach
  void resetMarketplace() {
    http.postForEntity("/sandbox/cint/admin/reset", null, String.class);
  }

  @Test
  void replacementSwapsTheListAndRemovalEmptiesIt() {
    String first = UUID.randomUUID() + "\n" + UUID.randomUUID() + "\n";
    MultiValueMap<String, Object> start = parts(CintRecontactIntegrationTest.request(2, false,
        "https://survey.example.com/?rsid=[%RECONTACT_RSID%]"), first);
    ResponseEntity<JsonNode> recontact = http.withBasicAuth("demo", "demo").postForEntity("/api/cint/recontacts",
        new HttpEntity<>(start, multipart()), JsonNode.class);
    awaitEnd(recontact.getBody().get("processInstanceId").asText(), "TargetGroupReady");
    String targetGroupId = http.getForObject("/sandbox/cint/admin/state", JsonNode.class).get("targetGroups").get(0)
        .get("id").asText();
    TargetGroupRef tg = new TargetGroupRef(101, CintRecontactIntegrationTest.PROJECT, targetGroupId);

    List<String> replacement = List.of(UUID.randomUUID().toString(), UUID.randomUUID().toString(),
        UUID.randomUUID().toString());
    ResponseEntity<JsonNode> replaced = http.withBasicAuth("demo", "demo").postForEntity(
        "/api/cint/target-groups/" + targetGroupId + "/recontacts/replacement", new HttpEntity<>(parts(
            "{\"accountId\":101,\"projectId\":\"" + CintRecontactIntegrationTest.PROJECT
                + "\",\"entityType\":\"RSID\",\"completesGoal\":3}", String.join("\n", replacement)), multipart()),
        JsonNode.class);
    assertThat(replaced.getStatusCode()).as(String.valueOf(replaced.getBody())).isEqualTo(HttpStatus.CREATED);
    awaitEnd(replaced.getBody().get("processInstanceId").asText(), "RecontactsReplaced");
    List<String> eligible = new ArrayList<>();
    cint.forEachEligibleRsidPage(tg, eligible::addAll);
    assertThat(eligible).containsExactlyInAnyOrderElementsOf(replacement);

    HttpHeaders json = new HttpHeaders();
    json.setContentType(MediaType.APPLICATION_JSON);
    json.add(ApiContract.DELIBERATELY_BAD, "empty object");
    ResponseEntity<JsonNode> removal = http.withBasicAuth("demo", "demo").postForEntity(
        "/api/cint/target-groups/" + targetGroupId + "/recontacts/removal", new HttpEntity<>(
            "{\"accountId\":101,\"projectId\":\"" + CintRecontactIntegrationTest.PROJECT + "\"}", json),
        JsonNode.class);
    assertThat(removal.getStatusCode()).isEqualTo(HttpStatus.CREATED);
    awaitEnd(removal.getBody().get("processInstanceId").asText(), "RecontactsRemoved");
    assertThat(cint.savedRespondentIdsCount(tg)).isZero();

    // Nothing left to remove: a removal (or a retried start) ends removed without a second remove-all job.
    long removeJobs = removeAllJobs(targetGroupId);
    ResponseEntity<JsonNode> again = http.withBasicAuth("demo", "demo").postForEntity(
        "/api/cint/target-groups/" + targetGroupId + "/recontacts/removal", new HttpEntity<>(
            "{\"accountId\":101,\"projectId\":\"" + CintRecontactIntegrationTest.PROJECT + "\"}", json),
        JsonNode.class);
    awaitEnd(again.getBody().get("processInstanceId").asText(), "RecontactsRemoved");
    assertThat(removeAllJobs(targetGroupId)).isEqualTo(removeJobs).isEqualTo(2);
  }

  /** A repeat with the same Idempotency-Key answers the first replacement or removal; nothing starts twice. */
  @Test
  void repeatsWithOneIdempotencyKeyStartOneReplacementAndOneRemoval() {
    ResponseEntity<JsonNode> recontact = http.withBasicAuth("demo", "demo").postForEntity("/api/cint/recontacts",
        new HttpEntity<>(parts(CintRecontactIntegrationTest.request(2, false,
            "https://survey.example.com/?rsid=[%RECONTACT_RSID%]"), UUID.randomUUID() + "\n" + UUID.randomUUID()
            + "\n"), multipart()), JsonNode.class);
    awaitEnd(recontact.getBody().get("processInstanceId").asText(), "TargetGroupReady");
    String targetGroupId = http.getForObject("/sandbox/cint/admin/state", JsonNode.class).get("targetGroups").get(0)
        .get("id").asText();

    String replacementKey = UUID.randomUUID().toString();
    HttpHeaders keyed = multipart();
    keyed.add("Idempotency-Key", replacementKey);
    HttpEntity<MultiValueMap<String, Object>> replacement = new HttpEntity<>(parts("{\"accountId\":101,\"projectId\":\""
        + CintRecontactIntegrationTest.PROJECT + "\",\"completesGoal\":1}", UUID.randomUUID() + "\n"), keyed);
    long replacements = instances("cintReplaceRecontacts");
    String replacementPath = "/api/cint/target-groups/" + targetGroupId + "/recontacts/replacement";
    ResponseEntity<JsonNode> replaced = http.withBasicAuth("demo", "demo").postForEntity(replacementPath,
        replacement, JsonNode.class);
    ResponseEntity<JsonNode> replacedAgain = http.withBasicAuth("demo", "demo").postForEntity(replacementPath,
        replacement, JsonNode.class);
    assertThat(replaced.getStatusCode()).as(String.valueOf(replaced.getBody())).isEqualTo(HttpStatus.CREATED);
    assertThat(replacedAgain.getStatusCode()).as(String.valueOf(replacedAgain.getBody())).isEqualTo(HttpStatus.OK);
    assertThat(replacedAgain.getBody()).isEqualTo(replaced.getBody());
    assertThat(replaced.getBody().get("status").asText()).isEqualTo("/api/cint/replacements/"
        + replaced.getBody().get("processInstanceId").asText());
    assertThat(instances("cintReplaceRecontacts")).isEqualTo(replacements + 1);
    awaitEnd(replaced.getBody().get("processInstanceId").asText(), "RecontactsReplaced");

    HttpHeaders json = new HttpHeaders();
    json.setContentType(MediaType.APPLICATION_JSON);
    json.add("Idempotency-Key", UUID.randomUUID().toString());
    String body = "{\"accountId\":101,\"projectId\":\"" + CintRecontactIntegrationTest.PROJECT + "\"}";
    String removalPath = "/api/cint/target-groups/" + targetGroupId + "/recontacts/removal";
    long removals = instances("cintRemoveRecontacts");
    ResponseEntity<JsonNode> removed = http.withBasicAuth("demo", "demo").postForEntity(removalPath,
        new HttpEntity<>(body, json), JsonNode.class);
    ResponseEntity<JsonNode> removedAgain = http.withBasicAuth("demo", "demo").postForEntity(removalPath,
        new HttpEntity<>(body.replace(",", ", "), json), JsonNode.class);
    assertThat(removed.getStatusCode()).as(String.valueOf(removed.getBody())).isEqualTo(HttpStatus.CREATED);
    assertThat(removedAgain.getStatusCode()).as(String.valueOf(removedAgain.getBody())).isEqualTo(HttpStatus.OK);
    assertThat(removedAgain.getBody()).isEqualTo(removed.getBody());
    // The same key on another target group's removal is another request.
    ResponseEntity<JsonNode> elsewhere = http.withBasicAuth("demo", "demo").postForEntity(
        "/api/cint/target-groups/01JX2X0N5RTR012AYDTA83QWP9/recontacts/removal", new HttpEntity<>(body, json),
        JsonNode.class);
    assertThat(elsewhere.getStatusCode().value()).as(String.valueOf(elsewhere.getBody())).isEqualTo(422);
    assertThat(instances("cintRemoveRecontacts")).isEqualTo(removals + 1);
    awaitEnd(removed.getBody().get("processInstanceId").asText(), "RecontactsRemoved");
  }

  long instances(String processKey) {
    return engine.getHistoryService().createHistoricProcessInstanceQuery().processDefinitionKey(processKey).count();
  }

  long removeAllJobs(String targetGroupId) {
    JsonNode jobs = http.getForObject("/sandbox/cint/admin/state", JsonNode.class).get("jobs");
    long count = 0;
    for (JsonNode job : jobs) {
      if (job.get("kind").asText().equals("REMOVE_ALL") && job.get("targetGroupId").asText().equals(targetGroupId)) {
        count++;
      }
    }
    return count;
  }

  @Test
  void badReplacementAndRemovalRequestsGet400() {
    HttpHeaders badMultipart = multipart();
    badMultipart.add(ApiContract.DELIBERATELY_BAD, "empty request and file");
    ResponseEntity<JsonNode> replaced = http.withBasicAuth("demo", "demo").postForEntity(
        "/api/cint/target-groups/not-a-ulid/recontacts/replacement", new HttpEntity<>(parts("{}", ""), badMultipart),
        JsonNode.class);
    assertThat(replaced.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
    assertThat(replaced.getBody().get("problems").toString()).contains("targetGroupId", "accountId",
        "completesGoal", "file");
    HttpHeaders json = new HttpHeaders();
    json.setContentType(MediaType.APPLICATION_JSON);
    json.add(ApiContract.DELIBERATELY_BAD, "empty object");
    ResponseEntity<JsonNode> removal = http.withBasicAuth("demo", "demo").postForEntity(
        "/api/cint/target-groups/01JX2X0N5RTR012AYDTA83QWP1/recontacts/removal", new HttpEntity<>("{}", json),
        JsonNode.class);
    assertThat(removal.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
    assertThat(removal.getBody().get("problems").toString()).contains("accountId", "projectId");
  }

  static MultiValueMap<String, Object> parts(String request, String file) {
    MultiValueMap<String, Object> parts = new LinkedMultiValueMap<>();
    HttpHeaders json = new HttpHeaders();
    json.setContentType(MediaType.APPLICATION_JSON);
    parts.add("request", new HttpEntity<>(request, json));
    parts.add("file", new ByteArrayResource(file.getBytes(StandardCharsets.UTF_8)) {
      @Override
      public String getFilename() {
        return "ids.csv";
      }
    });
    return parts;
  }

  static HttpHeaders multipart() {
    HttpHeaders headers = new HttpHeaders();
    headers.setContentType(MediaType.MULTIPART_FORM_DATA);
    return headers;
  }

  void awaitEnd(String instanceId, String endEvent) {
    long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    while (engine.getHistoryService().createHistoricProcessInstanceQuery().processInstanceId(instanceId).finished()
        .count() == 0) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("not ended: " + instanceId + "; incidents " + engine.getRuntimeService()
            .createIncidentQuery().list().stream().map(i -> i.getIncidentMessage()).toList());
      }
      try {
        Thread.sleep(100);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
    assertThat(engine.getHistoryService().createHistoricProcessInstanceQuery().processInstanceId(instanceId)
        .singleResult().getEndActivityId()).isEqualTo(endEvent);
  }
}
