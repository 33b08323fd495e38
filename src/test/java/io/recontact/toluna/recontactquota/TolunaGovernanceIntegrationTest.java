package io.recontact.toluna.recontactquota;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.recontact.sandbox.seed.TolunaSandboxData;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
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
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.ActiveProfiles;

/**
 * Caps and the do-not-contact list in the running Toluna flow: two quotas of two surveys over the same 40 members
 * run at once with a cap of one contact per member, so each member is invited by one quota and is a CONTACT_CAP
 * exception (with the date they may be contacted again) in the other; a suppressed member is a SUPPRESSED exception
 * in both that neither "recheck" nor "proceed" invites. Sweeps, reviews and contact history over HTTP.
 */
// A context of its own (the caps), so an engine name of its own: Camunda registers engines by name in a static
// registry, and engine REST of the shared test context must keep finding that context's "default" engine.
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {"recontact.governance.caps.max-contacts=1", "recontact.governance.caps.window=30d",
        "camunda.bpm.process-engine-name=" + TolunaGovernanceIntegrationTest.ENGINE,
        "camunda.bpm.webapp.enabled=false"})
@ActiveProfiles("test")
public class TolunaGovernanceIntegrationTest {

  static final String ENGINE = "governance";
  static final String PANEL = TolunaSandboxData.PANEL_A;
  static final long SURVEY_1 = 3900011;
  static final long SURVEY_2 = 3900012;
  static final long QUOTA_1 = 4900011;
  static final long QUOTA_2 = 4900012;

  @Autowired TestRestTemplate http;
  @Autowired ProcessEngine engine;
  @Autowired JdbcTemplate jdbc;

  @BeforeEach
  void twoSurveys() {
    endAll();
    http.postForEntity("/sandbox/toluna/admin/reset", null, String.class);
    http.delete("/sandbox/partner/messages");
    for (String table : List.of("respondent_contact", "respondent_suppression", "toluna_invite_delivery",
        "toluna_invite", "toluna_survey_member", "toluna_quota_member", "toluna_fetch_cursor", "toluna_quota_run",
        "toluna_panel_sweep", "toluna_quota")) {
      jdbc.update("delete from " + table);
    }
    put("/sandbox/toluna/admin/panels/" + PANEL + "/quotas", inventory());
    put("/sandbox/toluna/admin/panels/" + PANEL + "/recontact/" + QUOTA_1 + "/members",
        TolunaRecontactIntegrationTest.codes(1, 40));
    put("/sandbox/toluna/admin/panels/" + PANEL + "/recontact/" + QUOTA_2 + "/members",
        TolunaRecontactIntegrationTest.codes(1, 40));
  }

  @AfterEach
  void cleanUp() {
    endAll();
    http.postForEntity("/sandbox/toluna/admin/reset", null, String.class);
  }

  void endAll() {
    for (String key : List.of("tolunaRecontactQuota", "tolunaQuotaSweep")) {
      engine.getRuntimeService().createProcessInstanceQuery().processDefinitionKey(key).list()
          .forEach(p -> engine.getRuntimeService().deleteProcessInstance(p.getId(), "test clean-up"));
    }
  }

  static String inventory() {
    return inventory(List.of(SURVEY_1, SURVEY_2), List.of(QUOTA_1, QUOTA_2));
  }

