package io.recontact;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.recontact.api.ApiContract;
import io.recontact.config.ApproverIdentitySetup;
import java.util.Map;
import org.camunda.bpm.engine.FilterService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.test.context.ActiveProfiles;

/** The sandbox application as a user meets it: webapps, secured REST, health, users and a running process. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
class RecontactApplicationTest {

  @Autowired
  TestRestTemplate http;

  @Autowired
  ProcessEngine engine;

  @Test
  void engineRestRequiresBasicAuthentication() {
    ResponseEntity<String> anonymous = http.getForEntity("/engine-rest/process-definition", String.class);
    assertThat(anonymous.getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
    assertThat(anonymous.getHeaders().getFirst(HttpHeaders.WWW_AUTHENTICATE)).startsWith("Basic");

    assertThat(http.withBasicAuth("intruder", "wrong").getForEntity("/engine-rest/process-definition", String.class)
        .getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
    ResponseEntity<JsonNode> demo = http.withBasicAuth("demo", "demo")
        .getForEntity("/engine-rest/process-definition?key=smokeTest", JsonNode.class);
    assertThat(demo.getStatusCode()).isEqualTo(HttpStatus.OK);
    assertThat(demo.getBody()).hasSize(1);
  }

  @Test
  void projectApiRequiresBasicAuthentication() {
    // Unknown routes and a text body where JSON is expected, on purpose: only the answers meet the OpenAPI document.
    HttpHeaders bad = new HttpHeaders();
    bad.add(ApiContract.DELIBERATELY_BAD, "any route, any body: authentication comes first");
    assertThat(http.exchange("/api/cint/recontacts", HttpMethod.GET, new HttpEntity<>(bad), String.class)
        .getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
    assertThat(http.postForEntity("/api/panel/members", new HttpEntity<>("[]", bad), String.class).getStatusCode())
        .isEqualTo(HttpStatus.UNAUTHORIZED);
    // Camunda throttles logins after a failed attempt per user, so negative checks use a user of their own.
    // Past the filter with valid credentials: whatever the route, never 401.
    assertThat(http.withBasicAuth("demo", "demo").exchange("/api/does-not-exist", HttpMethod.GET,
        new HttpEntity<>(bad), String.class).getStatusCode()).isNotEqualTo(HttpStatus.UNAUTHORIZED);
  }

  @Test
  void processesStartOverEngineRestAndAuthorizationIsEnforced() {
    HttpHeaders json = new HttpHeaders();
    json.setContentType(MediaType.APPLICATION_JSON);
    HttpEntity<String> start = new HttpEntity<>("{\"businessKey\":\"smoke-1\"}", json);

    ResponseEntity<JsonNode> started = http.withBasicAuth("demo", "demo").exchange(
        "/engine-rest/process-definition/key/smokeTest/start", HttpMethod.POST, start, JsonNode.class);
    assertThat(started.getStatusCode()).isEqualTo(HttpStatus.OK);
    String instanceId = started.getBody().get("id").asText();

    // The approver sees and completes the task through REST, as Tasklist does.
    ResponseEntity<JsonNode> tasks = http.withBasicAuth("approver", "approver")
        .getForEntity("/engine-rest/task?processInstanceId=" + instanceId, JsonNode.class);
    assertThat(tasks.getStatusCode()).isEqualTo(HttpStatus.OK);
    assertThat(tasks.getBody()).hasSize(1);
    String taskId = tasks.getBody().get(0).get("id").asText();
    ResponseEntity<String> completed = http.withBasicAuth("approver", "approver").exchange(
        "/engine-rest/task/" + taskId + "/complete", HttpMethod.POST, new HttpEntity<>("{}", json), String.class);
    assertThat(completed.getStatusCode()).isEqualTo(HttpStatus.NO_CONTENT);
    assertThat(engine.getHistoryService().createHistoricProcessInstanceQuery().processInstanceId(instanceId)
        .singleResult().getEndActivityId()).isEqualTo("SmokeDone");

    // Authorization is on: the approver may not read the identity of other users' groups in Admin terms.
    assertThat(engine.getProcessEngineConfiguration().isAuthorizationEnabled()).isTrue();
    ResponseEntity<String> approverCockpit = http.withBasicAuth("approver", "approver")
        .getForEntity("/engine-rest/authorization?userIdIn=demo", String.class);
    assertThat(approverCockpit.getBody()).doesNotContain("\"userId\":\"demo\"");
  }

  @Test
  void sandboxUsersGroupAndTasklistFilterExist() {
    IdentityService identity = engine.getIdentityService();
    assertThat(identity.checkPassword("demo", "demo")).isTrue();
    assertThat(identity.checkPassword("approver", "approver")).isTrue();
    assertThat(identity.createGroupQuery().groupMember("approver").list())
        .extracting(g -> g.getId()).containsExactly(ApproverIdentitySetup.APPROVERS_GROUP);
    FilterService filters = engine.getFilterService();
    assertThat(filters.createFilterQuery().filterName("Recontact approvals").count()).isEqualTo(1);
    assertThat(filters.createFilterQuery().filterName("All tasks").count()).isEqualTo(1);
  }

  @Test
  void healthIsPublicButDetailsNeedCredentials() {
    ResponseEntity<JsonNode> anonymous = http.getForEntity("/actuator/health", JsonNode.class);
    assertThat(anonymous.getStatusCode()).isEqualTo(HttpStatus.OK);
    assertThat(anonymous.getBody().get("status").asText()).isEqualTo("UP");
    assertThat(anonymous.getBody().has("components")).isFalse();

    JsonNode detailed = http.withBasicAuth("demo", "demo").getForEntity("/actuator/health", JsonNode.class)
        .getBody();
    assertThat(detailed.path("components").has("processEngine")).as(detailed.toString()).isTrue();
    assertThat(detailed.path("components").has("jobExecutor")).isTrue();

    assertThat(http.withBasicAuth("intruder", "nope").getForEntity("/actuator/health", String.class).getStatusCode())
        .isEqualTo(HttpStatus.UNAUTHORIZED);
    for (String sensitive : new String[] {"/actuator/env", "/actuator/configprops", "/actuator/beans",
        "/actuator/heapdump"}) {
      assertThat(http.withBasicAuth("demo", "demo").getForEntity(sensitive, String.class).getStatusCode())
          .as(sensitive).isEqualTo(HttpStatus.NOT_FOUND);
    }
  }

  @Test
  void webappsAreServed() {
    for (String app : new String[] {"cockpit", "tasklist", "admin"}) {
      ResponseEntity<String> page = http.getForEntity("/camunda/app/" + app + "/default/", String.class);
      assertThat(page.getStatusCode()).as(app).isEqualTo(HttpStatus.OK);
      assertThat(page.getBody()).as(app).containsIgnoringCase("camunda");
    }
  }

  @Test
  void engineRunsAProcessInProcess() {
    ProcessInstance instance = engine.getRuntimeService()
        .startProcessInstanceByKey("smokeTest", "smoke-2", Map.of());
    assertThat(engine.getTaskService().createTaskQuery().processInstanceId(instance.getId())
        .taskCandidateGroup(ApproverIdentitySetup.APPROVERS_GROUP).count()).isEqualTo(1);
  }
}
