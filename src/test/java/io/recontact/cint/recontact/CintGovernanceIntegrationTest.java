package io.recontact.cint.recontact;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.BooleanSupplier;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.task.Task;
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

/**
 * The do-not-contact list and the caps on a Cint respondent file, and the contact history its upload writes: a
 * suppressed RSID is dropped and counted (answer and review form), the upload records one contact per sent RSID
 * with its target group and recontact, and with a cap of one contact a later file drops the RSIDs already uploaded.
 * Same settings as TolunaGovernanceIntegrationTest, so the two share one application context.
 */
// A context of its own (the caps), so an engine name of its own: Camunda registers engines by name in a static
// registry, and engine REST of the shared test context must keep finding that context's "default" engine.
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {"recontact.governance.caps.max-contacts=1", "recontact.governance.caps.window=30d",
        "camunda.bpm.process-engine-name=governance",
        "camunda.bpm.webapp.enabled=false"})
@ActiveProfiles("test")
class CintGovernanceIntegrationTest {

  static final String URL = "https://survey.example.com/?rsid=[%RECONTACT_RSID%]";

  @Autowired TestRestTemplate http;
  @Autowired ProcessEngine engine;

  @BeforeEach
  void resetMarketplace() {
    http.postForEntity("/sandbox/cint/admin/reset", null, String.class);
  }

  ResponseEntity<JsonNode> post(String request, byte[] file) {
    MultiValueMap<String, Object> parts = new LinkedMultiValueMap<>();
    HttpHeaders json = new HttpHeaders();
    json.setContentType(MediaType.APPLICATION_JSON);
    parts.add("request", new HttpEntity<>(request, json));
    parts.add("file", new ByteArrayResource(file) {
      @Override
      public String getFilename() {
        return "ids.csv";
      }
    });
    HttpHeaders headers = new HttpHeaders();
    headers.setContentType(MediaType.MULTIPART_FORM_DATA);
    return http.withBasicAuth("demo", "demo").postForEntity("/api/cint/recontacts", new HttpEntity<>(parts, headers),
        JsonNode.class);
  }

  @Test
  void aSuppressedRsidIsDroppedTheUploadIsInTheHistoryAndACappedRsidIsDroppedFromTheNextFile() {
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      ids.add(UUID.randomUUID().toString());
    }
    HttpHeaders headers = new HttpHeaders();
    headers.setContentType(MediaType.APPLICATION_JSON);
    assertThat(http.withBasicAuth("demo", "demo").postForEntity("/api/suppressions", new HttpEntity<>(
        "{\"marketplace\": \"cint\", \"id\": \"" + ids.get(0).toUpperCase() + "\", \"reason\": \"complaint\"}",
        headers), String.class).getStatusCode()).isEqualTo(HttpStatus.CREATED);

    ResponseEntity<JsonNode> started = post(CintRecontactIntegrationTest.request(2, false, URL),
        String.join("\n", ids).getBytes(StandardCharsets.UTF_8));
    assertThat(started.getStatusCode()).as(String.valueOf(started.getBody())).isEqualTo(HttpStatus.CREATED);
    assertThat(started.getBody().path("file").path("suppressed").asInt()).isEqualTo(1);
    assertThat(started.getBody().path("file").path("accepted").asInt()).isEqualTo(4);
    String instanceId = started.getBody().path("processInstanceId").asText();
    String key = started.getBody().path("businessKey").asText();

    Task review = awaitTask(instanceId);
    assertThat(engine.getTaskService().getVariable(review.getId(), "suppressedCount")).isEqualTo(1);
    assertThat(engine.getTaskService().getVariable(review.getId(), "cappedCount")).isEqualTo(0);
    engine.getTaskService().complete(review.getId(), Map.of("fileDecision", "approve", "completesGoal", 2L));
    await(() -> engine.getHistoryService().createHistoricProcessInstanceQuery().processInstanceId(instanceId)
        .finished().count() == 1, "the recontact to end");
    JsonNode group = http.getForObject("/sandbox/cint/admin/state", JsonNode.class).get("targetGroups").get(0);
    assertThat(group.get("storedRespondentIds").asInt()).isEqualTo(4);

    JsonNode sent = contacts(ids.get(1));
    assertThat(sent.path("contacts")).hasSize(1);
    JsonNode contact = sent.path("contacts").get(0);
    assertThat(contact.path("kind").asText()).isEqualTo("TARGET_GROUP_UPLOAD");
    assertThat(contact.path("targetGroup").asText()).isEqualTo(group.get("id").asText());
    assertThat(contact.path("recontact").asText()).isEqualTo(key);
    JsonNode dropped = contacts(ids.get(0).toUpperCase());
    assertThat(dropped.path("suppressed").asBoolean()).isTrue();
    assertThat(dropped.path("contacts")).as("never sent").isEmpty();

    String fresh = UUID.randomUUID().toString();
    ResponseEntity<JsonNode> again = post(CintRecontactIntegrationTest.request(1, false, URL),
        (ids.get(1) + "\n" + fresh + "\n").getBytes(StandardCharsets.UTF_8));
    assertThat(again.getBody().path("file").path("capped").asInt()).as("contacted once within 30 days")
        .isEqualTo(1);
    assertThat(again.getBody().path("file").path("accepted").asInt()).isEqualTo(1);
    // At rest at its review (deleting it while a job runs would race the job): the form shows the capped line.
    Task second = awaitTask(again.getBody().path("processInstanceId").asText());
    assertThat(engine.getTaskService().getVariable(second.getId(), "cappedCount")).isEqualTo(1);
    engine.getTaskService().complete(second.getId(), Map.of("fileDecision", "reject", "completesGoal", 1L));
  }

  JsonNode contacts(String rsid) {
    return http.withBasicAuth("demo", "demo").getForObject("/api/respondents/cint/" + rsid + "/contacts",
        JsonNode.class);
  }

  Task awaitTask(String instanceId) {
    await(() -> engine.getTaskService().createTaskQuery().processInstanceId(instanceId)
        .taskDefinitionKey("ReviewRespondentFile").count() > 0, "the file review");
    return engine.getTaskService().createTaskQuery().processInstanceId(instanceId)
        .taskDefinitionKey("ReviewRespondentFile").singleResult();
  }

  void await(BooleanSupplier condition, String what) {
    long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("Timed out waiting for " + what + "; incidents: " + engine.getRuntimeService()
            .createIncidentQuery().list().stream().map(i -> i.getActivityId() + ": " + i.getIncidentMessage())
            .toList());
      }
      try {
        Thread.sleep(100);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError(e);
      }
    }
  }
}
