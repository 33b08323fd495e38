package io.recontact.browser;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.recontact.cint.client.CintClient;
import io.recontact.cint.client.TargetGroupRef;
import io.recontact.cint.followfielding.LiveTargetGroups;
import io.recontact.cint.recontact.CintRecontactIntegrationTest;
import java.math.BigDecimal;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

/**
 * The pace review of {@code cintFollowFielding} in Tasklist: a live target group at the simulator that gets no
 * respondents ({@code completesPerHour} 0) is behind pace at its first reading (the base sets the pace check due from
 * the start), and its follow-up, started over the /api, asks the approver. Round one: the form shows the reading, a
 * {@code resume} of a live run is refused with the process's reason, {@code pause} pauses the run at Cint. Round two
 * (the paused run): {@code resume}. Round three: {@code closeNow}, and the follow-up ends in {@code FieldingClosed}.
 */
class FieldingPaceBrowserTest extends BrowserTestBase {

  static final String FORM = "review-fielding-pace.form";

  @Autowired
  CintClient cint;

  @BeforeEach
  void noRespondents() {
    http.postForEntity("/sandbox/cint/admin/reset", null, String.class);
    postJson("/sandbox/cint/admin/settings", "{\"completesPerHour\": 0}");
  }

  @AfterEach
  void endFollowUps() {
    engine.getRuntimeService().createProcessInstanceQuery().processDefinitionKey("cintFollowFielding").list()
        .forEach(p -> engine.getRuntimeService().deleteProcessInstance(p.getId(), "browser test clean-up"));
  }

  @Test
  void aPersonPausesResumesAndClosesTheFieldingInTasklist() {
    TargetGroupRef tg = new LiveTargetGroups(cint).live(5);
    HttpHeaders headers = new HttpHeaders();
    headers.setContentType(MediaType.APPLICATION_JSON);
    ResponseEntity<JsonNode> started = http.withBasicAuth("operator", "operator").postForEntity(
        "/api/cint/target-groups/" + tg.targetGroupId() + "/fielding", new HttpEntity<>("{\"accountId\": 101, "
            + "\"projectId\": \"" + CintRecontactIntegrationTest.PROJECT + "\"}", headers), JsonNode.class);
    assertThat(started.getStatusCode()).as(String.valueOf(started.getBody())).isEqualTo(HttpStatus.CREATED);
    String instanceId = started.getBody().path("processInstanceId").asText();
    String businessKey = started.getBody().path("businessKey").asText();

    try (Browser browser = browser("fielding-pace")) {
      browser.login("tasklist", ENGINE, "approver");

      // Round 1: the live run, behind pace.
      Task review = awaitTask(businessKey, "ReviewFieldingPace");
      TasklistForm form = new TasklistForm(browser, FORM).open(ENGINE, review.getId(), "goal");
      browser.shot("review-fielding-pace-live");
      assertThat(form.value("reviewSubject")).contains(tg.targetGroupId());
      assertThat(form.showsWholeText("reviewSubject")).isTrue();
      assertThat(form.value("fieldingStatus")).isEqualTo("live");
      assertThat(form.value("goal")).isEqualTo("5");
      assertThat(form.value("completes")).isEqualTo("0");
      assertThat(form.value("projectedCompletes")).isEqualTo("0");
      showsVariables(form, review, "reviewSubject", "fieldingStatus", "goal", "completes", "projectedCompletes");
      showsNumbers(form, review, "daysLeft", "conversionRate");
      assertThat(new BigDecimal(form.value("daysLeft"))).as("the run ends in about 8 days")
          .isBetween(new BigDecimal("7"), new BigDecimal("8.1"));

      assertThat(form.showsDecisionHint()).isTrue();
      form.refusesToComplete("review-fielding-pace-invalid");
      assertThat(taskOpen(review)).isTrue();

      // Resume is for a paused run: the process refuses it, Tasklist says why, the task stays open.
      form.choose("paceDecision", "resume");
      form.complete();
      assertThat(form.awaitNotification("resume is only for a paused run")).isNotEmpty();
      browser.shot("review-fielding-pace-resume-refused");
      assertThat(taskOpen(review)).isTrue();

      form.choose("paceDecision", "pause");
      form.complete();
      form.awaitClosed();
      assertThat(taskOpen(review)).isFalse();
      await(() -> "paused".equals(cint.getTargetGroupOverview(tg).status()), "the run paused at Cint");

      // Round 2: the next reading finds the run paused and asks again.
      Task paused = awaitTask(businessKey, "ReviewFieldingPace");
      form = new TasklistForm(browser, FORM).open(ENGINE, paused.getId(), "goal");
      browser.shot("review-fielding-pace-paused");
      assertThat(form.value("fieldingStatus")).isEqualTo("paused");
      showsVariables(form, paused, "fieldingStatus", "goal", "completes");
      form.choose("paceDecision", "resume");
      form.complete();
      form.awaitClosed();
      await(() -> "live".equals(cint.getTargetGroupOverview(tg).status()), "the run live again at Cint");

      // Round 3: still no respondents, still behind pace; close it now through Cint's complete job.
      Task again = awaitTask(businessKey, "ReviewFieldingPace");
      form = new TasklistForm(browser, FORM).open(ENGINE, again.getId(), "goal");
      assertThat(form.value("fieldingStatus")).isEqualTo("live");
      form.choose("paceDecision", "closeNow");
      browser.shot("review-fielding-pace-close");
      form.complete();
      form.awaitClosed();
      assertThat(awaitEnd(instanceId).getEndActivityId()).isEqualTo("FieldingClosed");
      assertThat(cint.getTargetGroupOverview(tg).status()).isEqualTo("completed");
      assertThat(engine.getHistoryService().createHistoricVariableInstanceQuery().processInstanceId(instanceId)
          .variableName("fieldingOutcome").singleResult().getValue()).isEqualTo("CLOSED");
      browser.shot("review-fielding-pace-closed");
    }
  }

  /** Decimal figures: form-js may write 8.0 as 8, so they are compared as numbers; read-only like the others. */
  void showsNumbers(TasklistForm form, Task task, String... keys) {
    for (String key : keys) {
      assertThat(new BigDecimal(form.value(key))).as(key)
          .isEqualByComparingTo(new BigDecimal(String.valueOf(variable(task, key))));
      assertThat(form.disabled(key)).as(key + " is read-only").isTrue();
    }
  }
}
