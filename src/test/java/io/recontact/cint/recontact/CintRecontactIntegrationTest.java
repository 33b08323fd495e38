package io.recontact.cint.recontact;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.recontact.api.ApiContract;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.BooleanSupplier;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.history.HistoricProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
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

/** The application end to end: REST start, engine, real Feign client, Cint simulator over HTTP. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
@ExtendWith(OutputCaptureExtension.class)
public class CintRecontactIntegrationTest {

  public static final String PROJECT = "01JX2X0N5RTR012AYDTA83QWP1";

  @Autowired
  TestRestTemplate http;

  @Autowired
  ProcessEngine engine;

  @BeforeEach
  void resetMarketplace() {
    http.postForEntity("/sandbox/cint/admin/reset", null, String.class);
  }

  public static String request(int goal, boolean launch, String liveUrl) {
    Instant start = Instant.now().plus(1, ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS);
    return """
        {"accountId": 101, "projectId": "%s", "entityType": "RSID", "launch": %s,
         "endFieldingAt": "%s",
         "targetGroup": {"name": "Wave 2 recontact", "locale": "eng_us", "business_unit_id": "3337",
           "project_manager_id": "b551326b-ac9d-4d32-8823-4f025787dab9",
           "fielding_specification": {"start_at": "%s", "end_at": "%s"},
           "completes_goal": %d, "expected_length_of_interview_minutes": 10, "expected_incidence_rate": 0.9,
           "live_url": "%s", "test_url": "https://survey.example.com/t?rsid=[%%RECONTACT_RSID%%]"}}
        """.formatted(PROJECT, launch, start.plus(20, ChronoUnit.DAYS), start, start.plus(14, ChronoUnit.DAYS), goal,
        liveUrl);
  }

  ResponseEntity<JsonNode> post(String request, String fileName, byte[] file) {
    MultiValueMap<String, Object> parts = new LinkedMultiValueMap<>();
    HttpHeaders json = new HttpHeaders();
    json.setContentType(MediaType.APPLICATION_JSON);
    parts.add("request", new HttpEntity<>(request, json));
    if (file != null) {
      parts.add("file", new ByteArrayResource(file) {
        @Override
        public String getFilename() {
          return fileName;
        }
      });
    }
    HttpHeaders headers = new HttpHeaders();
    headers.setContentType(MediaType.MULTIPART_FORM_DATA);
    return http.withBasicAuth("demo", "demo").postForEntity("/api/cint/recontacts", new HttpEntity<>(parts, headers),
        JsonNode.class);
  }

  @Test
  void fileWithHeaderDuplicatesAndInvalidIdsEndsLiveWithTheAcceptedIds(CapturedOutput output) {
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < 40; i++) {
      ids.add(UUID.randomUUID().toString());
    }
    String file = "\uFEFFrespondent_id\r\n" + String.join("\r\n", ids) + "\r\n" + ids.get(0).toUpperCase()
        + "\r\n\r\nnot-an-id\r\n";
    ResponseEntity<JsonNode> started = post(request(30, true, "https://survey.example.com/?rsid=[%RECONTACT_RSID%]"),
        "wave2.csv", file.getBytes(java.nio.charset.StandardCharsets.UTF_8));

    assertThat(started.getStatusCode()).as(String.valueOf(started.getBody())).isEqualTo(HttpStatus.CREATED);
    JsonNode figures = started.getBody().get("file");
    assertThat(figures.get("accepted").asInt()).isEqualTo(40);
    assertThat(figures.get("duplicates").asInt()).isEqualTo(1);
    assertThat(figures.get("blank").asInt()).isEqualTo(1);
    assertThat(figures.get("invalid").asInt()).isEqualTo(1);
    assertThat(figures.get("headerDetected").asBoolean()).isTrue();
    String instanceId = started.getBody().get("processInstanceId").asText();

    Task review = awaitTask("ReviewRespondentFile");
    // What Tasklist does for the approver: fetch the task's Camunda Form by its deployment reference.
    ResponseEntity<String> form = http.withBasicAuth("approver", "approver")
        .getForEntity("/engine-rest/task/" + review.getId() + "/deployed-form", String.class);
    assertThat(form.getStatusCode()).isEqualTo(HttpStatus.OK);
    assertThat(form.getBody()).contains("reviewRespondentFile").contains("fileDecision");
    JsonNode formVariables = http.withBasicAuth("approver", "approver")
        .getForObject("/engine-rest/task/" + review.getId() + "/form-variables", JsonNode.class);
    assertThat(formVariables.get("duplicateCount").get("value").asInt()).isEqualTo(1);
    engine.getTaskService().complete(review.getId(), java.util.Map.of("fileDecision", "approve",
        "completesGoal", 30L));

    HistoricProcessInstance done = awaitEnd(instanceId);
    assertThat(done.getEndActivityId()).isEqualTo("TargetGroupLive");
    JsonNode state = http.getForObject("/sandbox/cint/admin/state", JsonNode.class);
    assertThat(state.get("targetGroups")).hasSize(1);
    JsonNode group = state.get("targetGroups").get(0);
    assertThat(group.get("status").asText()).isEqualTo("live");
    assertThat(group.get("storedRespondentIds").asInt()).isEqualTo(40);
    assertThat(group.get("completesGoal").asInt()).isEqualTo(30);

    JsonNode status = http.withBasicAuth("demo", "demo")
        .getForObject("/api/cint/recontacts/" + instanceId, JsonNode.class);
    assertThat(status.get("endEvent").asText()).isEqualTo("TargetGroupLive");
    assertThat(status.get("variables").get("targetGroupId").asText()).isEqualTo(group.get("id").asText());
    assertThat(status.get("variables").get("savedCount").asInt()).isEqualTo(40);
    // The IDs live in the project's tables, never in process variables.
    assertThat(engine.getHistoryService().createHistoricVariableInstanceQuery().processInstanceId(instanceId).list())
        .noneMatch(v -> String.valueOf(v.getValue()).contains(ids.get(5)));
    // grep <businessKey> follows the recontact through every Cint step (MDC on the job's log lines).
    String key = status.get("businessKey").asText();
    List<String> followed = output.getOut().lines().filter(l -> l.contains("[" + key + "|")).toList();
    assertThat(followed).anyMatch(l -> l.contains("|CreateDraftTargetGroup]") && l.contains(group.get("id").asText()))
        .anyMatch(l -> l.contains("|StartUploadJob]") && l.contains("(40 IDs"))
        .anyMatch(l -> l.contains("|CheckUploadJob]") && l.contains(": COMPLETED"))
        .anyMatch(l -> l.contains("|CheckLaunchJob]") && l.contains(": COMPLETED (fielding run"));
  }

  @Test
  void malformedRequestGets400WithEveryProblemAndStartsNothing() {
    long before = engine.getHistoryService().createHistoricProcessInstanceQuery().count();
    ResponseEntity<JsonNode> answer = post(request(0, true, "https://survey.example.com/?rsid=missing"),
        "x.csv", new byte[] {0, 1, 2, 3});

    assertThat(answer.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
    List<String> problems = new ArrayList<>();
    answer.getBody().get("problems").forEach(p -> problems.add(p.asText()));
    assertThat(problems).anyMatch(p -> p.contains("completes_goal"))
        .anyMatch(p -> p.contains("live_url") && p.contains("[%RECONTACT_RSID%]"))
        .anyMatch(p -> p.startsWith("file:"));
    assertThat(engine.getHistoryService().createHistoricProcessInstanceQuery().count()).isEqualTo(before);

    assertThat(post("{\"entityType\":\"EMAIL\"}", "x.csv", "a".getBytes()).getBody().get("problems").toString())
        .contains("entityType 'EMAIL' is unknown");
    HttpHeaders noBody = new HttpHeaders();
    noBody.add(ApiContract.DELIBERATELY_BAD, "no credentials, no body");
    assertThat(http.postForEntity("/api/cint/recontacts", new HttpEntity<>(noBody), String.class).getStatusCode())
        .isEqualTo(HttpStatus.UNAUTHORIZED);
  }

  Task awaitTask(String key) {
    await(() -> engine.getTaskService().createTaskQuery().taskDefinitionKey(key).count() > 0, "task " + key);
    return engine.getTaskService().createTaskQuery().taskDefinitionKey(key).singleResult();
  }

  HistoricProcessInstance awaitEnd(String instanceId) {
    await(() -> engine.getHistoryService().createHistoricProcessInstanceQuery().processInstanceId(instanceId)
        .finished().count() == 1, "end of " + instanceId);
    return engine.getHistoryService().createHistoricProcessInstanceQuery().processInstanceId(instanceId)
        .singleResult();
  }

  void await(BooleanSupplier condition, String what) {
    long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        String incidents = engine.getRuntimeService().createIncidentQuery().list().stream()
            .map(i -> i.getActivityId() + ": " + i.getIncidentMessage()).toList().toString();
        throw new AssertionError("Timed out waiting for " + what + "; incidents: " + incidents);
      }
      try {
        Thread.sleep(100);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError(e);
      }
    }
  }

  @Test
  void engineRestStartWithJsonRequestAndFileVariableBehavesTheSame() {
    String ids = UUID.randomUUID() + "\n" + UUID.randomUUID() + "\n";
    String body = """
        {"businessKey": "rest-1", "variables": {
          "request": {"type": "Json", "value": %s},
          "respondentFile": {"type": "File", "value": "%s",
            "valueInfo": {"filename": "rest.csv", "mimetype": "text/csv", "encoding": "UTF-8"}}}}
        """.formatted(com.fasterxml.jackson.databind.node.TextNode.valueOf(request(2, false,
            "https://survey.example.com/?rsid=[%RECONTACT_RSID%]")).toString(),
        java.util.Base64.getEncoder().encodeToString(ids.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
    HttpHeaders headers = new HttpHeaders();
    headers.setContentType(MediaType.APPLICATION_JSON);
    ResponseEntity<JsonNode> started = http.withBasicAuth("demo", "demo").postForEntity(
        "/engine-rest/process-definition/key/cintRecontact/start", new HttpEntity<>(body, headers), JsonNode.class);
    assertThat(started.getStatusCode()).as(String.valueOf(started.getBody())).isEqualTo(HttpStatus.OK);
    String instanceId = started.getBody().get("id").asText();

    assertThat(awaitEnd(instanceId).getEndActivityId()).isEqualTo("TargetGroupReady");
    assertThat(engine.getHistoryService().createHistoricVariableInstanceQuery().processInstanceId(instanceId)
        .variableName("respondentFile").includeDeleted().singleResult().getState()).as("file variable removed after storing")
        .isEqualTo("DELETED");
    JsonNode group = http.getForObject("/sandbox/cint/admin/state", JsonNode.class).get("targetGroups").get(0);
    assertThat(group.get("status").asText()).isEqualTo("draft");
    assertThat(group.get("storedRespondentIds").asInt()).isEqualTo(2);
  }

  @Test
  void lostAnswerToTheCreateNeverMakesASecondTargetGroup() {
    // Cint creates the group but answers after our read timeout: to us the call failed, the transaction rolls back.
    http.postForEntity("/sandbox/cint/admin/faults", new HttpEntity<>(
        "{\"operation\":\"create_target_group\",\"count\":1,\"delayMillis\":6000}", jsonHeaders()), String.class);
    String ids = UUID.randomUUID() + "\n" + UUID.randomUUID() + "\n";
    ResponseEntity<JsonNode> started = post(request(2, true, "https://survey.example.com/?rsid=[%RECONTACT_RSID%]"),
        "crash.csv", ids.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    String instanceId = started.getBody().get("processInstanceId").asText();

    await(() -> engine.getManagementService().createJobQuery().processInstanceId(instanceId).withException()
        .count() == 1, "the create to fail");
    await(() -> http.getForObject("/sandbox/cint/admin/state", JsonNode.class).get("targetGroups").size() == 1,
        "Cint to have created the group anyway");
    // Cockpit's "retry now" instead of waiting for the retry cycle.
    org.camunda.bpm.engine.runtime.Job failed = engine.getManagementService().createJobQuery()
        .processInstanceId(instanceId).withException().singleResult();
    engine.getManagementService().setJobDuedate(failed.getId(), new java.util.Date());

    assertThat(awaitEnd(instanceId).getEndActivityId()).isEqualTo("TargetGroupLive");
    JsonNode state = http.getForObject("/sandbox/cint/admin/state", JsonNode.class);
    assertThat(state.get("targetGroups")).hasSize(1);
    assertThat(state.get("calls").get("create_target_group").asInt()).isEqualTo(1);
  }

  @Test
  void requestOf150000IdsIsCappedWithAClearReviewAndUploaded() {
    StringBuilder file = new StringBuilder(150_000 * 37);
    for (int i = 0; i < 150_000; i++) {
      file.append(UUID.randomUUID()).append('\n');
    }
    ResponseEntity<JsonNode> started = post(request(1000, false, "https://survey.example.com/?rsid=[%RECONTACT_RSID%]"),
        "big.csv", file.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8));
    assertThat(started.getBody().get("file").get("accepted").asInt()).isEqualTo(150_000);
    String instanceId = started.getBody().get("processInstanceId").asText();

    Task review = awaitTask("ReviewRespondentFile");
    assertThat(engine.getTaskService().getVariable(review.getId(), "overCapacityCount")).isEqualTo(50_000);
    engine.getTaskService().complete(review.getId(), java.util.Map.of("fileDecision", "approve",
        "completesGoal", 1000L));

    assertThat(awaitEnd(instanceId).getEndActivityId()).isEqualTo("TargetGroupReady");
    JsonNode state = http.getForObject("/sandbox/cint/admin/state", JsonNode.class);
    JsonNode group = state.get("targetGroups").get(0);
    assertThat(group.get("storedRespondentIds").asInt()).isEqualTo(100_000);
    // Split into sequential jobs of at most 40,000 IDs (test setting), one after another.
    List<Integer> jobSizes = new ArrayList<>();
    state.get("jobs").forEach(job -> jobSizes.add(job.get("uploaded").asInt() + job.get("failed").asInt()));
    assertThat(jobSizes).containsExactlyInAnyOrder(40_000, 40_000, 20_000);
    Object summary = engine.getHistoryService().createHistoricVariableInstanceQuery().processInstanceId(instanceId)
        .variableName("overCapacityCount").singleResult().getValue();
    assertThat(summary).isEqualTo(50_000);
  }

  /** The failed job of the called upload process (it shares the business key). */
  org.camunda.bpm.engine.runtime.Job failedUploadJob(String businessKey) {
    return engine.getRuntimeService().createProcessInstanceQuery().processInstanceBusinessKey(businessKey).list()
        .stream()
        .flatMap(instance -> engine.getManagementService().createJobQuery().processInstanceId(instance.getId())
            .withException().list().stream())
        .findFirst().orElse(null);
  }

  static HttpHeaders jsonHeaders() {
    HttpHeaders headers = new HttpHeaders();
    headers.setContentType(MediaType.APPLICATION_JSON);
    return headers;
  }

  @Test
  void partialUploadResubmitsOnlyTheFailedIdThenAcceptsWithALowerGoal() {
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      ids.add(UUID.randomUUID().toString());
    }
    // Cint does not know one of the respondents: a well-formed file still ends in partial success.
    http.postForEntity("/sandbox/cint/admin/settings", new HttpEntity<>("{\"refusedIds\":[\"" + ids.get(3) + "\"]}",
        jsonHeaders()), String.class);
    ResponseEntity<JsonNode> started = post(request(5, true, "https://survey.example.com/?rsid=[%RECONTACT_RSID%]"),
        "partial.csv", String.join("\n", ids).getBytes(java.nio.charset.StandardCharsets.UTF_8));
    String instanceId = started.getBody().get("processInstanceId").asText();

    Task review = awaitTask("ReviewPartialUpload");
    assertThat(engine.getTaskService().getVariable(review.getId(), "failedIdCount")).isEqualTo(1);
    assertThat(engine.getTaskService().getVariable(review.getId(), "failedIdExamples")).as("no ID in a variable")
        .isNull();
    JsonNode failed = http.withBasicAuth("approver", "approver").getForObject(String.valueOf(engine.getTaskService()
        .getVariable(review.getId(), "failedIdsPath")), JsonNode.class);
    assertThat(failed.path("ids").toString()).isEqualTo("[\"" + ids.get(3) + "\"]");
    assertThat(String.valueOf(engine.getTaskService().getVariable(review.getId(), "cintDescription")))
        .contains("4 respondent IDs uploaded successfully, 1 failed");
    engine.getTaskService().complete(review.getId(), java.util.Map.of("uploadDecision", "resubmit",
        "completesGoal", 5L));

    await(() -> engine.getTaskService().createTaskQuery().taskDefinitionKey("ReviewPartialUpload").count() == 1
        && !review.getId().equals(engine.getTaskService().createTaskQuery().taskDefinitionKey("ReviewPartialUpload")
        .singleResult().getId()), "the second review");
    Task second = engine.getTaskService().createTaskQuery().taskDefinitionKey("ReviewPartialUpload").singleResult();
    JsonNode jobs = http.getForObject("/sandbox/cint/admin/state", JsonNode.class).get("jobs");
    List<JsonNode> uploads = new ArrayList<>();
    jobs.forEach(job -> {
      if ("UPLOAD".equals(job.get("kind").asText())) {
        uploads.add(job);
      }
    });
    assertThat(uploads).hasSize(2);
    assertThat(uploads).anySatisfy(job -> {
      assertThat(job.get("uploaded").asInt() + job.get("failed").asInt()).as("resubmission holds only the failed ID")
          .isEqualTo(1);
    });
    engine.getTaskService().complete(second.getId(), java.util.Map.of("uploadDecision", "accept",
        "completesGoal", 4L));

    assertThat(awaitEnd(instanceId).getEndActivityId()).isEqualTo("TargetGroupLive");
    JsonNode group = http.getForObject("/sandbox/cint/admin/state", JsonNode.class).get("targetGroups").get(0);
    assertThat(group.get("completesGoal").asInt()).as("lowered goal written to the draft").isEqualTo(4);
    assertThat(group.get("storedRespondentIds").asInt()).isEqualTo(4);
  }

  @Test
  void lostAnswerToAnUploadNeverUploadsTwice() {
    http.postForEntity("/sandbox/cint/admin/faults", new HttpEntity<>("{\"operation\":"
        + "\"recontact_create_upload_respondents_by_file_job\",\"count\":1,\"delayMillis\":6000}", jsonHeaders()),
        String.class);
    String ids = UUID.randomUUID() + "\n" + UUID.randomUUID() + "\n";
    ResponseEntity<JsonNode> started = post(request(2, false, "https://survey.example.com/?rsid=[%RECONTACT_RSID%]"),
        "lost.csv", ids.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    String businessKey = started.getBody().get("businessKey").asText();

    await(() -> failedUploadJob(businessKey) != null, "the upload call to fail");
    await(() -> http.getForObject("/sandbox/cint/admin/state", JsonNode.class).get("jobs").size() == 1,
        "Cint to have created the upload job anyway");
    engine.getManagementService().setJobDuedate(failedUploadJob(businessKey).getId(), new java.util.Date());

    assertThat(awaitEnd(started.getBody().get("processInstanceId").asText()).getEndActivityId())
        .isEqualTo("TargetGroupReady");
    JsonNode state = http.getForObject("/sandbox/cint/admin/state", JsonNode.class);
    assertThat(state.get("jobs")).as("the retry adopted Cint's job instead of uploading again").hasSize(1);
    assertThat(state.get("calls").get("recontact_create_upload_respondents_by_file_job").asInt()).isEqualTo(1);
    assertThat(state.get("targetGroups").get(0).get("storedRespondentIds").asInt()).isEqualTo(2);
  }
}
