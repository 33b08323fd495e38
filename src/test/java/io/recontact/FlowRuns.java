package io.recontact;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.recontact.cint.recontact.CintRecontactIntegrationTest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.task.Task;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.core.io.ByteArrayResource;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;

/**
 * Both flows end to end in the sandbox, started by the {@code operator} as a user would: a Cint recontact to a live
 * target group, and one Toluna recontact quota from the sweep through its review, invites, pause and close. Tests that
 * read back what a whole run left behind (metrics, secrets) share this scenario.
 */
public record FlowRuns(TestRestTemplate http, ProcessEngine engine, JdbcTemplate jdbc) {

  /** Starts a recontact with this file, approves its review with {@code goal}, and waits for TargetGroupLive. */
  public String cintRecontact(String fileName, String csv, int goal) {
    http.postForEntity("/sandbox/cint/admin/reset", null, String.class);
    String instance = startCintRecontact(fileName, csv, goal).path("processInstanceId").asText();
    await(() -> engine.getTaskService().createTaskQuery().taskDefinitionKey("ReviewRespondentFile").count() == 1,
        "the file review");
    Task review = engine.getTaskService().createTaskQuery().taskDefinitionKey("ReviewRespondentFile").singleResult();
    engine.getTaskService().complete(review.getId(), Map.of("fileDecision", "approve", "completesGoal", (long) goal));
    await(() -> engine.getHistoryService().createHistoricProcessInstanceQuery().processInstanceId(instance)
        .finished().count() == 1, "the recontact to end");
    assertThat(engine.getHistoryService().createHistoricProcessInstanceQuery().processInstanceId(instance)
        .singleResult().getEndActivityId()).isEqualTo("TargetGroupLive");
    return instance;
  }

  /** {@code POST /api/cint/recontacts} as the operator (launch requested); the 201 answer. */
  public JsonNode startCintRecontact(String fileName, String csv, int goal) {
    MultiValueMap<String, Object> parts = new LinkedMultiValueMap<>();
    HttpHeaders json = new HttpHeaders();
    json.setContentType(MediaType.APPLICATION_JSON);
    parts.add("request", new HttpEntity<>(CintRecontactIntegrationTest.request(goal, true,
        "https://survey.example.com/?rsid=[%RECONTACT_RSID%]"), json));
    parts.add("file", new ByteArrayResource(csv.getBytes(StandardCharsets.UTF_8)) {
      @Override
      public String getFilename() {
        return fileName;
      }
    });
    HttpHeaders multipart = new HttpHeaders();
    multipart.setContentType(MediaType.MULTIPART_FORM_DATA);
    ResponseEntity<JsonNode> started = http.withBasicAuth("operator", "operator").postForEntity(
        "/api/cint/recontacts", new HttpEntity<>(parts, multipart), JsonNode.class);
    assertThat(started.getStatusCode().value()).as(String.valueOf(started.getBody())).isEqualTo(201);
    return started.getBody();
  }

  /**
   * Offers one recontact survey with one quota over {@code codes} (JSON strings), sweeps, proceeds past the review if
   * one opens, waits for the invites, then switches the quota off and closes the survey; returns the quota instance.
   */
  public String tolunaQuota(String panel, long survey, long quota, String surveyName, long waveId,
      List<String> codes) {
    return tolunaQuota(panel, survey, quota, surveyName, waveId, codes, () -> { });
  }

