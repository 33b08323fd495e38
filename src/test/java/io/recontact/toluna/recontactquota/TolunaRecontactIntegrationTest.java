package io.recontact.toluna.recontactquota;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.recontact.sandbox.seed.TolunaSandboxData;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BooleanSupplier;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.ActiveProfiles;

/**
 * The Toluna half end to end: sweep over REST, real Feign client against the Toluna simulator over HTTP, the member
 * directory, reviews through engine REST as the approver, webhook delivery to the sandbox receiver, notifications
 * from the simulator. The test gives panel A a survey of its own with two broad quotas over the same 40 members.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
@ExtendWith(OutputCaptureExtension.class)
class TolunaRecontactIntegrationTest {

  static final String PANEL = TolunaSandboxData.PANEL_A;
  static final long SURVEY = 3900001;
  static final long QUOTA_1 = 4900001;
  static final long QUOTA_2 = 4900002;

  @Autowired
  TestRestTemplate http;

  @Autowired
  ProcessEngine engine;

  @Autowired
  JdbcTemplate jdbc;

  @BeforeEach
  void ownSurvey() {
    endAllQuotaInstances();
    http.postForEntity("/sandbox/toluna/admin/reset", null, String.class);
    http.delete("/sandbox/partner/messages");
    for (String table : List.of("toluna_invite_delivery", "toluna_invite", "toluna_survey_member",
        "toluna_quota_member", "toluna_fetch_cursor", "toluna_quota_run", "toluna_panel_sweep", "toluna_quota")) {
      jdbc.update("delete from " + table);
    }
    put("/sandbox/toluna/admin/panels/" + PANEL + "/quotas", inventory());
    put("/sandbox/toluna/admin/panels/" + PANEL + "/recontact/" + QUOTA_1 + "/members", codes(1, 40));
    put("/sandbox/toluna/admin/panels/" + PANEL + "/recontact/" + QUOTA_2 + "/members", codes(1, 40));
  }

  @AfterEach
  void cleanUp() {
    endAllQuotaInstances();
    http.postForEntity("/sandbox/toluna/admin/reset", null, String.class);
  }

  void endAllQuotaInstances() {
    engine.getRuntimeService().createProcessInstanceQuery().processDefinitionKey("tolunaRecontactQuota").list()
        .forEach(p -> engine.getRuntimeService().deleteProcessInstance(p.getId(), "test clean-up"));
    engine.getRuntimeService().createProcessInstanceQuery().processDefinitionKey("tolunaQuotaSweep").list()
        .forEach(p -> engine.getRuntimeService().deleteProcessInstance(p.getId(), "test clean-up"));
  }

  static String inventory() {
    String quota = """
        {"QuotaID": %d, "CompletesRequired": 100, "EstimatedCompletesRemaining": 100, "Layers": [{"LayerID": %d,
          "SubQuotas": [{"SubQuotaID": %d, "CurrentCompletes": 0, "MaxTargetCompletes": 100,
            "QuestionsAndAnswers": [{"QuestionID": 1001538, "AnswerIDs": [], "AnswerValues": ["18-99"],
              "IsRoutable": false}]}]}]}""";
    return """
        {"CountryID": 2000223, "Surveys": [{"SurveyID": %d, "SurveyName": "RC-IT-US", "WaveID": 3990001, "LOI": 10,
          "IR": 60, "Price": {"Amount": 2.0, "CurrencyID": 1}, "IsSurveyRecontact": true, "CompletesRequired": 200,
          "EstimatedCompletesRemaining": 200, "Quotas": [%s, %s]}]}
        """.formatted(SURVEY, quota.formatted(QUOTA_1, QUOTA_1 * 10, QUOTA_1 * 100),
        quota.formatted(QUOTA_2, QUOTA_2 * 10, QUOTA_2 * 100));
  }

  static String codes(int from, int to) {
    List<String> codes = new ArrayList<>();
    for (int n = from; n <= to; n++) {
      codes.add("\"" + TolunaSandboxData.code(n) + "\"");
    }
    return "[" + String.join(",", codes) + "]";
  }

  void put(String path, String json) {
    HttpHeaders headers = new HttpHeaders();
    headers.setContentType(MediaType.APPLICATION_JSON);
    ResponseEntity<String> answer = http.exchange(path, HttpMethod.PUT, new HttpEntity<>(json, headers), String.class);
    assertThat(answer.getStatusCode().is2xxSuccessful()).as(path + ": " + answer.getBody()).isTrue();
  }

  void post(String path, String json) {
    HttpHeaders headers = new HttpHeaders();
    headers.setContentType(MediaType.APPLICATION_JSON);
    ResponseEntity<String> answer = http.exchange(path, HttpMethod.POST, new HttpEntity<>(json, headers),
        String.class);
    assertThat(answer.getStatusCode().is2xxSuccessful()).as(path + ": " + answer.getBody()).isTrue();
  }

  String sweep() {
    ResponseEntity<JsonNode> answer = http.withBasicAuth("demo", "demo").postForEntity("/api/toluna/sweeps", null,
        JsonNode.class);
    assertThat(answer.getStatusCode()).isEqualTo(HttpStatus.ACCEPTED);
    String id = answer.getBody().path("processInstanceId").asText();
    assertThat(answer.getBody().path("status").asText()).isEqualTo("/api/toluna/sweeps/" + id);
    return id;
  }

  /** A sweep as its start's status link shows it, also once it ended. */
  JsonNode sweepStatus(String sweepId) {
    return http.withBasicAuth("demo", "demo").getForObject("/api/toluna/sweeps/" + sweepId, JsonNode.class);
  }

  /** How many quota instances a sweep started on panel A. */
  long startedOnPanelA(JsonNode sweep) {
    for (JsonNode panel : sweep.path("panels")) {
      if (PANEL.equals(panel.path("panelGuid").asText())) {
        return panel.path("instancesStarted").asLong();
      }
    }
    throw new AssertionError("panel A not in " + sweep);
  }

  void awaitSweepsDone() {
    await(() -> engine.getRuntimeService().createProcessInstanceQuery().processDefinitionKey("tolunaQuotaSweep")
        .count() == 0, "sweeps to finish");
  }

  String instanceOf(long quotaId) {
    return jdbc.queryForObject("select process_instance_id from toluna_quota_run where panel_guid = ? and "
        + "quota_id = ? and active = true", String.class, PANEL, quotaId);
  }

  boolean waitsAt(String instanceId, String activity) {
    return engine.getRuntimeService().createProcessInstanceQuery().processInstanceId(instanceId).count() == 1
        && engine.getRuntimeService().getActiveActivityIds(instanceId).contains(activity)
        && engine.getManagementService().createJobQuery().processInstanceId(instanceId).executable().count() == 0;
  }

  /** Completes the review task of an instance as the approver, over engine REST as Tasklist does. */
  void decide(String instanceId, String decision) {
    ResponseEntity<String> answer = complete(instanceId, decision);
    assertThat(answer.getStatusCode().is2xxSuccessful()).as(answer.getBody()).isTrue();
  }

  ResponseEntity<String> complete(String instanceId, String decision) {
    await(() -> engine.getTaskService().createTaskQuery().processInstanceId(instanceId).count() == 1,
        "review task of " + instanceId);
    Task task = engine.getTaskService().createTaskQuery().processInstanceId(instanceId).singleResult();
    assertThat(task.getTaskDefinitionKey()).isEqualTo("ReviewValidationExceptions");
    HttpHeaders headers = new HttpHeaders();
    headers.setContentType(MediaType.APPLICATION_JSON);
    return http.withBasicAuth("approver", "approver").exchange("/engine-rest/task/" + task.getId() + "/complete",
        HttpMethod.POST, new HttpEntity<>("{\"variables\": {\"exceptionDecision\": {\"value\": \"" + decision
            + "\"}}}", headers), String.class);
  }

  /** memberCode -> quota IDs the eligibility endpoint calls the member eligible for. */
  Map<String, Set<Long>> eligible(int from, int to) {
    Map<String, Set<Long>> eligible = new HashMap<>();
    for (int n = from; n <= to; n++) {
      String code = TolunaSandboxData.code(n);
      for (long quota : List.of(QUOTA_1, QUOTA_2)) {
        JsonNode decision = http.withBasicAuth("demo", "demo").getForObject("/api/toluna/panels/" + PANEL
            + "/quotas/" + quota + "/members/" + code + "/eligibility", JsonNode.class);
        if (decision.path("eligible").asBoolean()) {
          eligible.computeIfAbsent(code, c -> new HashSet<>()).add(quota);
        }
      }
    }
    return eligible;
  }

  /** memberCode -> quota IDs of the delivered invites, as our outbox recorded them. */
  Map<String, List<Long>> delivered() {
    Map<String, List<Long>> delivered = new HashMap<>();
    jdbc.query("select i.member_code, i.quota_id from toluna_invite i join toluna_invite_delivery d on d.invite_id "
        + "= i.invite_id where d.state = 'DELIVERED'", rs -> {
          delivered.computeIfAbsent(rs.getString(1), c -> new ArrayList<>()).add(rs.getLong(2));
        });
    return delivered;
  }

  @Test
  void sweepStartsOneInstancePerQuotaAndDeliversExactlyTheEligibleMembersOnce(CapturedOutput output) {
    String firstSweep = sweep();
    String secondSweep = sweep();
    awaitSweepsDone();
    // Both sweeps ended (Cockpit CE no longer shows them); the sweep API still does, with what each did.
    JsonNode one = sweepStatus(firstSweep);
    JsonNode two = sweepStatus(secondSweep);
    assertThat(List.of(one.path("outcome").asText(), two.path("outcome").asText())).containsOnly("COMPLETED");
    assertThat(one.path("endedAt").asText()).isNotEmpty();
    assertThat(one.path("panels").findValuesAsText("panelGuid")).contains(PANEL);
    assertThat(startedOnPanelA(one) + startedOnPanelA(two)).as("two quotas, one instance each").isEqualTo(2);
    JsonNode recent = http.withBasicAuth("demo", "demo").getForObject("/api/toluna/sweeps?limit=2", JsonNode.class);
    assertThat(recent.findValuesAsText("processInstanceId")).containsExactlyInAnyOrder(firstSweep, secondSweep);
    assertThat(jdbc.queryForList("select quota_id from toluna_quota_run where panel_guid = ? and active = true",
        Long.class, PANEL)).containsExactlyInAnyOrder(QUOTA_1, QUOTA_2);
    assertThat(engine.getRuntimeService().createProcessInstanceQuery().processDefinitionKey("tolunaRecontactQuota")
        .count()).as("two overlapping sweeps, one instance per quota").isEqualTo(2);
    String first = instanceOf(QUOTA_1);
    String second = instanceOf(QUOTA_2);
    assertThat(engine.getRuntimeService().createProcessInstanceQuery().processInstanceId(first).singleResult()
        .getBusinessKey()).isEqualTo("toluna-" + PANEL + "-" + QUOTA_1);

    ResponseEntity<String> refused = complete(first, "maybe");
    // A refused decision is a 400 with the listener's message (EngineRestConfig); the task stays open.
    assertThat(refused.getStatusCode().value()).isEqualTo(400);
    assertThat(refused.getBody()).contains("exceptionDecision must be one of");
    assertThat(engine.getTaskService().createTaskQuery().processInstanceId(first).count()).isEqualTo(1);
    decide(first, "proceed");
    decide(second, "proceed");
    await(() -> waitsAt(first, "WaitForQuotaChange") && waitsAt(second, "WaitForQuotaChange"),
        "both quotas fed and waiting");

    Map<String, Set<Long>> eligible = eligible(1, 40);
    Map<String, List<Long>> delivered = delivered();
    assertThat(delivered.keySet()).as("exactly the eligible members").isEqualTo(eligible.keySet());
    delivered.forEach((code, quotas) -> {
      assertThat(quotas).as(code + ": one invite, one quota per survey").hasSize(1);
      assertThat(eligible.get(code)).contains(quotas.get(0));
    });
    assertThat(jdbc.queryForObject("select count(*) from toluna_quota_member where state = 'EXCEPTION' and "
        + "reason_code in ('OPTED_OUT', 'SUSPENDED') and member_code in (select member_code from toluna_invite)",
        Long.class)).as("opted-out and suspended members are never invited").isZero();
    assertThat((Long) engine.getRuntimeService().getVariable(first, "delivered")
        + (Long) engine.getRuntimeService().getVariable(second, "delivered")).isEqualTo(delivered.size());
    // Lines written in a job, also on the chunk's worker threads, carry the instance's business key (MDC).
    assertThat(output.getOut().lines().filter(l -> l.contains("Toluna quota " + QUOTA_1 + " of panel")
        && (l.contains("GenerateInvite in a job's chunks") || l.contains(" valid, "))))
        .isNotEmpty().allMatch(l -> l.contains("[toluna-" + PANEL + "-" + QUOTA_1 + "|"));

    long invitesAtToluna = invitesAtToluna();
    sweep();
    awaitSweepsDone();
    assertThat(engine.getRuntimeService().createProcessInstanceQuery().processDefinitionKey("tolunaRecontactQuota")
        .count()).as("a sweep that changes nothing starts nothing").isEqualTo(2);
    assertThat(invitesAtToluna()).isEqualTo(invitesAtToluna);
  }

  long invitesAtToluna() {
    return http.getForObject("/sandbox/toluna/admin/state", JsonNode.class).path("invites").size();
  }

  /** POST /api/toluna/sweeps repeated with one Idempotency-Key: one sweep, the repeat answers it with 200. */
  @Test
  void aSweepRepeatedWithOneIdempotencyKeyIsOneSweep() {
    long sweeps = engine.getHistoryService().createHistoricProcessInstanceQuery()
        .processDefinitionKey("tolunaQuotaSweep").count();
    HttpHeaders keyed = new HttpHeaders();
    keyed.add("Idempotency-Key", "sweep-" + java.util.UUID.randomUUID());
    ResponseEntity<JsonNode> first = http.withBasicAuth("demo", "demo").postForEntity("/api/toluna/sweeps",
        new HttpEntity<>(keyed), JsonNode.class);
    ResponseEntity<JsonNode> repeat = http.withBasicAuth("demo", "demo").postForEntity("/api/toluna/sweeps",
        new HttpEntity<>(keyed), JsonNode.class);

    assertThat(first.getStatusCode()).isEqualTo(HttpStatus.ACCEPTED);
    assertThat(repeat.getStatusCode()).isEqualTo(HttpStatus.OK);
    assertThat(repeat.getBody()).isEqualTo(first.getBody());
    assertThat(engine.getHistoryService().createHistoricProcessInstanceQuery()
        .processDefinitionKey("tolunaQuotaSweep").count()).as("one sweep").isEqualTo(sweeps + 1);
    awaitSweepsDone();
    assertThat(engine.getRuntimeService().createProcessInstanceQuery().processDefinitionKey("tolunaRecontactQuota")
        .count()).isEqualTo(2);
  }

  @Test
  void aPausedQuotaInvitesNobodyUntilItResumesAndAClosedSurveyEndsItsInstances() {
    sweep();
    awaitSweepsDone();
    String first = instanceOf(QUOTA_1);
    String second = instanceOf(QUOTA_2);
    decide(first, "proceed");
    decide(second, "proceed");
    await(() -> waitsAt(first, "WaitForQuotaChange") && waitsAt(second, "WaitForQuotaChange"), "fed");
    long before = invitesAtToluna();

    post("/sandbox/toluna/admin/quotas/" + QUOTA_1 + "/status", "{\"IsLive\": false}");
    await(() -> !jdbc.queryForObject("select live from toluna_quota where panel_guid = ? and quota_id = ?",
        Boolean.class, PANEL, QUOTA_1), "the pause notification to arrive");
    // The notification wakes the instance, and Cockpit shows its token at "Quota paused" while the quota API says
    // PAUSED; the other quota still waits for changes.
    await(() -> waitsAt(first, "QuotaPaused"), "the paused instance to wait at Quota paused");
    assertThat(quotaState(QUOTA_1)).isEqualTo("PAUSED");
    assertThat(engine.getRuntimeService().getActivityInstance(first).getChildActivityInstances())
        .extracting(a -> a.getActivityId()).containsExactly("QuotaPaused");
    assertThat(waitsAt(second, "WaitForQuotaChange")).isTrue();
    assertThat(quotaState(QUOTA_2)).isEqualTo("ACTIVE");
    put("/sandbox/toluna/admin/panels/" + PANEL + "/recontact/" + QUOTA_1 + "/members", codes(1, 60));
    sweep();
    awaitSweepsDone();
    assertThat(jdbc.queryForObject("select in_inventory from toluna_quota where panel_guid = ? and quota_id = ?",
        Boolean.class, PANEL, QUOTA_1)).as("GetQuotas hides a paused quota; it is paused, not gone").isTrue();
    recheckPauseNow(first);
    await(() -> waitsAt(first, "QuotaPaused"), "paused instance back to Quota paused after its recheck");
    assertThat(invitesAtToluna()).as("nothing generated while paused").isEqualTo(before);

    post("/sandbox/toluna/admin/quotas/" + QUOTA_1 + "/status", "{\"IsLive\": true}");
    await(() -> !waitsAt(first, "QuotaPaused"), "the instance to leave Quota paused");
    assertThat(quotaState(QUOTA_1)).isEqualTo("ACTIVE");
    decide(first, "proceed");
    await(() -> jdbc.queryForObject("select count(*) from toluna_invite where quota_id = ? and member_code > ?",
        Long.class, QUOTA_1, TolunaSandboxData.code(40)) > 0, "invites for the new members after resume");
    await(() -> waitsAt(first, "WaitForQuotaChange"), "resumed instance fed");
    Map<String, List<Long>> delivered = delivered();
    delivered.values().forEach(quotas -> assertThat(quotas).hasSize(1));
    assertThat(delivered.keySet()).containsAll(eligible(41, 60).keySet());

    post("/sandbox/toluna/admin/surveys/" + SURVEY + "/close", "{}");
    await(() -> engine.getRuntimeService().createProcessInstanceQuery().processDefinitionKey("tolunaRecontactQuota")
        .count() == 0, "the survey closed notification to end both instances");
    assertThat(jdbc.queryForList("select outcome from toluna_quota_run where panel_guid = ?", String.class, PANEL))
        .containsOnly("CLOSED");
  }

  @Test
  void anInviteAnswerLostToATimeoutIsGeneratedAgainButDeliveredOnce() {
    post("/sandbox/toluna/admin/faults", "{\"route\": \"GenerateInvite\", \"status\": 200, \"delayMillis\": 4000, "
        + "\"count\": 1}");
    sweep();
    awaitSweepsDone();
    String first = instanceOf(QUOTA_1);
    String second = instanceOf(QUOTA_2);
    decide(first, "proceed");
    decide(second, "proceed");
    await(() -> waitsAt(first, "WaitForQuotaChange") && waitsAt(second, "WaitForQuotaChange"), "fed after retry");

    Map<String, List<Long>> delivered = delivered();
    delivered.values().forEach(quotas -> assertThat(quotas).hasSize(1));
    assertThat(delivered.keySet()).isEqualTo(eligible(1, 40).keySet());
    long ours = jdbc.queryForObject("select count(*) from toluna_invite", Long.class);
    assertThat(invitesAtToluna()).as("Toluna issued one invite whose answer never arrived").isEqualTo(ours + 1);
    assertThat(engine.getRuntimeService().createIncidentQuery().count()).isZero();
  }

  void recheckPauseNow(String instanceId) {
    Job recheck = engine.getManagementService().createJobQuery().processInstanceId(instanceId)
        .activityId("PauseRecheckDue").singleResult();
    engine.getManagementService().executeJob(recheck.getId());
  }

  /** The quota's state as the quota API shows it. */
  String quotaState(long quotaId) {
    return http.withBasicAuth("demo", "demo").getForObject("/api/toluna/quotas/" + PANEL + "/" + quotaId,
        JsonNode.class).path("quota").path("state").asText();
  }

  void await(BooleanSupplier condition, String what) {
    long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        String incidents = engine.getRuntimeService().createIncidentQuery().list().stream()
            .map(i -> i.getActivityId() + ": " + i.getIncidentMessage()).toList().toString();
        String where = engine.getRuntimeService().createProcessInstanceQuery().list().stream()
            .map(p -> p.getBusinessKey() + " at " + engine.getRuntimeService().getActiveActivityIds(p.getId()))
            .toList().toString();
        String failing = engine.getManagementService().createJobQuery().withException().list().stream()
            .map(j -> j.getExceptionMessage() + " " + engine.getManagementService().getJobExceptionStacktrace(j.getId())
                .lines().limit(8).toList()).toList().toString();
        throw new AssertionError("Timed out waiting for " + what + "; incidents: " + incidents + "; instances: "
            + where + "; failing jobs: " + failing);
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
