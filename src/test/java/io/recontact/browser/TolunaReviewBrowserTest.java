package io.recontact.browser;

import static org.assertj.core.api.Assertions.assertThat;

import io.recontact.sandbox.seed.TolunaSandboxData;
import java.util.ArrayList;
import java.util.List;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
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
 * which fail validation); the approver proceeds and the instance goes on to wait for quota changes.
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

  @Test
  void validationExceptionsAreReviewedInTasklistAndTheQuotaGoesOn() {
    ResponseEntity<String> sweep = http.withBasicAuth("demo", "demo").postForEntity("/api/toluna/sweeps", null,
        String.class);
    assertThat(sweep.getStatusCode()).isEqualTo(HttpStatus.ACCEPTED);
    String businessKey = "toluna-" + PANEL + "-" + QUOTA;
    Task review = awaitTask(businessKey, "ReviewValidationExceptions");
    String instanceId = review.getProcessInstanceId();

    try (Browser browser = browser("toluna-quota")) {
      browser.login("tasklist", ENGINE, "approver");
      TasklistForm form = new TasklistForm(browser, "review-validation-exceptions.form")
          .open(ENGINE, review.getId(), "exceptionCount");
      browser.readmeShot("review-validation-exceptions", "tasklist-review-validation-exceptions.png");
      assertThat(form.value("quotaTitle")).contains(String.valueOf(QUOTA)).contains(String.valueOf(SURVEY));
      showsVariables(form, review, "quotaTitle", "validCount", "exceptionCount",
          "exceptionSummary", "exceptionsCsv");
      int valid = Integer.parseInt(form.value("validCount"));
      int exceptions = Integer.parseInt(form.value("exceptionCount"));
      assertThat(exceptions).as("the sandbox directory holds opted-out and unknown members among codes 1-40")
          .isPositive();
      assertThat(valid + exceptions).isEqualTo(40);
      assertThat(jdbc.queryForObject("select count(*) from toluna_quota_member where quota_id = ? and state = "
          + "'EXCEPTION'", Integer.class, QUOTA)).isEqualTo(exceptions);
      assertThat(form.value("exceptionsCsv")).endsWith("members?state=EXCEPTION");

      form.complete();
      assertThat(form.awaitError("exceptionDecision")).contains("required");
      browser.shot("review-validation-exceptions-invalid");
      assertThat(taskOpen(review)).isTrue();

      form.choose("exceptionDecision", "proceed");
      form.complete();
      form.awaitClosed();
      assertThat(taskOpen(review)).isFalse();
      // Proceeding feeds the valid members to the invites; then the instance waits for Toluna's quota changes.
      await(() -> engine.getRuntimeService().getActiveActivityIds(instanceId).contains("WaitForQuotaChange"),
          "the quota to wait for changes");
      browser.shot("review-validation-exceptions-done");
    }

    try (Browser operator = browser("toluna-quota-cockpit")) {
      operator.login("cockpit", ENGINE, "demo");
      new Cockpit(operator, ENGINE).showsInstance(instanceId, businessKey, "WaitForQuotaChange", "instance");
    }
  }
}