  /** As above; {@code whileLive} runs once the invites are out, before the quota is switched off and closed. */
  public String tolunaQuota(String panel, long survey, long quota, String surveyName, long waveId,
      List<String> codes, Runnable whileLive) {
    http.postForEntity("/sandbox/toluna/admin/reset", null, String.class);
    put("/sandbox/toluna/admin/panels/" + panel + "/quotas", """
        {"CountryID": 2000223, "Surveys": [{"SurveyID": %d, "SurveyName": "%s", "WaveID": %d, "LOI": 10,
          "IR": 60, "Price": {"Amount": 2.0, "CurrencyID": 1}, "IsSurveyRecontact": true, "CompletesRequired": 100,
          "EstimatedCompletesRemaining": 100, "Quotas": [{"QuotaID": %d, "CompletesRequired": 100,
          "EstimatedCompletesRemaining": 100, "Layers": [{"LayerID": 1, "SubQuotas": [{"SubQuotaID": 1,
          "CurrentCompletes": 0, "MaxTargetCompletes": 100, "QuestionsAndAnswers": [{"QuestionID": 1001538,
          "AnswerIDs": [], "AnswerValues": ["18-99"], "IsRoutable": false}]}]}]}]}]}
        """.formatted(survey, surveyName, waveId, quota));
    put("/sandbox/toluna/admin/panels/" + panel + "/recontact/" + quota + "/members", codes.toString());
    ResponseEntity<String> sweep = http.withBasicAuth("operator", "operator").postForEntity("/api/toluna/sweeps",
        json(""), String.class);
    assertThat(sweep.getStatusCode().value()).as(sweep.getBody()).isEqualTo(202);
    await(() -> engine.getRuntimeService().createProcessInstanceQuery().processDefinitionKey("tolunaQuotaSweep")
        .count() == 0 && quotaInstance(panel, quota) != null, "the sweep");
    String instance = quotaInstance(panel, quota);
    await(() -> engine.getTaskService().createTaskQuery().processInstanceId(instance).count() == 1
        || waitsForChange(instance), "the review or the invites");
    Task review = engine.getTaskService().createTaskQuery().processInstanceId(instance).singleResult();
    if (review != null) {
      engine.getTaskService().complete(review.getId(), Map.of("exceptionDecision", "proceed"));
    }
    await(() -> waitsForChange(instance), "the invites");
    whileLive.run();
    http.postForEntity("/sandbox/toluna/admin/quotas/" + quota + "/status", json("{\"IsLive\": false}"),
        String.class);
    await(() -> Boolean.FALSE.equals(jdbc.queryForObject("select live from toluna_quota where panel_guid = ? and "
        + "quota_id = ?", Boolean.class, panel, quota)), "the pause notification");
    http.postForEntity("/sandbox/toluna/admin/surveys/" + survey + "/close", json("{}"), String.class);
    await(() -> engine.getRuntimeService().createProcessInstanceQuery().processInstanceId(instance).count() == 0,
        "the survey closed notification to end the quota");
    return instance;
  }

  /** Polls every 200 ms for up to 90 s; a timeout names what was awaited and the incidents raised meanwhile. */
  public void await(BooleanSupplier condition, String what) {
    long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        String incidents = engine.getRuntimeService().createIncidentQuery().list().stream()
            .map(i -> i.getActivityId() + ": " + i.getIncidentMessage()).toList().toString();
        throw new AssertionError("Timed out waiting for " + what + "; incidents: " + incidents);
      }
      try {
        Thread.sleep(200);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError(e);
      }
    }
  }

  private String quotaInstance(String panel, long quota) {
    List<String> ids = jdbc.queryForList("select process_instance_id from toluna_quota_run where panel_guid = ? and "
        + "quota_id = ? and active = true", String.class, panel, quota);
    return ids.isEmpty() ? null : ids.get(0);
  }

  private boolean waitsForChange(String instance) {
    return engine.getRuntimeService().createProcessInstanceQuery().processInstanceId(instance).count() == 1
        && engine.getRuntimeService().getActiveActivityIds(instance).contains("WaitForQuotaChange")
        && engine.getManagementService().createJobQuery().processInstanceId(instance).executable().count() == 0;
  }

  private void put(String path, String body) {
    var answer = http.exchange(path, HttpMethod.PUT, json(body), String.class);
    assertThat(answer.getStatusCode().is2xxSuccessful()).as(path + ": " + answer.getBody()).isTrue();
  }

  private static HttpEntity<String> json(String body) {
    HttpHeaders headers = new HttpHeaders();
    headers.setContentType(MediaType.APPLICATION_JSON);
    return new HttpEntity<>(body, headers);
  }
}
