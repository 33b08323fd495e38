package io.recontact.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.ActiveProfiles;

/**
 * What the sandbox user {@code approver} (group recontact-approvers) may and may not do: Tasklist, its candidate
 * tasks and the variables their forms show; no starts, deployments, foreign variables, changing /api calls or Admin.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
class ApproverRulesTest {

  static final String TG = "01JX2X0N5RTR012AYDTA83QWP9";
  static final String PROJECT = "01JX2X0N5RTR012AYDTA83QWP1";

  @Autowired
  TestRestTemplate http;

  @Autowired
  ProcessEngine engine;

  @Autowired
  JdbcTemplate jdbc;

  Calls approver;
  String instance;
  Task task;

  @BeforeEach
  void approvalWaiting() {
    approver = new Calls(http, "approver");
    instance = engine.getRuntimeService().startProcessInstanceByKey("smokeTest", "approver-rules",
        Map.of("note", "shown on the form", "internal", "not for approvers")).getId();
    task = engine.getTaskService().createTaskQuery().processInstanceId(instance).singleResult();
  }

  @AfterEach
  void cleanUp() {
    if (engine.getRuntimeService().createProcessInstanceQuery().processInstanceId(instance).count() > 0) {
      engine.getRuntimeService().deleteProcessInstance(instance, "test clean-up");
    }
  }

  @Test
  void seesReadsAndCompletesItsApprovalTask() {
    assertThat(approver.get("/engine-rest/task?processInstanceId=" + instance).json()).hasSize(1);
    Calls.Answer variables = approver.get("/engine-rest/task/" + task.getId() + "/form-variables");
    assertThat(variables.status()).as(variables.body()).isEqualTo(200);
    assertThat(variables.json().path("note").path("value").asText()).isEqualTo("shown on the form");
    assertThat(approver.get("/engine-rest/task/" + task.getId() + "/variables").status()).isEqualTo(200);

    assertThat(approver.postJson("/engine-rest/task/" + task.getId() + "/complete", "{}").status()).isEqualTo(204);
    assertThat(engine.getHistoryService().createHistoricProcessInstanceQuery().processInstanceId(instance)
        .singleResult().getEndActivityId()).isEqualTo("SmokeDone");
  }

  /**
   * Its one filter refreshes itself (Tasklist reloads it every 10 s, so a later review shows up without a reload);
   * a filter from an older release, without the property, gets it on the next start and keeps everything else.
   */
  @Test
  void itsTasklistFilterRefreshesItselfAlsoAfterAnUpgrade() {
    Calls.Answer filters = approver.get("/engine-rest/filter?resourceType=Task");
    assertThat(filters.json()).as("the approvers' filter only").hasSize(1);
    assertThat(filters.json().get(0).path("name").asText()).isEqualTo(ApproverIdentitySetup.FILTER_NAME);
    assertThat(filters.json().get(0).path("properties").path("refresh").asBoolean()).isTrue();
    Calls.Answer listed = approver.get("/engine-rest/filter/" + filters.json().get(0).path("id").asText() + "/list");
    assertThat(listed.json().toString()).contains(task.getId());

    var filterService = engine.getFilterService();
    var filter = filterService.createFilterQuery().filterName(ApproverIdentitySetup.FILTER_NAME).singleResult();
    filterService.saveFilter(filter.setProperties(Map.of("description", "as an older release made it",
        "priority", -5)));
    new ApproverIdentitySetup().postProcessEngineBuild(engine);
    var upgraded = filterService.createFilterQuery().filterName(ApproverIdentitySetup.FILTER_NAME).list();
    assertThat(upgraded).hasSize(1);
    assertThat(upgraded.get(0).getId()).isEqualTo(filter.getId());
    assertThat(upgraded.get(0).getProperties()).containsEntry("refresh", true)
        .containsEntry("description", "as an older release made it");
    assertThat(approver.get("/engine-rest/filter?resourceType=Task").json()).hasSize(1);
  }

  @Test
  void cannotScrapeMetrics() {
    Calls.Answer scrape = approver.get("/actuator/prometheus");
    assertThat(scrape.status()).as(scrape.body()).isEqualTo(403);
    assertThat(scrape.json().path("requiredGroups").toString()).contains("recontact-monitoring", "camunda-admin");
    assertThat(scrape.body()).doesNotContain("recontact_");
  }

  @Test
  void usesTasklistButNotCockpitOrAdmin() {
    assertThat(approver.webappLogin("tasklist")).isEqualTo(200);
    assertThat(approver.webappLogin("cockpit")).isEqualTo(403);
    assertThat(approver.webappLogin("admin")).isEqualTo(403);
  }

  @Test
  void cannotReadVariablesOutsideItsTasks() {
    // Not even of the instance behind its own task: only through the task, as the form shows them.
    assertThat(approver.get("/engine-rest/process-instance/" + instance + "/variables").status()).isEqualTo(403);
    assertThat(approver.get("/engine-rest/process-instance?processInstanceIds=" + instance).json()).isEmpty();
    assertThat(approver.get("/engine-rest/variable-instance?processInstanceIdIn=" + instance).json()).isEmpty();
    assertThat(approver.get("/engine-rest/history/variable-instance?processInstanceId=" + instance).json())
        .isEmpty();
    assertThat(approver.get("/engine-rest/history/process-instance?processInstanceId=" + instance).json())
        .isEmpty();
    // Nor the status view of /api, which reads history with the caller's rights.
    assertThat(approver.get("/api/cint/recontacts/" + instance).status()).isEqualTo(404);

    // A task of another group: invisible, and its variables refused.
    Task foreign = engine.getTaskService().newTask();
    foreign.setName("Operators only");
    engine.getTaskService().saveTask(foreign);
    try {
      engine.getTaskService().addCandidateGroup(foreign.getId(), OperatorIdentitySetup.OPERATORS_GROUP);
      engine.getTaskService().setVariable(foreign.getId(), "internal", "not for approvers");
      assertThat(approver.get("/engine-rest/task?name=Operators only").json()).isEmpty();
      assertThat(approver.get("/engine-rest/task/" + foreign.getId() + "/variables").status()).isIn(403, 404);
      assertThat(approver.postJson("/engine-rest/task/" + foreign.getId() + "/complete", "{}").status())
          .isIn(403, 404);
    } finally {
      engine.getTaskService().deleteTask(foreign.getId(), true);
    }
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource({
      "/engine-rest/process-definition/key/cintRemoveRecontacts/start",
      "/engine-rest/process-definition/key/cintRecontact/start",
      "/engine-rest/process-definition/key/tolunaQuotaSweep/start",
      "/engine-rest/process-definition/key/smokeTest/start"})
  void cannotStartProcessesOverEngineRest(String path) {
    long before = engine.getHistoryService().createHistoricProcessInstanceQuery().count();
    Calls.Answer answer = approver.postJson(path, "{}");
    assertThat(answer.status()).as(answer.body()).isEqualTo(403);
    assertThat(answer.json().path("type").asText()).isEqualTo("AuthorizationException");
    assertThat(engine.getHistoryService().createHistoricProcessInstanceQuery().count()).isEqualTo(before);
  }

  @Test
  void cannotDeploy() {
    long before = engine.getRepositoryService().createDeploymentQuery().count();
    Calls.Answer answer = approver.postMultipart("/engine-rest/deployment/create", null, "intruder.bpmn",
        smokeXml().replace("smokeTest", "intruder"));
    assertThat(answer.status()).as(answer.body()).isEqualTo(403);
    assertThat(engine.getRepositoryService().createDeploymentQuery().count()).isEqualTo(before);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', value = {
      "/engine-rest/user/create|{\"profile\": {\"id\": \"mallory\"}, \"credentials\": {\"password\": \"x\"}}",
      "/engine-rest/group/create|{\"id\": \"mallories\", \"name\": \"m\", \"type\": \"WORKFLOW\"}",
      "/engine-rest/group/camunda-admin/members/approver|{}",
      "/engine-rest/authorization/create|{\"type\": 1, \"permissions\": [\"ALL\"], \"userId\": \"approver\", "
          + "\"resourceType\": 0, \"resourceId\": \"*\"}"})
  void cannotAdministerUsersGroupsOrAuthorizations(String path, String body) {
    Calls.Answer answer = path.contains("/members/") ? approver.exchange(org.springframework.http.HttpMethod.PUT,
        path, null) : approver.postJson(path, body);
    assertThat(answer.status()).as(answer.body()).isEqualTo(403);
    assertThat(engine.getIdentityService().createUserQuery().userId("mallory").count()).isZero();
    assertThat(engine.getIdentityService().createGroupQuery().groupMember("approver").list())
        .extracting(g -> g.getId()).containsExactly(ApproverIdentitySetup.APPROVERS_GROUP);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource({
      "/api/cint/recontacts",
      "/api/cint/target-groups/" + TG + "/recontacts/replacement",
      "/api/cint/target-groups/" + TG + "/recontacts/removal",
      "/api/panel/members",
      "/api/toluna/sweeps",
      "/api/retention/runs"})
  void changingApiCallsAre403WithAJsonBody(String path) {
    long instances = engine.getHistoryService().createHistoricProcessInstanceQuery().count();
    long members = jdbc.queryForObject("select count(*) from panel_member", Long.class);
    Calls.Answer answer = switch (path.substring(path.lastIndexOf('/') + 1)) {
      // Each start's own request: completesGoal belongs to the replacement (a recontact has targetGroup.completes_goal).
      case "recontacts" -> approver.postMultipart(path, "{\"accountId\": 101, \"projectId\": \"" + PROJECT
          + "\", \"entityType\": \"RSID\"}", "ids.csv", java.util.UUID.randomUUID() + "\n");
      case "replacement" -> approver.postMultipart(path, "{\"accountId\": 101, \"projectId\": \"" + PROJECT
          + "\", \"entityType\": \"RSID\", \"completesGoal\": 1}", "ids.csv", java.util.UUID.randomUUID() + "\n");
      case "removal" -> approver.postJson(path, "{\"accountId\": 101, \"projectId\": \"" + PROJECT + "\"}");
      case "members" -> approver.postJson(path, "[{\"memberCode\": \"APPROVER-1\", \"status\": \"ACTIVE\"}]");
      default -> approver.postJson(path, "");
    };
    assertThat(answer.status()).as(answer.body()).isEqualTo(403);
    assertThat(answer.json().path("message").asText()).contains("approver").contains("recontact-operators");
    assertThat(answer.json().path("requiredGroups").toString()).contains("recontact-operators", "camunda-admin");
    assertThat(engine.getHistoryService().createHistoricProcessInstanceQuery().count()).isEqualTo(instances);
    assertThat(jdbc.queryForObject("select count(*) from panel_member", Long.class)).isEqualTo(members);
  }

  @Test
  void readingApiCallsStayOpenForTheFormsLinks() {
    Calls.Answer quotas = approver.get("/api/toluna/quotas");
    assertThat(quotas.status()).as(quotas.body()).isEqualTo(200);
    assertThat(quotas.json().isArray()).isTrue();
    // The Cint status list reads history with the approver's rights: nothing of the instances it may not read.
    Calls.Answer recontacts = approver.get("/api/cint/recontacts");
    assertThat(recontacts.status()).as(recontacts.body()).isEqualTo(200);
    assertThat(recontacts.json().path("total").asLong()).isZero();
    // The Cint reviews' links (their identifiers stay in the tables): an unknown one is a 404 that says so.
    Calls.Answer rejections = approver.get("/api/cint/respondent-files/no-such-file/rejections");
    assertThat(rejections.status()).as(rejections.body()).isEqualTo(404);
    assertThat(rejections.json().path("message").asText()).contains("no-such-file");
    Calls.Answer failedIds = approver.get("/api/cint/uploads/no-such-run/failed-ids");
    assertThat(failedIds.status()).as(failedIds.body()).isEqualTo(404);
    assertThat(failedIds.json().path("message").asText()).contains("no-such-run");
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource({"/api/panel/members", "/api/panel/members?page=0&size=5", "/api/panel/members/TS-000001"})
  void memberDirectoryHoldsPersonalDataAndIsNotForApprovers(String path) {
    Calls.Answer answer = approver.get(path);
    assertThat(answer.status()).as(answer.body()).isEqualTo(403);
    assertThat(answer.json().path("message").asText()).contains("may not GET");
    assertThat(answer.json().path("requiredGroups").toString()).contains("recontact-operators", "camunda-admin");
  }

  String smokeXml() {
    var definition = engine.getRepositoryService().createProcessDefinitionQuery().processDefinitionKey("smokeTest")
        .latestVersion().singleResult();
    try (var in = engine.getRepositoryService().getResourceAsStream(definition.getDeploymentId(),
        definition.getResourceName())) {
      return new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
    } catch (java.io.IOException e) {
      throw new AssertionError(e);
    }
  }
}
