package io.recontact.cint.followfielding;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.recontact.cint.client.CintClient;
import io.recontact.cint.client.TargetGroupRef;
import io.recontact.cint.recontact.CintRecontactIntegrationTest;
import java.time.Duration;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.test.context.ActiveProfiles;

/**
 * The pace review over HTTP against the simulator: a target group without respondents is behind pace at once (the
 * check is due from the start here), an approver pauses it (someone else changed the run first: 412, read again,
 * retried), the next round resumes it, and the last closes it through Cint's complete job: FieldingClosed.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
    // its own engine and no webapps: engine REST and the webapps of the shared test context stay undisturbed
    "camunda.bpm.process-engine-name=pacereview", "camunda.bpm.webapp.enabled=false",
    "recontact.cint.fielding.interval=500ms", "recontact.cint.fielding.pace-check-share=0"})
@ActiveProfiles("test")
class FieldingPaceReviewIntegrationTest {

  @Autowired
  TestRestTemplate http;

  @Autowired
  ProcessEngine engine;

  @Autowired
  CintClient cint;

  @Test
  void behindPaceIsPausedResumedAndClosedByAPerson() {
    http.postForEntity("/sandbox/cint/admin/reset", null, String.class);
    http.postForEntity("/sandbox/cint/admin/settings", CintFollowFieldingIntegrationTest.json(
        "{\"completesPerHour\": 0}"), String.class);
    TargetGroupRef tg = new LiveTargetGroups(cint).live(5);
    ResponseEntity<JsonNode> started = http.withBasicAuth("operator", "operator").postForEntity(
        "/api/cint/target-groups/" + tg.targetGroupId() + "/fielding", CintFollowFieldingIntegrationTest.json(
            "{\"accountId\": 101, \"projectId\": \"" + CintRecontactIntegrationTest.PROJECT + "\"}"), JsonNode.class);
    assertThat(started.getStatusCode()).isEqualTo(HttpStatus.CREATED);
    String instance = started.getBody().path("processInstanceId").asText();

    Task review = awaitReview(instance);
    assertThat(engine.getTaskService().getVariable(review.getId(), "projectedCompletes")).isEqualTo(0);
    http.postForEntity("/sandbox/cint/admin/target-groups/" + tg.targetGroupId() + "/concurrent-change",
        CintFollowFieldingIntegrationTest.json("{\"count\": 1}"), String.class);
    complete(review, "pause");
    CintFollowFieldingIntegrationTest.await(() -> "paused".equals(cint.getTargetGroupOverview(tg).status()),
        Duration.ofSeconds(20));
    JsonNode calls = http.getForObject("/sandbox/cint/admin/state", JsonNode.class).path("calls");
    assertThat(calls.path("pause_fielding_run").asInt()).as("the 412, then the retry").isEqualTo(2);

    review = awaitReview(instance);
    assertThat(engine.getTaskService().getVariable(review.getId(), "fieldingStatus")).isEqualTo("paused");
    complete(review, "resume");
    CintFollowFieldingIntegrationTest.await(() -> "live".equals(cint.getTargetGroupOverview(tg).status()),
        Duration.ofSeconds(20));

    review = awaitReview(instance);
    complete(review, "closeNow");
    CintFollowFieldingIntegrationTest.await(() -> engine.getHistoryService().createHistoricProcessInstanceQuery()
        .processInstanceId(instance).finished().count() == 1, Duration.ofSeconds(30));
    assertThat(engine.getHistoryService().createHistoricProcessInstanceQuery().processInstanceId(instance)
        .singleResult().getEndActivityId()).isEqualTo("FieldingClosed");
    assertThat(cint.getTargetGroupOverview(tg).status()).isEqualTo("completed");
    assertThat(engine.getHistoryService().createHistoricVariableInstanceQuery().processInstanceId(instance)
        .variableName("fieldingOutcome").singleResult().getValue()).isEqualTo("CLOSED");
  }

  Task awaitReview(String instance) {
    CintFollowFieldingIntegrationTest.await(() -> engine.getTaskService().createTaskQuery()
        .processInstanceId(instance).count() == 1, Duration.ofSeconds(20));
    return engine.getTaskService().createTaskQuery().processInstanceId(instance).singleResult();
  }

  /** As the form does it: the decision variable, through the task's complete listener (PaceDecisions). */
  void complete(Task task, String decision) {
    engine.getTaskService().complete(task.getId(), java.util.Map.of("paceDecision", decision));
  }

}