  /** GetQuotas of recontact surveys with one quota each (ages 18-99); also the cluster test's two surveys. */
  public static String inventory(List<Long> surveys, List<Long> quotas) {
    String survey = """
        {"SurveyID": %d, "SurveyName": "RC-GOV-%d", "WaveID": %d, "LOI": 10, "IR": 60,
          "Price": {"Amount": 2.0, "CurrencyID": 1}, "IsSurveyRecontact": true, "CompletesRequired": 100,
          "EstimatedCompletesRemaining": 100, "Quotas": [{"QuotaID": %d, "CompletesRequired": 100,
          "EstimatedCompletesRemaining": 100, "Layers": [{"LayerID": %d, "SubQuotas": [{"SubQuotaID": %d,
          "CurrentCompletes": 0, "MaxTargetCompletes": 100, "QuestionsAndAnswers": [{"QuestionID": 1001538,
          "AnswerIDs": [], "AnswerValues": ["18-99"], "IsRoutable": false}]}]}]}]}""";
    List<String> defined = new java.util.ArrayList<>();
    for (int i = 0; i < surveys.size(); i++) {
      long q = quotas.get(i);
      defined.add(survey.formatted(surveys.get(i), i + 1, surveys.get(i) + 1, q, q * 10, q * 100));
    }
    return "{\"CountryID\": 2000223, \"Surveys\": [" + String.join(", ", defined) + "]}";
  }

  void put(String path, String json) {
    HttpHeaders headers = new HttpHeaders();
    headers.setContentType(MediaType.APPLICATION_JSON);
    ResponseEntity<String> answer = http.exchange(path, HttpMethod.PUT, new HttpEntity<>(json, headers), String.class);
    assertThat(answer.getStatusCode().is2xxSuccessful()).as(path + ": " + answer.getBody()).isTrue();
  }

  /** An active member with birth date and gender among codes 1..40: one the flow would invite. */
  String invitableMember() {
    for (int n = 1; n <= 40; n++) {
      String code = TolunaSandboxData.code(n);
      List<String> ok = jdbc.queryForList("select member_code from panel_member where member_code = ? and status = "
          + "'ACTIVE' and birth_date is not null and gender_answer_id is not null", String.class, code);
      if (!ok.isEmpty()) {
        return code;
      }
    }
    throw new AssertionError("no invitable sandbox member among codes 1..40");
  }

  @Test
  void twoQuotasOfTwoSurveysAtOnceInviteEachMemberOnceAndNeverTheSuppressedOne() {
    String suppressed = invitableMember();
    HttpHeaders headers = new HttpHeaders();
    headers.setContentType(MediaType.APPLICATION_JSON);
    assertThat(http.withBasicAuth("demo", "demo").postForEntity("/api/suppressions", new HttpEntity<>(
        "{\"marketplace\": \"toluna\", \"id\": \"" + suppressed + "\", \"reason\": \"asked us to stop\"}", headers),
        String.class).getStatusCode()).isEqualTo(HttpStatus.CREATED);

    assertThat(http.withBasicAuth("demo", "demo").postForEntity("/api/toluna/sweeps", null, String.class)
        .getStatusCode()).isEqualTo(HttpStatus.ACCEPTED);
    await(() -> engine.getRuntimeService().createProcessInstanceQuery().processDefinitionKey("tolunaQuotaSweep")
        .count() == 0 && instanceOf(QUOTA_1) != null && instanceOf(QUOTA_2) != null, "the sweep to start both");
    String first = instanceOf(QUOTA_1);
    String second = instanceOf(QUOTA_2);
    await(() -> reviewOf(first) != null && reviewOf(second) != null, "both reviews");
    assertThat(reasonOf(QUOTA_1, suppressed)).isEqualTo("SUPPRESSED");
    assertThat(String.valueOf(engine.getTaskService().getVariable(reviewOf(first).getId(), "exceptionSummary")))
        .contains("SUPPRESSED: 1");

    // recheck: validated again, still suppressed, reviewed again; then both proceed at once.
    decide(first, "recheck");
    await(() -> reviewOf(first) != null, "the second review after the recheck");
    assertThat(reasonOf(QUOTA_1, suppressed)).isEqualTo("SUPPRESSED");
    decide(first, "proceed");
    decide(second, "proceed");
    await(() -> waitsAt(first, "WaitForQuotaChange") && waitsAt(second, "WaitForQuotaChange"), "both quotas fed");

    Map<String, Long> contacts = new HashMap<>();
    // An invite that names the member is its contact (V68): no contact row is written beside it.
    jdbc.query("select member_code, count(*) from toluna_invite group by member_code", rs -> {
      contacts.put(rs.getString(1), rs.getLong(2));
    });
    assertThat(contacts).as("someone was invited").isNotEmpty();
    assertThat(jdbc.queryForObject("select count(*) from respondent_contact", Long.class))
        .as("no contact row beside the invites").isZero();
    assertThat(contacts.values()).as("a cap of one: one contact per member across both surveys").containsOnly(1L);
    assertThat(contacts).doesNotContainKey(suppressed);
    assertThat(jdbc.queryForObject("select count(*) from toluna_invite where member_code = ?", Long.class,
        suppressed)).isZero();
    List<String> invited = List.copyOf(contacts.keySet());
    List<Map<String, Object>> capped = jdbc.queryForList("select member_code, quota_id, reason from "
        + "toluna_quota_member where reason_code = 'CONTACT_CAP'");
    assertThat(capped).as("the quota that came second found each member capped").hasSize(contacts.size());
    capped.forEach(row -> {
      assertThat(contacts).containsKey((String) row.get("MEMBER_CODE"));
      assertThat((String) row.get("REASON")).contains("may be contacted again from ");
    });

    JsonNode history = http.withBasicAuth("demo", "demo").getForObject("/api/respondents/toluna/"
        + invited.get(0) + "/contacts", JsonNode.class);
    assertThat(history.path("contacts")).hasSize(1);
    assertThat(history.path("contacts").get(0).path("kind").asText()).isEqualTo("INVITE");
    assertThat(history.path("contacts").get(0).path("deliveryState").asText()).isEqualTo("DELIVERED");
    JsonNode eligibility = http.withBasicAuth("demo", "demo").getForObject("/api/toluna/panels/" + PANEL
        + "/quotas/" + QUOTA_1 + "/members/" + invited.get(0) + "/eligibility", JsonNode.class);
    assertThat(eligibility.path("reasonCode").asText()).isEqualTo("CONTACT_CAP");
  }

