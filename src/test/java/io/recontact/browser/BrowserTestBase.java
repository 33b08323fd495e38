package io.recontact.browser;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.function.BooleanSupplier;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.history.HistoricProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.Tag;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.test.context.ActiveProfiles;

/**
 * The app with its sandbox, as the browser suite sees it. Its own engine name (the webapps' URLs carry it) and a
 * polling deadline of a few seconds, so that a launch or removal Cint keeps "processing" reaches its review soon, and
 * the fielding pace checked from the start.
 */
@Tag("browser")
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {"camunda.bpm.process-engine-name=" + BrowserTestBase.ENGINE, "recontact.polling.deadline=5s",
        // The pace check is due from a run's start, so a follow-up behind pace asks at its first reading (no test here
        // follows a target group but FieldingPaceBrowserTest: application-test.yaml leaves the follow-up off).
        "recontact.cint.fielding.pace-check-share=0"})
@ActiveProfiles("test")
abstract class BrowserTestBase {

  static final String ENGINE = "browser";

  @LocalServerPort
  int port;

  @Autowired
  TestRestTemplate http;

  @Autowired
  ProcessEngine engine;

  Browser browser(String prefix, String... extraArguments) {
    return new Browser("http://127.0.0.1:" + port, prefix, extraArguments);
  }

  void postJson(String path, String json) {
    HttpHeaders headers = new HttpHeaders();
    headers.setContentType(MediaType.APPLICATION_JSON);
    ResponseEntity<String> answer = http.postForEntity(path, new HttpEntity<>(json, headers), String.class);
    assertThat(answer.getStatusCode().is2xxSuccessful()).as(path + ": " + answer.getBody()).isTrue();
  }

  /** The open task at the activity in the instances of this business key (a called process shares it). */
  Task awaitTask(String businessKey, String activity) {
    await(() -> task(businessKey, activity) != null, activity + " of " + businessKey);
    return task(businessKey, activity);
  }

  Task task(String businessKey, String activity) {
    return engine.getTaskService().createTaskQuery().processInstanceBusinessKey(businessKey)
        .taskDefinitionKey(activity).singleResult();
  }

  Object variable(Task task, String name) {
    return engine.getTaskService().getVariable(task.getId(), name);
  }

  /** The form shows what the process computed: each field equals the task's variable and is read-only. */
  void showsVariables(TasklistForm form, Task task, String... keys) {
    for (String key : keys) {
      assertThat(form.value(key)).as(key).isEqualTo(String.valueOf(variable(task, key)));
      assertThat(form.disabled(key)).as(key + " is read-only").isTrue();
    }
  }

  boolean taskOpen(Task task) {
    return engine.getTaskService().createTaskQuery().taskId(task.getId()).count() == 1;
  }

  HistoricProcessInstance awaitEnd(String instanceId) {
    await(() -> engine.getHistoryService().createHistoricProcessInstanceQuery().processInstanceId(instanceId)
        .finished().count() == 1, "end of " + instanceId);
    return engine.getHistoryService().createHistoricProcessInstanceQuery().processInstanceId(instanceId)
        .singleResult();
  }

  /** Polls the engine (not the browser) like the integration tests; fails with the open incidents. */
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
}
