package io.recontact.badinput;

import static io.recontact.badinput.BadInputHttp.fileVariable;
import static io.recontact.badinput.BadInputHttp.quoted;
import static io.recontact.badinput.BadInputHttp.variable;
import static io.recontact.badinput.BadInputRows.assertAnswer;
import static java.nio.charset.StandardCharsets.UTF_16LE;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import io.recontact.badinput.BadInputHttp.Answer;
import io.recontact.cint.client.CintModel.EntityType;
import io.recontact.cint.recontact.CintRecontactIntegrationTest;
import io.recontact.cint.respondentfile.RespondentFileIntake;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.ActiveProfiles;

/**
 * Rows B18–B31 and B79 (engine REST starts: refused by the start listeners, 400, no instance) and B48–B56 and B92
 * (every review form completed over engine REST with a bad value: 400, the task stays open, no incident).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
class EngineRestBadInputTest {

  static final String PROJECT = CintRecontactIntegrationTest.PROJECT;
  static final String GROUP = "01JX2X0N5RTR012AYDTA83QWP1";
  static final String PANEL = "BADB0000-0000-4000-8000-000000000001";
  static final AtomicLong QUOTAS = new AtomicLong(990_000_000L + System.nanoTime() % 1_000_000);
  static final byte[] IDS = (UUID.randomUUID() + "\n").getBytes(UTF_8);

  @LocalServerPort int port;
  @Autowired ProcessEngine engine;
  @Autowired JdbcTemplate jdbc;
  @Autowired RespondentFileIntake intake;
  BadInputHttp http;
  String created;

  @BeforeEach
  void setUp() {
    http = new BadInputHttp(port);
  }

  @AfterEach
  void removeInstance() {
    if (created != null && engine.getRuntimeService().createProcessInstanceQuery().processInstanceId(created)
        .count() > 0) {
      engine.getRuntimeService().deleteProcessInstance(created, "bad input test done");
    }
  }

  long instances(String processKey) {
    return engine.getHistoryService().createHistoricProcessInstanceQuery().processDefinitionKey(processKey).count();
  }

  /** A refused start: the row's answer, and no instance of the process, not even a historic one. */
  void refusedStart(String id, String processKey, Map<String, String> variables) {
    refusedStart(id, processKey, null, variables);
  }

  void refusedStart(String id, String processKey, String businessKey, Map<String, String> variables) {
    long before = instances(processKey);
    assertAnswer(id, http.start(processKey, businessKey, variables));
    assertThat(instances(processKey)).as(id + ": nothing started").isEqualTo(before);
  }

  static String request(String liveUrl) {
    return variable(quoted(CintRecontactIntegrationTest.request(2, true, liveUrl)), "Json");
  }

  static String request() {
    return request("https://survey.example.com/?rsid=[%RECONTACT_RSID%]");
  }

  @Test
  void b18_removalStartedWithEmptyBody() {
    long before = instances("cintRemoveRecontacts");
    assertAnswer("B18", http.json("/engine-rest/process-definition/key/cintRemoveRecontacts/start", "{}"));
    assertThat(instances("cintRemoveRecontacts")).isEqualTo(before);
  }

  @Test
  void b19_removalWrongTypes() {
    refusedStart("B19", "cintRemoveRecontacts", Map.of("accountId", variable("\"101\"", null),
        "projectId", variable(quoted(PROJECT.toLowerCase()), null), "targetGroupId", variable(quoted(GROUP), null)));
  }

  @Test
  void b20_recontactWithoutVariables() {
    refusedStart("B20", "cintRecontact", Map.of());
  }

  @Test
  void b21_recontactRequestNotJson() {
    refusedStart("B21", "cintRecontact", Map.of("request", variable("\"{oops\"", "String"),
        "respondentFile", fileVariable("ids.csv", IDS)));
  }

  @Test
  void b22_recontactBinaryFile() {
    refusedStart("B22", "cintRecontact", Map.of("request", request(),
        "respondentFile", fileVariable("ids.png", ApiBadInputTest.PNG)));
  }

  @Test
  void b23_recontactUtf16File() {
    refusedStart("B23", "cintRecontact", Map.of("request", request(),
        "respondentFile", fileVariable("ids.txt", ("\uFEFF" + new String(IDS, UTF_8)).getBytes(UTF_16LE))));
  }

  @Test
  void b24_recontactFileAsString() {
    refusedStart("B24", "cintRecontact", Map.of("request", request(),
        "respondentFile", variable(quoted(new String(IDS, UTF_8)), "String")));
  }

  @Test
  void b25_recontactVeryLongBusinessKey() {
    refusedStart("B25", "cintRecontact", "k".repeat(300), Map.of("request", request(),
        "respondentFile", fileVariable("ids.csv", IDS)));
  }

  @Test
  void b26_recontactUrlWithoutPlaceholder() {
    refusedStart("B26", "cintRecontact", Map.of("request", request("https://survey.example.com/?rsid=1"),
        "respondentFile", fileVariable("ids.csv", IDS)));
  }

  /** A fielding end already past, started through engine REST: the start check refuses it (issue 20). */
  @Test
  void b102_recontactEndFieldingAtInThePast() {
    refusedStart("B102", "cintRecontact", Map.of("request", variable(quoted(CintRecontactIntegrationTest.request(2,
        true, "https://survey.example.com/?rsid=[%RECONTACT_RSID%]").replaceFirst("\"endFieldingAt\": \"[^\"]+\"",
        "\"endFieldingAt\": \"2020-01-01T00:00:00Z\"")), "Json"), "respondentFile", fileVariable("ids.csv", IDS)));
  }

  @Test
  void b27_replacementWithoutVariables() {
    refusedStart("B27", "cintReplaceRecontacts", Map.of());
  }

  @Test
  void b28_uploadOfAnUnknownFile() {
    refusedStart("B28", "cintUploadRespondents", Map.of("accountId", variable("101", null),
        "projectId", variable(quoted(PROJECT), null), "targetGroupId", variable(quoted(GROUP), null),
        "entityType", variable("\"RSID\"", null), "completesGoal", variable("5", null),
        "respondentFileId", variable("999999999", "Long")));
  }

  @Test
  void b29_quotaStartedOutsideTheSweep() {
    refusedStart("B29", "tolunaRecontactQuota", Map.of("panelGuid", variable(quoted(PANEL), null),
        "quotaId", variable(String.valueOf(QUOTAS.incrementAndGet()), "Long"),
        "surveyId", variable("3100001", "Long")));
  }

  @Test
  void b30_sweepWithAVariable() {
    refusedStart("B30", "tolunaQuotaSweep", Map.of("panelGuid", variable(quoted(PANEL), null)));
  }

  @Test
  void b79_settlementWithAVariable() {
    refusedStart("B79", "tolunaIncentiveSettlement", Map.of("holdPeriod", variable(quoted("P1D"), null)));
  }

  @Test
  void b92_reversalReviewUnknownDecision() {
    Task task = taskAt("tolunaIncentiveSettlement", "ReviewIncentiveReversals", Map.of(), null);
    refusedDecision("B92", task, "{\"reversalDecision\":{\"value\":\"refund\"}}");
    assertThat(jdbc.queryForObject("select count(*) from panel_incentive where kind = 'CLAWBACK' and settlement_id = ?",
        Integer.class, task.getProcessInstanceId())).isZero();
  }

  @Test
  void b90_retentionWithAPeriod() {
    refusedStart("B90", "dataRetention", Map.of("afterEnd", variable(quoted("P1D"), null)));
  }

  @Test
  void b31_unknownVariableType() {
    refusedStart("B31", "cintRemoveRecontacts", Map.of("accountId", variable("101", "Banana")));
  }

  /** An instance waiting at a review task, started there with valid start variables; the task. */
  Task taskAt(String processKey, String activity, Map<String, Object> variables, String businessKey) {
    created = engine.getRuntimeService().createProcessInstanceByKey(processKey).businessKey(businessKey)
        .setVariables(variables).startBeforeActivity(activity).execute().getId();
    return engine.getTaskService().createTaskQuery().processInstanceId(created).singleResult();
  }

  Task recontactTask(String activity) {
    String key = "bi-" + UUID.randomUUID();
    intake.intake(key, "ids.csv", EntityType.RSID, IDS);
    return taskAt("cintRecontact", activity, Map.of("request", CintRecontactIntegrationTest.request(2, true,
        "https://survey.example.com/?rsid=[%RECONTACT_RSID%]"), "completesGoal", 2), key);
  }

  Task uploadTask() {
    String key = "bi-" + UUID.randomUUID();
    long fileId = intake.intake(key, "ids.csv", EntityType.RSID, IDS).id();
    Map<String, Object> variables = new LinkedHashMap<>(Map.of("accountId", 101, "projectId", PROJECT,
        "targetGroupId", GROUP, "entityType", "RSID", "completesGoal", 10, "respondentFileId", fileId));
    variables.put("savedCount", 3);
    variables.put("uploadJobStatus", "COMPLETED");
    return taskAt("cintUploadRespondents", "ReviewPartialUpload", variables, key);
  }

  Task quotaTask() {
    long quota = QUOTAS.incrementAndGet();
    jdbc.update("insert into toluna_quota_run (panel_guid, quota_id, active, run_number, started_at) "
        + "values (?, ?, true, 1, ?)", PANEL, quota, OffsetDateTime.now(ZoneOffset.UTC));
    return taskAt("tolunaRecontactQuota", "ReviewValidationExceptions", Map.of("panelGuid", PANEL, "quotaId", quota,
        "surveyId", 3100001L, "surveyName", "Bad input"), "toluna-" + PANEL + "-" + quota);
  }

  /** Completes over engine REST; the row's answer, and the task still open, the instance there, no incident. */
  void refusedDecision(String id, Task task, String variablesJson) {
    Answer answer = http.json("/engine-rest/task/" + task.getId() + "/complete", "{\"variables\":" + variablesJson
        + "}");
    assertAnswer(id, answer);
    assertThat(engine.getTaskService().createTaskQuery().taskId(task.getId()).count()).as(id + ": task open")
        .isEqualTo(1);
    assertThat(engine.getRuntimeService().getActiveActivityIds(task.getProcessInstanceId()))
        .containsExactly(task.getTaskDefinitionKey());
    assertThat(engine.getRuntimeService().createIncidentQuery().processInstanceId(task.getProcessInstanceId())
        .count()).as(id + ": no incident").isZero();
  }

  @Test
  void b48_fileReviewUnknownDecision() {
    refusedDecision("B48", recontactTask("ReviewRespondentFile"),
        "{\"fileDecision\":{\"value\":\"maybe\"},\"completesGoal\":{\"value\":2,\"type\":\"Long\"}}");
  }

  @Test
  void b49_fileReviewGoalZero() {
    refusedDecision("B49", recontactTask("ReviewRespondentFile"),
        "{\"fileDecision\":{\"value\":\"approve\"},\"completesGoal\":{\"value\":0,\"type\":\"Long\"}}");
  }

  @Test
  void b50_fileReviewGoalAsText() {
    refusedDecision("B50", recontactTask("ReviewRespondentFile"),
        "{\"fileDecision\":{\"value\":\"approve\"},\"completesGoal\":{\"value\":\"ten\"}}");
  }

  @Test
  void b51_partialUploadUnknownDecision() {
    refusedDecision("B51", uploadTask(),
        "{\"uploadDecision\":{\"value\":\"retry\"},\"completesGoal\":{\"value\":10,\"type\":\"Long\"}}");
  }

  @Test
  void b52_partialUploadAcceptAboveSaved() {
    refusedDecision("B52", uploadTask(),
        "{\"uploadDecision\":{\"value\":\"accept\"},\"completesGoal\":{\"value\":10,\"type\":\"Long\"}}");
  }

  @Test
  void b53_launchFailureMissingDecision() {
    refusedDecision("B53", recontactTask("ReviewLaunchFailure"), "{}");
  }

  @Test
  void b54_removalFailureVeryLongDecision() {
    Task task = taskAt("cintRemoveRecontacts", "ReviewRemovalFailure", Map.of("accountId", 101, "projectId", PROJECT,
        "targetGroupId", GROUP), "bi-" + UUID.randomUUID());
    refusedDecision("B54", task, "{\"removalDecision\":{\"value\":\"" + "x".repeat(20_000) + "\"}}");
  }

  @Test
  void b55_exceptionReviewInjectionLookingDecision() {
    long members = jdbc.queryForObject("select count(*) from toluna_quota_member", Long.class);
    refusedDecision("B55", quotaTask(),
        "{\"exceptionDecision\":{\"value\":\"proceed'; DROP TABLE toluna_quota_member;--\"}}");
    assertThat(jdbc.queryForObject("select count(*) from toluna_quota_member", Long.class)).isEqualTo(members);
  }

  @Test
  void b56_exceptionReviewWrongType() {
    refusedDecision("B56", quotaTask(), "{\"exceptionDecision\":{\"value\":true}}");
  }
}
