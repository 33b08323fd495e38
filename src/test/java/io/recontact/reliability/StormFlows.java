package io.recontact.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.recontact.cint.client.CintClient;
import io.recontact.cint.client.TargetGroupRef;
import io.recontact.cint.recontact.CintRecontactIntegrationTest;
import io.recontact.sandbox.seed.TolunaSandboxData;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.BooleanSupplier;
import org.camunda.bpm.engine.ProcessEngine;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.core.io.ByteArrayResource;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;

/**
 * Drives both flows over the application's own APIs, as a user would (REST starts, approver decisions over engine
 * REST), and reads what happened from the simulators' admin state, the engine and the tables. Shared by the fault
 * storm, outage and load tests. The Toluna part gives panel A surveys of its own over the sandbox members.
 */
final class StormFlows {

  /** The same properties for every storm test class, so they share one Spring context. */
  static final String CINT_READ_TIMEOUT = "recontact.cint.read-timeout=1s";
  static final String TOLUNA_READ_TIMEOUT = "recontact.toluna.read-timeout=1s";
  /** Camunda's retry cycle, short: a fault costs a second, not ten. */
  static final String RETRY_CYCLE = "camunda.bpm.generic-properties.properties.failedJobRetryTimeCycle="
      + "PT1S,PT1S,PT1S,PT1S";
  /** Member calls spaced 150 ms apart by the client, 100 ms by the simulator: Toluna's rule, faster. */
  static final String MEMBER_SPACING = "recontact.toluna.member-call-spacing=150ms";
  static final String SIMULATOR_MEMBER_SPACING = "recontact.sandbox.toluna.member-call-spacing=100ms";
  /**
   * An engine of its own name: engine REST without a name addresses the JVM's engine called "default", which must
   * stay the main test context's; this context's engine REST is {@link #ENGINE_REST}.
   */
  static final String ENGINE_NAME = "camunda.bpm.process-engine-name=storm";
  static final String ENGINE_REST = "/engine-rest/engine/storm";

  static final String PANEL = TolunaSandboxData.PANEL_A;
  /** Slower than both read timeouts. */
  static final long SLOW_MILLIS = 1500;

  /** A Toluna quota of this test: its survey and its recontact list (sandbox code numbers, inclusive). */
  record TolunaQuota(long surveyId, long quotaId, int fromCode, int toCode) {
  }

  /** A started cintRecontact: instance, business key, and the IDs of its file. */
  record CintRun(String instanceId, String businessKey, List<String> ids) {
  }

  final TestRestTemplate http;
  final ProcessEngine engine;
  final JdbcTemplate jdbc;
  final CintClient cint;

  StormFlows(TestRestTemplate http, ProcessEngine engine, JdbcTemplate jdbc, CintClient cint) {
    this.http = http;
    this.engine = engine;
    this.jdbc = jdbc;
    this.cint = cint;
  }

  // ---------------------------------------------------------------- simulators

  void resetEverything() {
    engine.getRuntimeService().createProcessInstanceQuery().rootProcessInstances().list().forEach(p ->
        engine.getRuntimeService().deleteProcessInstance(p.getId(), "storm test clean-up"));
    http.postForEntity("/sandbox/cint/admin/reset", null, String.class);
    http.postForEntity("/sandbox/toluna/admin/reset", null, String.class);
    http.delete("/sandbox/partner/messages");
    for (String table : List.of("toluna_invite_delivery", "toluna_invite", "toluna_survey_member",
        "toluna_quota_member", "toluna_fetch_cursor", "toluna_quota_run", "toluna_panel_sweep", "toluna_quota")) {
      jdbc.update("delete from " + table);
    }
  }

  /** {@code simulator} = cint or toluna. */
  void storm(String simulator, String settings) {
    send(HttpMethod.POST, "/sandbox/" + simulator + "/admin/storm", settings);
  }

