package io.recontact.cint.uploadrespondents;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.recontact.cint.recontact.CintRecontactIntegrationTest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.BooleanSupplier;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.core.io.ByteArrayResource;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.util.LinkedMultiValueMap;

/**
 * Issue 9: a partial upload, a resubmission of the IDs Cint refused, Cint refusing them again. The second review
 * describes the second job only and counts every ID once; the abort's comment reaches the status endpoint.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
class SecondUploadReviewTest {

  @Autowired
  TestRestTemplate http;

  @Autowired
  ProcessEngine engine;

  @BeforeEach
  @AfterEach
  void resetMarketplace() {
    http.postForEntity("/sandbox/cint/admin/reset", null, String.class);
  }

  @Test
  void secondReviewDescribesTheResubmissionAloneAndCountsEachIdOnce() {
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < 200; i++) {
      ids.add(UUID.randomUUID().toString());
    }
    List<String> refused = ids.subList(40, 55);
    http.postForEntity("/sandbox/cint/admin/settings", json("{\"refusedIds\": [\"" + String.join("\", \"", refused)
        + "\"]}"), String.class);
    JsonNode started = start(String.join("\n", ids) + "\n");
    String businessKey = started.path("businessKey").asText();
    String instanceId = started.path("processInstanceId").asText();
    TaskService tasks = engine.getTaskService();

    Task first = awaitReview(null);
    assertThat(first.getName()).isEqualTo("Review partial upload: Wave 2 recontact (" + businessKey + ")");
    assertThat(tasks.getVariable(first.getId(), "reviewSubject")).asString().contains("Wave 2 recontact")
        .contains(businessKey);
    assertThat(tasks.getVariable(first.getId(), "jobSentIdCount")).isEqualTo(200);
    assertThat(tasks.getVariable(first.getId(), "jobSavedIdCount")).isEqualTo(185);
    assertThat(tasks.getVariable(first.getId(), "failedIdCount")).isEqualTo(15);
    assertThat(failedIds(first)).containsExactlyElementsOf(refused);
    assertThat(tasks.getVariable(first.getId(), "cintDescription")).asString()
        .contains("185 respondent IDs uploaded successfully, 15 failed");
    assertThat(tasks.getVariable(first.getId(), "failureReason")).isNull();
    assertThat(tasks.getVariable(first.getId(), "reviewReason")).asString().contains("did not save 15")
        .contains("eligible for recontact").doesNotContain("invalid or empty");
    tasks.complete(first.getId(), Map.of("uploadDecision", "resubmit", "completesGoal", 200L));

    Task second = awaitReview(first.getId());
    assertThat(tasks.getVariable(second.getId(), "jobSentIdCount")).as("the resubmission alone").isEqualTo(15);
    assertThat(tasks.getVariable(second.getId(), "jobSavedIdCount")).isEqualTo(0);
    assertThat(tasks.getVariable(second.getId(), "failedIdCount")).isEqualTo(15);
    assertThat(failedIds(second)).as("each ID once")
        .containsExactlyElementsOf(refused);
    assertThat(tasks.getVariable(second.getId(), "sentIdCount")).as("distinct IDs of the run").isEqualTo(200);
    assertThat(tasks.getVariable(second.getId(), "savedCount")).isEqualTo(185);
    assertThat(tasks.getVariable(second.getId(), "cintDescription")).as("the first job's description is gone")
        .isNull();
    assertThat(tasks.getVariable(second.getId(), "failureReason")).asString()
        .startsWith("RecontactNoValidRespondentIds: ");
    assertThat(tasks.getVariable(second.getId(), "reviewReason")).asString().contains("failed")
        .contains("did not save 15").doesNotContain("invalid or empty");
    assertThat(tasks.getVariable(second.getId(), "runSummary")).isEqualTo("This run so far: 200 distinct IDs sent "
        + "in 2 upload job(s); Cint holds 185 respondent IDs for the target group; 15 of the IDs sent are not saved.");

    JsonNode waiting = status(businessKey);
    assertThat(waiting.path("state").asText()).isEqualTo("ACTIVE");
    assertThat(waiting.path("openTasks").get(0).path("name").asText()).isEqualTo(second.getName());
    assertThat(waiting.path("jobs").findValuesAsText("kind")).containsExactly("UPLOAD_INITIAL", "UPLOAD_RESUBMIT",
        "UPLOAD_RESUBMIT");
    assertThat(waiting.path("jobs").findValuesAsText("state")).containsExactly("PARTIAL", "FAILED", "PROPOSED");

    tasks.complete(second.getId(), Map.of("uploadDecision", "abort", "completesGoal", 200L, "decisionComment",
        "Cint does not know these 15 panelists: asked Cint support"));
    await(() -> engine.getHistoryService().createHistoricProcessInstanceQuery().processInstanceId(instanceId)
        .finished().count() == 1, "the recontact to end");
    JsonNode ended = status(businessKey);
    assertThat(ended.path("endEvent").asText()).isEqualTo("Aborted");
    assertThat(ended.path("variables").path("uploadDecisionComment").asText())
        .isEqualTo("Cint does not know these 15 panelists: asked Cint support");
    assertThat(ended.path("calledProcesses").get(0).path("variables").path("decisionComment").asText())
        .isEqualTo("Cint does not know these 15 panelists: asked Cint support");
    assertThat(ended.path("jobs").findValuesAsText("state")).containsExactly("PARTIAL", "FAILED", "DISCARDED");
  }

  JsonNode start(String file) {
    LinkedMultiValueMap<String, Object> parts = new LinkedMultiValueMap<>();
    parts.add("request", new HttpEntity<>(CintRecontactIntegrationTest.request(200, false,
        "https://survey.example.com/?rsid=[%RECONTACT_RSID%]"), jsonHeaders()));
    parts.add("file", new ByteArrayResource(file.getBytes(StandardCharsets.UTF_8)) {
      @Override
      public String getFilename() {
        return "wave2.csv";
      }
    });
    HttpHeaders headers = new HttpHeaders();
    headers.setContentType(MediaType.MULTIPART_FORM_DATA);
    return http.withBasicAuth("demo", "demo").postForObject("/api/cint/recontacts", new HttpEntity<>(parts, headers),
        JsonNode.class);
  }

  JsonNode status(String key) {
    return http.withBasicAuth("demo", "demo").getForObject("/api/cint/recontacts/" + key, JsonNode.class);
  }

  Task awaitReview(String notThisOne) {
    await(() -> engine.getTaskService().createTaskQuery().taskDefinitionKey("ReviewPartialUpload").list().stream()
        .anyMatch(t -> !t.getId().equals(notThisOne)), "a review");
    return engine.getTaskService().createTaskQuery().taskDefinitionKey("ReviewPartialUpload").singleResult();
  }

  /** What the form's link answers the approver: the IDs Cint did not save, from the upload batch tables. */
  List<String> failedIds(Task review) {
    Object path = engine.getTaskService().getVariable(review.getId(), "failedIdsPath");
    assertThat(path).isEqualTo("/api/cint/uploads/" + review.getProcessInstanceId() + "/failed-ids");
    JsonNode answer = http.withBasicAuth("approver", "approver").getForObject((String) path, JsonNode.class);
    assertThat(answer.path("failedIdCount").asInt()).isEqualTo(answer.path("ids").size());
    List<String> ids = new ArrayList<>();
    answer.path("ids").forEach(id -> ids.add(id.asText()));
    return ids;
  }

  static HttpHeaders jsonHeaders() {
    HttpHeaders headers = new HttpHeaders();
    headers.setContentType(MediaType.APPLICATION_JSON);
    return headers;
  }

  static HttpEntity<String> json(String body) {
    return new HttpEntity<>(body, jsonHeaders());
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
