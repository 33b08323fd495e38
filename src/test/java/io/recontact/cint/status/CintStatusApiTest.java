package io.recontact.cint.status;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.recontact.cint.recontact.CintRecontactIntegrationTest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.function.BooleanSupplier;
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
import org.springframework.http.ResponseEntity;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.util.LinkedMultiValueMap;

/** The status API over HTTP: list, filters, pages, running jobs, replacements and removals, 400 and 404 bodies. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
class CintStatusApiTest {

  static final ObjectMapper JSON = new ObjectMapper();
  static final String LIVE_URL = "https://survey.example.com/?rsid=[%RECONTACT_RSID%]";

  @Autowired
  TestRestTemplate http;

  @BeforeEach
  @AfterEach
  void resetMarketplace() {
    http.postForEntity("/sandbox/cint/admin/reset", null, String.class);
  }

  @Test
  void listsRecontactsFilteredPagedNewestFirstAndShowsARunningUploadsJobs() throws Exception {
    String token = "Status-" + UUID.randomUUID();
    // Cint takes five seconds per job: long enough to see the upload job while Cint processes it, even on a busy machine.
    http.postForEntity("/sandbox/cint/admin/settings", json("{\"jobBaseMillis\": 5000}"), String.class);
    String first = start(token + " first", 3);
    await(() -> status(first).path("jobs").findValuesAsText("state").contains("SENT"), "the upload job at Cint");
    JsonNode running = status(first);
    assertThat(running.path("state").asText()).isEqualTo("ACTIVE");
    assertThat(running.path("activeActivities").toString()).contains("UploadRespondents");
    JsonNode job = running.path("jobs").get(0);
    assertThat(job.path("kind").asText()).isEqualTo("UPLOAD_INITIAL");
    assertThat(job.path("jobId").asText()).hasSize(26);
    assertThat(job.path("idCount").asInt()).isEqualTo(3);
    assertThat(running.path("calledProcesses").get(0).path("processDefinitionKey").asText())
        .isEqualTo("cintUploadRespondents");
    http.postForEntity("/sandbox/cint/admin/settings", json("{\"jobBaseMillis\": 300}"), String.class);
    String second = start(token + " second", 2);
    awaitEnded(first);
    awaitEnded(second);

    JsonNode both = list("?name=" + token.toLowerCase());
    assertThat(both.path("total").asLong()).as("case-insensitive substring of the target group name").isEqualTo(2);
    assertThat(both.path("items").findValuesAsText("businessKey")).containsExactly(second, first);
    assertThat(both.path("items").get(1).path("jobs").get(0).path("state").asText()).isEqualTo("COMPLETED");
    assertThat(both.path("items").get(1).path("variables").path("targetGroupName").asText())
        .isEqualTo(token + " first");
    JsonNode older = list("?name=" + token + "&size=1&page=1");
    assertThat(older.path("items").findValuesAsText("businessKey")).containsExactly(first);
    assertThat(older.path("size").asInt()).isEqualTo(1);
    String group = status(first).path("variables").path("targetGroupId").asText();
    assertThat(list("?targetGroupId=" + group).path("items").findValuesAsText("businessKey")).containsExactly(first);
    assertThat(list("?state=completed&name=" + token).path("total").asLong()).isEqualTo(2);
    assertThat(list("?state=ACTIVE&name=" + token).path("total").asLong()).isZero();
    assertThat(list("?name=" + token.replace("-", "_")).path("total").asLong()).as("_ is no wildcard").isZero();

    ResponseEntity<String> bad = http.withBasicAuth("demo", "demo").getForEntity(
        "/api/cint/recontacts?state=DONE&targetGroupId=abc&page=-1&size=101", String.class);
    assertThat(bad.getStatusCode().value()).isEqualTo(400);
    assertThat(JSON.readTree(bad.getBody()).path("problems").toString()).contains("state 'DONE' is unknown")
        .contains("targetGroupId 'abc'").contains("page must be a whole number").contains("size must be a whole "
            + "number from 1 to 100");
    ResponseEntity<String> unknown = http.withBasicAuth("demo", "demo").getForEntity(
        "/api/cint/recontacts/no-such-recontact", String.class);
    assertThat(unknown.getStatusCode().value()).isEqualTo(404);
    assertThat(JSON.readTree(unknown.getBody()).path("message").asText()).contains("no-such-recontact");
  }

  @Test
  void removalsAndReplacementsHaveTheirStatus() throws Exception {
    String recontact = start("Status removal " + UUID.randomUUID(), 2);
    awaitEnded(recontact);
    String group = status(recontact).path("variables").path("targetGroupId").asText();
    String coordinates = "{\"accountId\": 101, \"projectId\": \"" + CintRecontactIntegrationTest.PROJECT + "\"}";

    // The replacement first: its removal finds the IDs the recontact saved, so it starts a remove-all job.
    LinkedMultiValueMap<String, Object> parts = new LinkedMultiValueMap<>();
    parts.add("request", new HttpEntity<>(coordinates.replace("}", ", \"entityType\": \"RSID\", "
        + "\"completesGoal\": 1}"), jsonHeaders()));
    parts.add("file", file(UUID.randomUUID() + "\n"));
    JsonNode replacement = http.withBasicAuth("demo", "demo").postForObject("/api/cint/target-groups/" + group
        + "/recontacts/replacement", new HttpEntity<>(parts, multipart()), JsonNode.class);
    String replacementKey = replacement.path("businessKey").asText();
    // The start answers where to follow the instance, also once it ended (Cockpit CE shows running ones only).
    String replacementStatus = replacement.path("status").asText();
    assertThat(replacementStatus).isEqualTo("/api/cint/replacements/" + replacement.path("processInstanceId")
        .asText());
    await(() -> "COMPLETED".equals(get(replacementStatus).path("state").asText()), "the replacement");
    JsonNode replaced = get("/api/cint/replacements/" + replacementKey);
    assertThat(replaced.path("endEvent").asText()).isEqualTo("RecontactsReplaced");
    assertThat(replaced.path("calledProcesses").findValuesAsText("processDefinitionKey"))
        .containsExactly("cintRemoveRecontacts", "cintUploadRespondents");
    assertThat(replaced.path("jobs").findValuesAsText("kind")).containsExactly("REMOVE_ALL", "UPLOAD_INITIAL");
    assertThat(replaced.path("variables").path("uploadOutcome").asText()).isEqualTo("UPLOADED");

    JsonNode removal = http.withBasicAuth("demo", "demo").postForObject("/api/cint/target-groups/" + group
        + "/recontacts/removal", json(coordinates), JsonNode.class);
    String removalKey = removal.path("businessKey").asText();
    assertThat(removal.path("status").asText()).isEqualTo("/api/cint/removals/" + removal.path("processInstanceId")
        .asText());
    await(() -> "COMPLETED".equals(get("/api/cint/removals/" + removalKey).path("state").asText()), "the removal");
    JsonNode removed = get(removal.path("status").asText());
    assertThat(removed.path("businessKey").asText()).isEqualTo(removalKey);
    assertThat(removed.path("endEvent").asText()).isEqualTo("RecontactsRemoved");
    assertThat(removed.path("jobs").get(0).path("kind").asText()).isEqualTo("REMOVE_ALL");
    assertThat(removed.path("jobs").get(0).path("state").asText()).isEqualTo("COMPLETED");

    ResponseEntity<String> wrongKind = http.withBasicAuth("demo", "demo").getForEntity("/api/cint/replacements/"
        + removalKey, String.class);
    assertThat(wrongKind.getStatusCode().value()).isEqualTo(404);
    assertThat(JSON.readTree(wrongKind.getBody()).path("message").asText()).contains("No replacement");
  }

  String start(String name, int ids) {
    StringBuilder file = new StringBuilder();
    for (int i = 0; i < ids; i++) {
      file.append(UUID.randomUUID()).append('\n');
    }
    LinkedMultiValueMap<String, Object> parts = new LinkedMultiValueMap<>();
    parts.add("request", new HttpEntity<>(CintRecontactIntegrationTest.request(ids, false, LIVE_URL)
        .replace("Wave 2 recontact", name), jsonHeaders()));
    parts.add("file", file(file.toString()));
    JsonNode started = http.withBasicAuth("demo", "demo").postForObject("/api/cint/recontacts",
        new HttpEntity<>(parts, multipart()), JsonNode.class);
    assertThat(started.path("businessKey").asText()).as(started.toString()).isNotEmpty();
    assertThat(started.path("status").asText()).isEqualTo("/api/cint/recontacts/" + started.path("processInstanceId")
        .asText());
    assertThat(get(started.path("status").asText()).path("businessKey").asText())
        .isEqualTo(started.path("businessKey").asText());
    return started.path("businessKey").asText();
  }

  JsonNode status(String key) {
    return get("/api/cint/recontacts/" + key);
  }

  JsonNode list(String query) {
    return get("/api/cint/recontacts" + query);
  }

  JsonNode get(String path) {
    return http.withBasicAuth("demo", "demo").getForObject(path, JsonNode.class);
  }

  void awaitEnded(String key) {
    await(() -> List.of("COMPLETED").contains(status(key).path("state").asText()), "the end of " + key);
  }

  static ByteArrayResource file(String content) {
    return new ByteArrayResource(content.getBytes(StandardCharsets.UTF_8)) {
      @Override
      public String getFilename() {
        return "ids.csv";
      }
    };
  }

  static HttpHeaders jsonHeaders() {
    HttpHeaders headers = new HttpHeaders();
    headers.setContentType(MediaType.APPLICATION_JSON);
    return headers;
  }

  static HttpHeaders multipart() {
    HttpHeaders headers = new HttpHeaders();
    headers.setContentType(MediaType.MULTIPART_FORM_DATA);
    return headers;
  }

  static HttpEntity<String> json(String body) {
    return new HttpEntity<>(body, jsonHeaders());
  }

  static void await(BooleanSupplier condition, String what) {
    long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("Timed out waiting for " + what);
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