  JsonNode calm(String simulator) {
    return http.exchange("/sandbox/" + simulator + "/admin/storm", HttpMethod.DELETE, null, JsonNode.class)
        .getBody();
  }

  JsonNode state(String simulator) {
    return http.getForObject("/sandbox/" + simulator + "/admin/state", JsonNode.class);
  }

  void send(HttpMethod method, String path, String json) {
    HttpHeaders headers = new HttpHeaders();
    headers.setContentType(MediaType.APPLICATION_JSON);
    ResponseEntity<String> answer = http.exchange(path, method, new HttpEntity<>(json, headers), String.class);
    assertThat(answer.getStatusCode().is2xxSuccessful()).as(path + ": " + answer.getBody()).isTrue();
  }

  // ---------------------------------------------------------------- Cint

  CintRun startRecontact(int ids) {
    List<String> list = new ArrayList<>();
    for (int i = 0; i < ids; i++) {
      list.add(UUID.randomUUID().toString());
    }
    ResponseEntity<JsonNode> started = http.withBasicAuth("demo", "demo").postForEntity("/api/cint/recontacts",
        new HttpEntity<>(parts(CintRecontactIntegrationTest.request(ids, true,
            "https://survey.example.com/?rsid=[%RECONTACT_RSID%]"), list), multipart()), JsonNode.class);
    assertThat(started.getStatusCode()).as(String.valueOf(started.getBody())).isEqualTo(HttpStatus.CREATED);
    return new CintRun(started.getBody().get("processInstanceId").asText(),
        started.getBody().get("businessKey").asText(), list);
  }

  /** Starts cintReplaceRecontacts with a new list of {@code ids} IDs; returns the instance and the new IDs. */
  CintRun startReplacement(String targetGroupId, int ids) {
    List<String> list = new ArrayList<>();
    for (int i = 0; i < ids; i++) {
      list.add(UUID.randomUUID().toString());
    }
    ResponseEntity<JsonNode> started = http.withBasicAuth("demo", "demo").postForEntity(
        "/api/cint/target-groups/" + targetGroupId + "/recontacts/replacement", new HttpEntity<>(parts(
            "{\"accountId\":101,\"projectId\":\"" + CintRecontactIntegrationTest.PROJECT
                + "\",\"entityType\":\"RSID\",\"completesGoal\":" + ids + "}", list), multipart()), JsonNode.class);
    assertThat(started.getStatusCode()).as(String.valueOf(started.getBody())).isEqualTo(HttpStatus.CREATED);
    return new CintRun(started.getBody().get("processInstanceId").asText(), null, list);
  }

  String startRemoval(String targetGroupId) {
    HttpHeaders json = new HttpHeaders();
    json.setContentType(MediaType.APPLICATION_JSON);
    ResponseEntity<JsonNode> started = http.withBasicAuth("demo", "demo").postForEntity(
        "/api/cint/target-groups/" + targetGroupId + "/recontacts/removal", new HttpEntity<>(
            "{\"accountId\":101,\"projectId\":\"" + CintRecontactIntegrationTest.PROJECT + "\"}", json),
        JsonNode.class);
    assertThat(started.getStatusCode()).as(String.valueOf(started.getBody())).isEqualTo(HttpStatus.CREATED);
    return started.getBody().get("processInstanceId").asText();
  }

  String targetGroupId(String instanceId) {
    return (String) engine.getHistoryService().createHistoricVariableInstanceQuery().processInstanceId(instanceId)
        .variableName("targetGroupId").singleResult().getValue();
  }

  /** The RSIDs Cint lists as eligible for the group (call this with the storm stopped). */
  Set<String> eligibleAtCint(String targetGroupId) {
    Set<String> eligible = new HashSet<>();
    cint.forEachEligibleRsidPage(new TargetGroupRef(101, CintRecontactIntegrationTest.PROJECT, targetGroupId),
        eligible::addAll);
    return eligible;
  }

