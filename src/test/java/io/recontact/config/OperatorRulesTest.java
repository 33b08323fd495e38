package io.recontact.config;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.recontact.cint.recontact.CintRecontactIntegrationTest;
import io.recontact.sandbox.seed.TolunaSandboxData;
import java.time.Duration;
import java.util.UUID;
import java.util.function.BooleanSupplier;
import org.camunda.bpm.engine.ProcessEngine;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.ActiveProfiles;

/**
 * What the sandbox user {@code operator} (group recontact-operators) may do: start every flow over /api and engine
 * REST, import panel members, read instances and their variables in Cockpit; and what it may not: deploy, manage
 * users, groups or authorizations, use Admin. Every flow it starts is left to settle and then removed, so that other
 * tests sharing this application see nothing of it.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
class OperatorRulesTest {

  static final String PROJECT = CintRecontactIntegrationTest.PROJECT;
  static final String TG = "01JX2X0N5RTR012AYDTA83QWP9";

  @Autowired
  TestRestTemplate http;

  @Autowired
  ProcessEngine engine;

  @Autowired
  JdbcTemplate jdbc;

  Calls operator;

  @BeforeEach
  void setUp() {
    operator = new Calls(http, "operator");
    http.postForEntity("/sandbox/cint/admin/reset", null, String.class);
  }

  @AfterEach
  void resetMarketplaces() {
    http.postForEntity("/sandbox/cint/admin/reset", null, String.class);
    http.postForEntity("/sandbox/toluna/admin/reset", null, String.class);
  }

  @Test
  void startsARecontactOverApi() {
    Calls.Answer answer = operator.postMultipart("/api/cint/recontacts",
        CintRecontactIntegrationTest.request(1, false, "https://survey.example.com/?rsid=[%RECONTACT_RSID%]"),
        "ids.csv", UUID.randomUUID() + "\n");
    assertThat(answer.status()).as(answer.body()).isEqualTo(201);
    Calls.Answer listed = operator.get("/api/cint/recontacts?size=100");
    assertThat(listed.status()).as(listed.body()).isEqualTo(200);
    assertThat(listed.json().path("items").findValuesAsText("businessKey"))
        .contains(answer.json().path("businessKey").asText());
    settleAndRemove(answer.json().path("businessKey").asText());
  }

  @Test
  void startsAReplacementAndARemovalOverApi() {
    Calls.Answer replacement = operator.postMultipart("/api/cint/target-groups/" + TG + "/recontacts/replacement",
        "{\"accountId\": 101, \"projectId\": \"" + PROJECT + "\", \"entityType\": \"RSID\", \"completesGoal\": 1}",
        "ids.csv", UUID.randomUUID() + "\n");
    assertThat(replacement.status()).as(replacement.body()).isEqualTo(201);
    Calls.Answer replacementStatus = operator.get("/api/cint/replacements/" + replacement.json().path("businessKey")
        .asText());
    assertThat(replacementStatus.status()).as(replacementStatus.body()).isEqualTo(200);
    settleAndRemove(replacement.json().path("businessKey").asText());

    Calls.Answer removal = operator.postJson("/api/cint/target-groups/" + TG + "/recontacts/removal",
        "{\"accountId\": 101, \"projectId\": \"" + PROJECT + "\"}");
    assertThat(removal.status()).as(removal.body()).isEqualTo(201);
    Calls.Answer removalStatus = operator.get("/api/cint/removals/" + removal.json().path("processInstanceId")
        .asText());
    assertThat(removalStatus.status()).as(removalStatus.body()).isEqualTo(200);
    assertThat(removalStatus.json().path("businessKey").asText()).isEqualTo(removal.json().path("businessKey")
        .asText());
    settleAndRemove(removal.json().path("businessKey").asText());
  }

  @Test
  void importsPanelMembers() {
    String code = "OPERATOR-" + UUID.randomUUID();
    Calls.Answer answer = operator.postJson("/api/panel/members",
        "[{\"memberCode\": \"" + code + "\", \"status\": \"ACTIVE\"}]");
    assertThat(answer.status()).as(answer.body()).isEqualTo(200);
    assertThat(jdbc.queryForObject("select count(*) from panel_member where member_code = ?", Long.class, code))
        .isEqualTo(1);
    Calls.Answer member = operator.get("/api/panel/members/" + code);
    assertThat(member.status()).as(member.body()).isEqualTo(200);
    assertThat(member.json().path("status").asText()).isEqualTo("ACTIVE");
    assertThat(operator.get("/api/panel/members?size=1").json().path("items")).hasSize(1);
    jdbc.update("delete from panel_member where member_code = ?", code);
  }

  @Test
  void startsASweep() {
    // Panels without surveys: the sweep runs to its end and starts no quota instance.
    for (String panel : new String[] {TolunaSandboxData.PANEL_A, TolunaSandboxData.PANEL_B}) {
      HttpHeaders json = new HttpHeaders();
      json.setContentType(MediaType.APPLICATION_JSON);
      http.exchange("/sandbox/toluna/admin/panels/" + panel + "/quotas", HttpMethod.PUT,
          new HttpEntity<>("{\"CountryID\": 2000223, \"Surveys\": []}", json), String.class);
    }
    Calls.Answer answer = operator.postJson("/api/toluna/sweeps", "");
    assertThat(answer.status()).as(answer.body()).isEqualTo(202);
    String id = answer.json().path("processInstanceId").asText();
    await(() -> engine.getHistoryService().createHistoricProcessInstanceQuery().processInstanceId(id).finished()
        .count() == 1, "the sweep to end");
  }

  @Test
  void startsOverEngineRestAndReadsInstancesAndTheirVariables() {
    Calls.Answer started = operator.postJson("/engine-rest/process-definition/key/smokeTest/start",
        "{\"businessKey\": \"operator-rules\", \"variables\": {\"note\": {\"value\": \"for operators\"}}}");
    assertThat(started.status()).as(started.body()).isEqualTo(200);
    String id = started.json().path("id").asText();
    try {
      assertThat(operator.get("/engine-rest/process-instance/" + id + "/variables").json().path("note")
          .path("value").asText()).isEqualTo("for operators");
      assertThat(operator.get("/engine-rest/history/variable-instance?processInstanceId=" + id).json()).hasSize(1);
      assertThat(operator.get("/engine-rest/task?processInstanceId=" + id).json()).hasSize(1);
      JsonNode status = operator.get("/api/toluna/quotas").json();
      assertThat(status.isArray()).isTrue();
    } finally {
      engine.getRuntimeService().deleteProcessInstance(id, "test clean-up");
    }
  }

  @Test
  void usesCockpitAndTasklistButNotAdmin() {
    assertThat(operator.webappLogin("cockpit")).isEqualTo(200);
    assertThat(operator.webappLogin("tasklist")).isEqualTo(200);
    assertThat(operator.webappLogin("admin")).isEqualTo(403);
  }

  /**
   * Tasklist for operators: a view-only filter of the open approvals (it refreshes itself); they read a task's form
   * variables but may neither claim nor complete it, nor change the filter.
   */
  @Test
  void followsOpenApprovalsInItsTasklistFilterButCannotDecide() {
    String instance = engine.getRuntimeService().startProcessInstanceByKey("smokeTest", "operator-view",
        java.util.Map.of("note", "shown on the form")).getId();
    try {
      String taskId = engine.getTaskService().createTaskQuery().processInstanceId(instance).singleResult().getId();
      JsonNode filters = operator.get("/engine-rest/filter?resourceType=Task").json();
      assertThat(filters).as("the operators' filter only").hasSize(1);
      JsonNode filter = filters.get(0);
      assertThat(filter.path("name").asText()).isEqualTo(OperatorIdentitySetup.FILTER_NAME);
      assertThat(filter.path("properties").path("refresh").asBoolean()).isTrue();
      String filterId = filter.path("id").asText();
      assertThat(operator.get("/engine-rest/filter/" + filterId + "/list").json().toString()).contains(taskId);
      Calls.Answer variables = operator.get("/engine-rest/task/" + taskId + "/form-variables");
      assertThat(variables.status()).as(variables.body()).isEqualTo(200);
      assertThat(variables.json().path("note").path("value").asText()).isEqualTo("shown on the form");

      Calls.Answer claim = operator.postJson("/engine-rest/task/" + taskId + "/claim", "{\"userId\": \"operator\"}");
      assertThat(claim.status()).as(claim.body()).isEqualTo(403);
      Calls.Answer complete = operator.postJson("/engine-rest/task/" + taskId + "/complete", "{}");
      assertThat(complete.status()).as(complete.body()).isEqualTo(403);
      Calls.Answer submit = operator.postJson("/engine-rest/task/" + taskId + "/submit-form", "{}");
      assertThat(submit.status()).as(submit.body()).isEqualTo(403);
      assertThat(operator.exchange(HttpMethod.PUT, "/engine-rest/filter/" + filterId, new HttpEntity<>(
          "{\"name\": \"mine\", \"resourceType\": \"Task\", \"query\": {}}", jsonHeaders())).status())
          .isEqualTo(403);
      var open = engine.getTaskService().createTaskQuery().taskId(taskId).singleResult();
      assertThat(open).as("still open").isNotNull();
      assertThat(open.getAssignee()).isNull();
    } finally {
      engine.getRuntimeService().deleteProcessInstance(instance, "test clean-up");
    }
  }

  @Test
  void cannotDeployOrAdministerUsers() {
    long deployments = engine.getRepositoryService().createDeploymentQuery().count();
    Calls.Answer deploy = operator.postMultipart("/engine-rest/deployment/create", null, "intruder.bpmn",
        "<definitions xmlns=\"http://www.omg.org/spec/BPMN/20100524/MODEL\" targetNamespace=\"x\">"
            + "<process id=\"intruder\" isExecutable=\"true\"><startEvent id=\"s\"/></process></definitions>");
    assertThat(deploy.status()).as(deploy.body()).isEqualTo(403);
    assertThat(engine.getRepositoryService().createDeploymentQuery().count()).isEqualTo(deployments);
    assertThat(operator.postJson("/engine-rest/user/create",
        "{\"profile\": {\"id\": \"mallory\"}, \"credentials\": {\"password\": \"x\"}}").status()).isEqualTo(403);
    assertThat(operator.exchange(HttpMethod.PUT, "/engine-rest/group/camunda-admin/members/operator", null)
        .status()).isEqualTo(403);
    assertThat(engine.getIdentityService().createGroupQuery().groupMember("operator").list())
        .extracting(g -> g.getId()).containsExactly(OperatorIdentitySetup.OPERATORS_GROUP);
  }

  @Test
  void demoStaysAdministrator() {
    Calls demo = new Calls(http, "demo");
    assertThat(demo.webappLogin("admin")).isEqualTo(200);
    assertThat(demo.get("/engine-rest/authorization?groupIdIn=" + OperatorIdentitySetup.OPERATORS_GROUP).json())
        .isNotEmpty();
  }

  /** Waits until the flows under the business key have no job left to run now, then deletes what still runs. */
  void settleAndRemove(String businessKey) {
    await(() -> engine.getRuntimeService().createProcessInstanceQuery().processInstanceBusinessKey(businessKey)
        .list().stream().allMatch(p -> engine.getManagementService().createJobQuery().processInstanceId(p.getId())
            .executable().count() == 0), "the flows of " + businessKey + " to settle");
    engine.getRuntimeService().createProcessInstanceQuery().processInstanceBusinessKey(businessKey).list().stream()
        .filter(p -> p.getId().equals(p.getRootProcessInstanceId()))
        .forEach(p -> engine.getRuntimeService().deleteProcessInstance(p.getId(), "test clean-up"));
  }

  void await(BooleanSupplier condition, String what) {
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

  static HttpHeaders jsonHeaders() {
    HttpHeaders headers = new HttpHeaders();
    headers.setContentType(MediaType.APPLICATION_JSON);
    return headers;
  }
}