  String instanceOf(long quotaId) {
    List<String> ids = jdbc.queryForList("select process_instance_id from toluna_quota_run where panel_guid = ? and "
        + "quota_id = ? and active = true", String.class, PANEL, quotaId);
    return ids.isEmpty() ? null : ids.get(0);
  }

  Task reviewOf(String instanceId) {
    return engine.getTaskService().createTaskQuery().processInstanceId(instanceId)
        .taskDefinitionKey("ReviewValidationExceptions").singleResult();
  }

  String reasonOf(long quotaId, String member) {
    return jdbc.queryForObject("select reason_code from toluna_quota_member where panel_guid = ? and quota_id = ? "
        + "and member_code = ?", String.class, PANEL, quotaId, member);
  }

  void decide(String instanceId, String decision) {
    Task task = reviewOf(instanceId);
    HttpHeaders headers = new HttpHeaders();
    headers.setContentType(MediaType.APPLICATION_JSON);
    ResponseEntity<String> answer = http.withBasicAuth("approver", "approver").exchange("/engine-rest/engine/" + ENGINE + "/task/"
        + task.getId() + "/complete", HttpMethod.POST, new HttpEntity<>("{\"variables\": {\"exceptionDecision\": "
        + "{\"value\": \"" + decision + "\"}}}", headers), String.class);
    assertThat(answer.getStatusCode().is2xxSuccessful()).as(answer.getBody()).isTrue();
  }

  boolean waitsAt(String instanceId, String activity) {
    return engine.getRuntimeService().createProcessInstanceQuery().processInstanceId(instanceId).count() == 1
        && engine.getRuntimeService().getActiveActivityIds(instanceId).contains(activity)
        && engine.getManagementService().createJobQuery().processInstanceId(instanceId).executable().count() == 0;
  }

  void await(BooleanSupplier condition, String what) {
    long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("Timed out waiting for " + what + "; incidents: " + engine.getRuntimeService()
            .createIncidentQuery().list().stream().map(i -> i.getActivityId() + ": " + i.getIncidentMessage())
            .toList());
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