  static MultiValueMap<String, Object> parts(String request, List<String> ids) {
    MultiValueMap<String, Object> parts = new LinkedMultiValueMap<>();
    HttpHeaders json = new HttpHeaders();
    json.setContentType(MediaType.APPLICATION_JSON);
    parts.add("request", new HttpEntity<>(request, json));
    parts.add("file", new ByteArrayResource((String.join("\n", ids) + "\n").getBytes(StandardCharsets.UTF_8)) {
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

  String endOf(String instanceId) {
    var done = engine.getHistoryService().createHistoricProcessInstanceQuery().processInstanceId(instanceId)
        .finished().singleResult();
    return done == null ? null : done.getEndActivityId();
  }

  // ---------------------------------------------------------------- Toluna

  /** Puts the quotas (one survey per distinct surveyId) and their recontact lists into the Toluna simulator. */
  void tolunaInventory(List<TolunaQuota> quotas) {
    String quota = """
        {"QuotaID": %d, "CompletesRequired": 5000, "EstimatedCompletesRemaining": 5000, "Layers": [{"LayerID": %d,
          "SubQuotas": [{"SubQuotaID": %d, "CurrentCompletes": 0, "MaxTargetCompletes": 5000,
            "QuestionsAndAnswers": [{"QuestionID": 1001538, "AnswerIDs": [], "AnswerValues": ["18-99"],
              "IsRoutable": false}]}]}]}""";
    String survey = """
        {"SurveyID": %d, "SurveyName": "RC-STORM-%d", "WaveID": %d, "LOI": 10, "IR": 60,
          "Price": {"Amount": 2.0, "CurrencyID": 1}, "IsSurveyRecontact": true, "CompletesRequired": 10000,
          "EstimatedCompletesRemaining": 10000, "Quotas": [%s]}""";
    Map<Long, List<String>> bySurvey = new java.util.TreeMap<>();
    for (TolunaQuota q : quotas) {
      bySurvey.computeIfAbsent(q.surveyId(), s -> new ArrayList<>()).add(quota.formatted(q.quotaId(),
          q.quotaId() * 10, q.quotaId() * 100));
    }
    List<String> surveys = new ArrayList<>();
    bySurvey.forEach((id, qs) -> surveys.add(survey.formatted(id, id, id + 90_000, String.join(", ", qs))));
    send(HttpMethod.PUT, "/sandbox/toluna/admin/panels/" + PANEL + "/quotas",
        "{\"CountryID\": 2000223, \"Surveys\": [" + String.join(", ", surveys) + "]}");
    for (TolunaQuota q : quotas) {
      List<String> codes = new ArrayList<>();
      for (int n = q.fromCode(); n <= q.toCode(); n++) {
        codes.add("\"" + TolunaSandboxData.code(n) + "\"");
      }
      send(HttpMethod.PUT, "/sandbox/toluna/admin/panels/" + PANEL + "/recontact/" + q.quotaId() + "/members",
          "[" + String.join(",", codes) + "]");
    }
  }

  String sweep() {
    ResponseEntity<JsonNode> answer = http.withBasicAuth("demo", "demo").postForEntity("/api/toluna/sweeps", null,
        JsonNode.class);
    assertThat(answer.getStatusCode()).isEqualTo(HttpStatus.ACCEPTED);
    return answer.getBody().path("processInstanceId").asText();
  }

  String quotaInstance(long quotaId) {
    List<String> ids = jdbc.queryForList("select process_instance_id from toluna_quota_run where panel_guid = ? and "
        + "quota_id = ? and active = true", String.class, PANEL, quotaId);
    return ids.isEmpty() ? null : ids.get(0);
  }

  /** Completes every open review task of the Toluna quotas with "proceed", as the approver over engine REST. */
  int proceedWithReviews() {
    int decided = 0;
    for (var task : engine.getTaskService().createTaskQuery().processDefinitionKey("tolunaRecontactQuota")
        .taskDefinitionKey("ReviewValidationExceptions").list()) {
      HttpHeaders headers = new HttpHeaders();
      headers.setContentType(MediaType.APPLICATION_JSON);
      ResponseEntity<String> answer = http.withBasicAuth("approver", "approver").exchange(ENGINE_REST + "/task/"
          + task.getId() + "/complete", HttpMethod.POST, new HttpEntity<>(
              "{\"variables\": {\"exceptionDecision\": {\"value\": \"proceed\"}}}", headers), String.class);
      assertThat(answer.getStatusCode().is2xxSuccessful()).as(answer.getBody()).isTrue();
      decided++;
    }
    return decided;
  }

  /** Fed and waiting for the next change: the quota instance's resting state. */
  boolean fed(String instanceId) {
    return instanceId != null
        && engine.getRuntimeService().createProcessInstanceQuery().processInstanceId(instanceId).count() == 1
        && engine.getRuntimeService().getActiveActivityIds(instanceId).contains("WaitForQuotaChange")
        && engine.getManagementService().createJobQuery().processInstanceId(instanceId).executable().count() == 0;
  }

  /** Every quota's members end in a final state: nobody left matched but not invited, or invited but undelivered. */
  void assertTolunaExactlyOnce(List<TolunaQuota> quotas) {
    assertThat(jdbc.queryForList("select distinct state from toluna_quota_member", String.class))
        .as("no member left half-way").doesNotContain("RECEIVED", "VALID", "MATCHED", "INVITED");
    assertThat(jdbc.queryForObject("select count(*) from (select survey_id, member_code from toluna_invite group by "
        + "survey_id, member_code having count(*) > 1) t", Long.class)).as("one invite per member and survey")
        .isZero();
    assertThat(jdbc.queryForObject("select count(*) from toluna_invite i where (select count(*) from "
        + "toluna_invite_delivery d where d.invite_id = i.invite_id and d.state = 'DELIVERED') <> 1", Long.class))
        .as("every invite delivered exactly once").isZero();
    long delivered = jdbc.queryForObject("select count(*) from toluna_quota_member where state = 'DELIVERED'",
        Long.class);
    assertThat(jdbc.queryForObject("select count(*) from toluna_invite", Long.class)).isEqualTo(delivered);
    for (TolunaQuota q : quotas) {
      assertThat(jdbc.queryForObject("select count(*) from toluna_quota_member where quota_id = ?", Long.class,
          q.quotaId())).as("every code of quota " + q.quotaId() + " read once")
          .isEqualTo(q.toCode() - q.fromCode() + 1L);
    }
    JsonNode partner = http.getForObject("/sandbox/partner/messages?limit=1", JsonNode.class);
    assertThat(partner.path("duplicates").asLong()).as("the partner saw no invite twice").isZero();
    assertThat(partner.path("received").asLong()).isEqualTo(delivered);
  }

  // ---------------------------------------------------------------- waiting

  void await(BooleanSupplier condition, Duration timeout, String what) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("Timed out waiting for " + what + "; incidents: " + incidents()
            + "; instances: " + engine.getRuntimeService().createProcessInstanceQuery().list().stream()
                .map(p -> p.getBusinessKey() + " at " + engine.getRuntimeService().getActiveActivityIds(p.getId()))
                .toList() + "; failing jobs: " + engine.getManagementService().createJobQuery().withException()
                .list().stream().map(j -> j.getExceptionMessage()).toList());
      }
      try {
        Thread.sleep(200);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError(e);
      }
    }
  }

  List<String> incidents() {
    return engine.getRuntimeService().createIncidentQuery().list().stream()
        .map(i -> i.getActivityId() + ": " + i.getIncidentMessage()).toList();
  }

  /** Failed job executions recorded in history: each is a fault that cost a Camunda retry. */
  long failedJobRuns() {
    return engine.getHistoryService().createHistoricJobLogQuery().failureLog().count();
  }
}
