package io.recontact.browser;

import static org.assertj.core.api.Assertions.assertThat;

import io.recontact.sandbox.seed.TolunaSandboxData;
import java.util.ArrayList;
import java.util.List;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The Toluna review form in Tasklist: a sweep over the /api starts the quota's instance, as in
 * TolunaRecontactIntegrationTest (panel A, a survey of its own, 40 member codes of the sandbox directory, some of
 * which fail validation); an operator looks, the approver downloads the exceptions and proceeds, and the instance
 * goes on to wait for quota changes.
 */
class TolunaReviewBrowserTest extends BrowserTestBase {

  static final String PANEL = TolunaSandboxData.PANEL_A;
  static final long SURVEY = 3900011;
  static final long QUOTA = 4900011;

  @Autowired
  JdbcTemplate jdbc;

  @BeforeEach
  void ownSurvey() {
    endQuotaInstances();
    http.postForEntity("/sandbox/toluna/admin/reset", null, String.class);
    for (String table : List.of("toluna_invite_delivery", "toluna_invite", "toluna_survey_member",
        "toluna_quota_member", "toluna_fetch_cursor", "toluna_quota_run", "toluna_panel_sweep", "toluna_quota")) {
      jdbc.update("delete from " + table);
    }
    put("/sandbox/toluna/admin/panels/" + PANEL + "/quotas", """
        {"CountryID": 2000223, "Surveys": [{"SurveyID": %d, "SurveyName": "RC-BROWSER", "WaveID": 3990011, "LOI": 10,
          "IR": 60, "Price": {"Amount": 2.0, "CurrencyID": 1}, "IsSurveyRecontact": true, "CompletesRequired": 100,
          "EstimatedCompletesRemaining": 100, "Quotas": [{"QuotaID": %d, "CompletesRequired": 100,
            "EstimatedCompletesRemaining": 100, "Layers": [{"LayerID": 49000110, "SubQuotas": [{"SubQuotaID": 490001100,
              "CurrentCompletes": 0, "MaxTargetCompletes": 100, "QuestionsAndAnswers": [{"QuestionID": 1001538,
                "AnswerIDs": [], "AnswerValues": ["18-99"], "IsRoutable": false}]}]}]}]}]}
        """.formatted(SURVEY, QUOTA));
    List<String> codes = new ArrayList<>();
    for (int n = 1; n <= 40; n++) {
      codes.add("\"" + TolunaSandboxData.code(n) + "\"");
    }
    put("/sandbox/toluna/admin/panels/" + PANEL + "/recontact/" + QUOTA + "/members", "[" + String.join(",", codes)
        + "]");
  }

  @AfterEach
  void endQuotaInstances() {
    for (String key : List.of("tolunaRecontactQuota", "tolunaQuotaSweep")) {
      engine.getRuntimeService().createProcessInstanceQuery().processDefinitionKey(key).list()
          .forEach(p -> engine.getRuntimeService().deleteProcessInstance(p.getId(), "browser test clean-up"));
    }
  }

  void put(String path, String json) {
    HttpHeaders headers = new HttpHeaders();
    headers.setContentType(MediaType.APPLICATION_JSON);
    ResponseEntity<String> answer = http.exchange(path, HttpMethod.PUT, new HttpEntity<>(json, headers), String.class);
    assertThat(answer.getStatusCode().is2xxSuccessful()).as(path + ": " + answer.getBody()).isTrue();
  }

