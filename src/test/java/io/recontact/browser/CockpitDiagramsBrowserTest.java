package io.recontact.browser;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.recontact.sandbox.seed.TolunaSandboxData;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.repository.ProcessDefinition;
import org.camunda.bpm.engine.runtime.ActivityInstance;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.AfterEach;
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
 * Each process's diagram as Cockpit draws it, for the operator (demo), and a paused Toluna quota with its token at
 * "Quota paused". The README's diagram images are these screenshots: -Dbrowser.readme-screenshots=true writes them to
 * docs/images/&lt;processKey&gt;.png and docs/images/cockpit-quota-paused.png.
 */
class CockpitDiagramsBrowserTest extends BrowserTestBase {

  static final List<String> PROCESSES = List.of("cintRecontact", "cintUploadRespondents", "cintRemoveRecontacts",
      "cintReplaceRecontacts", "tolunaQuotaSweep", "tolunaRecontactQuota", "tolunaIncentiveSettlement");
  static final String PANEL = TolunaSandboxData.PANEL_A;
  static final long SURVEY = 3900021;
  static final long QUOTA = 4900021;

  @Autowired
  JdbcTemplate jdbc;

  @Test
  void cockpitDrawsTheDiagramOfEveryProcess() {
    List<String> deployed = engine.getRepositoryService().createProcessDefinitionQuery().latestVersion().list()
        .stream().map(ProcessDefinition::getKey).toList();
    assertThat(deployed).as("every process the README shows").containsAll(PROCESSES);
    // Twice the pixels: the wide Toluna diagram stays readable when the README image is zoomed.
    try (Browser browser = browser("cockpit-diagrams", "--force-device-scale-factor=2")) {
      browser.login("cockpit", ENGINE, "demo");
      Cockpit cockpit = new Cockpit(browser, ENGINE);
      for (String key : PROCESSES) {
        ProcessDefinition definition = engine.getRepositoryService().createProcessDefinitionQuery()
            .processDefinitionKey(key).latestVersion().singleResult();
        cockpit.diagramOf(definition.getId(), key, definition.getName());
      }
    }
  }

  /**
   * The quota of a survey of its own (panel A, ten member codes of the sandbox directory) is fed, then Toluna switches
   * it off: its instance waits at "Quota paused", in the engine and in Cockpit, while the quota API says PAUSED.
   */
  @Test
  void cockpitShowsAPausedQuotaWithItsTokenAtQuotaPaused() {
    endQuotaInstances();
    http.postForEntity("/sandbox/toluna/admin/reset", null, String.class);
    put("/sandbox/toluna/admin/panels/" + PANEL + "/quotas", """
        {"CountryID": 2000223, "Surveys": [{"SurveyID": %d, "SurveyName": "RC-PAUSE", "WaveID": 3990021, "LOI": 10,
          "IR": 60, "Price": {"Amount": 2.0, "CurrencyID": 1}, "IsSurveyRecontact": true, "CompletesRequired": 100,
          "EstimatedCompletesRemaining": 100, "Quotas": [{"QuotaID": %d, "CompletesRequired": 100,
            "EstimatedCompletesRemaining": 100, "Layers": [{"LayerID": 49000210, "SubQuotas": [{"SubQuotaID": 490002100,
              "CurrentCompletes": 0, "MaxTargetCompletes": 100, "QuestionsAndAnswers": [{"QuestionID": 1001538,
                "AnswerIDs": [], "AnswerValues": ["18-99"], "IsRoutable": false}]}]}]}]}]}
        """.formatted(SURVEY, QUOTA));
    List<String> codes = new ArrayList<>();
    for (int n = 1; n <= 10; n++) {
      codes.add("\"" + TolunaSandboxData.code(n) + "\"");
    }
    put("/sandbox/toluna/admin/panels/" + PANEL + "/recontact/" + QUOTA + "/members", "[" + String.join(",", codes)
        + "]");
    assertThat(http.withBasicAuth("demo", "demo").postForEntity("/api/toluna/sweeps", null, String.class)
        .getStatusCode()).isEqualTo(HttpStatus.ACCEPTED);
    String businessKey = "toluna-" + PANEL + "-" + QUOTA;
    await(() -> instance(businessKey) != null && (task(businessKey, "ReviewValidationExceptions") != null
        || waitsAt(instance(businessKey), "WaitForQuotaChange")), "the review or the invites");
    String instanceId = instance(businessKey);
    Task review = task(businessKey, "ReviewValidationExceptions");
    if (review != null) {
      engine.getTaskService().complete(review.getId(), Map.of("exceptionDecision", "proceed"));
    }
    await(() -> waitsAt(instanceId, "WaitForQuotaChange"), "the quota to be fed");

    postJson("/sandbox/toluna/admin/quotas/" + QUOTA + "/status", "{\"IsLive\": false}");
    await(() -> waitsAt(instanceId, "QuotaPaused"), "the quota status notification to pause the instance");
    assertThat(engine.getRuntimeService().getActivityInstance(instanceId).getChildActivityInstances())
        .extracting(ActivityInstance::getActivityId).containsExactly("QuotaPaused");
    assertThat(http.withBasicAuth("demo", "demo").getForObject("/api/toluna/quotas/" + PANEL + "/" + QUOTA,
        JsonNode.class).path("quota").path("state").asText()).isEqualTo("PAUSED");

    try (Browser operator = browser("cockpit-quota-paused", "--force-device-scale-factor=2")) {
      operator.login("cockpit", ENGINE, "demo");
      Cockpit cockpit = new Cockpit(operator, ENGINE);
      cockpit.showsInstance(instanceId, businessKey, "QuotaPaused", "instance");
      cockpit.instanceDiagram("diagram", "cockpit-quota-paused.png");
    }
  }

  @AfterEach
  void endQuotaInstances() {
    for (String key : List.of("tolunaRecontactQuota", "tolunaQuotaSweep")) {
      engine.getRuntimeService().createProcessInstanceQuery().processDefinitionKey(key).list()
          .forEach(p -> engine.getRuntimeService().deleteProcessInstance(p.getId(), "browser test clean-up"));
    }
    for (String table : List.of("toluna_invite_delivery", "toluna_invite", "toluna_survey_member",
        "toluna_quota_member", "toluna_fetch_cursor", "toluna_quota_run", "toluna_panel_sweep", "toluna_quota")) {
      jdbc.update("delete from " + table);
    }
  }

  String instance(String businessKey) {
    return engine.getRuntimeService().createProcessInstanceQuery().processInstanceBusinessKey(businessKey).list()
        .stream().map(p -> p.getId()).findFirst().orElse(null);
  }

  boolean waitsAt(String instanceId, String activity) {
    return engine.getRuntimeService().createProcessInstanceQuery().processInstanceId(instanceId).count() == 1
        && engine.getRuntimeService().getActiveActivityIds(instanceId).contains(activity)
        && engine.getManagementService().createJobQuery().processInstanceId(instanceId).executable().count() == 0;
  }

  void put(String path, String json) {
    HttpHeaders headers = new HttpHeaders();
    headers.setContentType(MediaType.APPLICATION_JSON);
    ResponseEntity<String> answer = http.exchange(path, HttpMethod.PUT, new HttpEntity<>(json, headers), String.class);
    assertThat(answer.getStatusCode().is2xxSuccessful()).as(path + ": " + answer.getBody()).isTrue();
  }
}