  /**
   * The approver is in Tasklist before the review exists: the filter refreshes itself and lists it. An operator sees
   * it in the view-only filter and cannot claim it; the approver downloads the exceptions with one click (the
   * Tasklist session is enough for /api reads), is stopped by the form without a decision, and proceeds.
   */
  @Test
  void validationExceptionsAreReviewedInTasklistAndTheQuotaGoesOn() throws Exception {
    String businessKey = "toluna-" + PANEL + "-" + QUOTA;
    try (Browser browser = browser("toluna-quota")) {
      browser.login("tasklist", ENGINE, "approver");
      browser.visible(By.xpath("//*[contains(@class,'task-filters')]//h4/a[contains(., 'Recontact approvals')]"));
      browser.shot("tasklist-before-the-review");

      ResponseEntity<String> sweep = http.withBasicAuth("demo", "demo").postForEntity("/api/toluna/sweeps", null,
          String.class);
      assertThat(sweep.getStatusCode()).isEqualTo(HttpStatus.ACCEPTED);
      Task review = awaitTask(businessKey, "ReviewValidationExceptions");
      String instanceId = review.getProcessInstanceId();
      // No reload: the filter's auto-refresh (every 10 s) brings the new review into the list.
      browser.visible(By.cssSelector(".tasks-list a[href$='task=" + review.getId() + "']"));
      browser.shot("tasklist-refreshed-by-itself");

      operatorFollowsButCannotDecide(review);

      TasklistForm form = new TasklistForm(browser, "review-validation-exceptions.form")
          .open(ENGINE, review.getId(), "exceptionCount");
      browser.readmeShot("review-validation-exceptions", "tasklist-review-validation-exceptions.png");
      assertThat(form.value("quotaTitle")).contains(String.valueOf(QUOTA)).contains(String.valueOf(SURVEY))
          .endsWith("business key " + businessKey);
      assertThat(form.showsWholeText("quotaTitle")).as("the survey and quota, business key included").isTrue();
      showsVariables(form, review, "quotaTitle", "validCount", "exceptionCount", "exceptionSummary");
      int valid = Integer.parseInt(form.value("validCount"));
      int exceptions = Integer.parseInt(form.value("exceptionCount"));
      assertThat(exceptions).as("the sandbox directory holds opted-out and unknown members among codes 1-40")
          .isPositive();
      assertThat(valid + exceptions).isEqualTo(40);
      assertThat(jdbc.queryForObject("select count(*) from toluna_quota_member where quota_id = ? and state = "
          + "'EXCEPTION'", Integer.class, QUOTA)).isEqualTo(exceptions);

      // One click downloads the whole list: the link goes to /api, which takes the Tasklist session for a read.
      WebElement csv = form.link("/members?state=EXCEPTION");
      assertThat(csv.getDomAttribute("href")).isEqualTo(variable(review, "exceptionsCsv"));
      browser.click(csv);
      String file = browser.awaitDownload("toluna-" + PANEL + "-" + QUOTA + "-members-exception.csv");
      List<String> lines = file.lines().toList();
      assertThat(lines.get(0)).isEqualTo("member_code,state,reason_code,reason,outcome,outcome_at");
      assertThat(lines).hasSize(exceptions + 1);
      assertThat(lines.subList(1, lines.size())).allMatch(line -> line.contains(",EXCEPTION,"));
      // The codes are in the download only: the form (its variables) shows counts.
      String shown = browser.driver.findElement(org.openqa.selenium.By.cssSelector("form.fjs-form")).getText();
      assertThat(lines.subList(1, lines.size())).noneMatch(line -> shown.contains(line.split(",")[0]));
      assertThat(browser.driver.getCurrentUrl()).as("Tasklist stays open").contains("/app/tasklist/");
      browser.shot("review-validation-exceptions-csv-downloaded");

      assertThat(form.showsDecisionHint()).isTrue();
      form.refusesToComplete("review-validation-exceptions-invalid");
      assertThat(taskOpen(review)).isTrue();

      form.choose("exceptionDecision", "proceed");
      assertThat(form.showsDecisionHint()).isFalse();
      form.complete();
      form.awaitClosed();
      assertThat(taskOpen(review)).isFalse();
      // Proceeding feeds the valid members to the invites; then the instance waits for Toluna's quota changes.
      await(() -> engine.getRuntimeService().getActiveActivityIds(instanceId).contains("WaitForQuotaChange"),
          "the quota to wait for changes");
      assertThat(engine.getRuntimeService().getVariable(instanceId, "exceptionDecision")).isEqualTo("proceed");
      assertThat(engine.getRuntimeService().getVariables(instanceId)).as("the form's check is not kept")
          .doesNotContainKey("decisionCheck");
      browser.shot("review-validation-exceptions-done");

      try (Browser operator = browser("toluna-quota-cockpit")) {
        operator.login("cockpit", ENGINE, "demo");
        new Cockpit(operator, ENGINE).showsInstance(instanceId, businessKey, "WaitForQuotaChange", "instance");
      }
    }
  }

  /**
   * The operator's Tasklist: the view-only filter lists the review and the form shows its figures, but the task is
   * not theirs to decide: Complete stays disabled and claiming it is refused by the engine.
   */
  void operatorFollowsButCannotDecide(Task review) {
    try (Browser operator = browser("toluna-quota-operator")) {
      operator.login("tasklist", ENGINE, "operator");
      operator.visible(By.xpath("//*[contains(@class,'task-filters')]//h4/a[contains(., "
          + "'Recontact approvals (view only)')]"));
      TasklistForm form = new TasklistForm(operator, "review-validation-exceptions.form")
          .view(ENGINE, review.getId(), "exceptionCount");
      assertThat(form.value("exceptionCount")).isEqualTo(String.valueOf(variable(review, "exceptionCount")));
      assertThat(form.completeButton().isEnabled()).isFalse();
      operator.shot("view-only");
      operator.click(operator.visible(By.cssSelector("button.claim[ng-click='claim()']")));
      assertThat(form.awaitNotification("An error happened while claiming the task")).isNotEmpty();
      operator.shot("claim-refused");
      assertThat(engine.getTaskService().createTaskQuery().taskId(review.getId()).singleResult().getAssignee())
          .isNull();
      assertThat(form.completeButton().isEnabled()).isFalse();
    }
  }
}
