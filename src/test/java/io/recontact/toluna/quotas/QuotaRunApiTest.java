package io.recontact.toluna.quotas;

import io.recontact.toluna.QuotaMemberState;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.recontact.api.ApiContract;
import io.recontact.toluna.recontactquota.QuotaSignals;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/** The quota visibility API over HTTP, on rows inserted with SQL under a panel GUID of the test's own. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
class QuotaRunApiTest {

  @Autowired TestRestTemplate http;
  @Autowired JdbcTemplate jdbc;
  @Autowired RuntimeService runtime;
  @Autowired RepositoryService repository;
  @Autowired PlatformTransactionManager transactions;

  String panel;
  long quota;

  @BeforeEach
  void setUp() {
    panel = UUID.randomUUID().toString().toUpperCase(Locale.ROOT);
    quota = 800_000_000L + ThreadLocalRandom.current().nextInt(100_000_000);
  }

  TestRestTemplate demo() {
    return http.withBasicAuth("demo", "demo");
  }

  void quota(long quotaId, long surveyId, boolean live, boolean inInventory, OffsetDateTime closed) {
    quota(quotaId, surveyId, true, live, inInventory, closed);
  }

  void quota(long quotaId, long surveyId, boolean recontact, boolean live, boolean inInventory,
      OffsetDateTime closed) {
    OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
    jdbc.update("insert into toluna_quota (panel_guid, quota_id, survey_id, wave_id, survey_name, recontact, "
            + "definition, definition_hash, in_inventory, first_seen_at, last_seen_at, live, survey_closed_at) "
            + "values (?, ?, ?, ?, ?, ?, '{}', 'h', ?, ?, ?, ?, ?)", panel, quotaId, surveyId, surveyId + 1,
        "RC-" + surveyId + "-US", recontact, inInventory, now, now, live, closed);
  }

  void run(long quotaId, boolean active, String processInstanceId, String outcome) {
    OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
    jdbc.update("insert into toluna_quota_run (panel_guid, quota_id, active, run_number, process_instance_id, "
        + "started_at, ended_at, outcome) values (?, ?, ?, 1, ?, ?, ?, ?)", panel, quotaId, active, processInstanceId,
        now, active ? null : now, outcome);
  }

  void member(long quotaId, String code, QuotaMemberState state, String reasonCode, String reason) {
    OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
    jdbc.update("insert into toluna_quota_member (panel_guid, quota_id, member_code, state, reason_code, reason, "
        + "reviewed, received_at, updated_at) values (?, ?, ?, ?, ?, ?, false, ?, ?)", panel, quotaId, code,
        state.name(), reasonCode, reason, now, now);
  }

  void invite(long quotaId, String code, String deliveryState) {
    String id = UUID.randomUUID().toString();
    OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
    jdbc.update("insert into toluna_invite (invite_id, panel_guid, quota_id, member_code, survey_id, url, created_at) "
        + "values (?, ?, ?, ?, 1, 'https://invite.invalid/x', ?)", id, panel, quotaId, code, now);
    jdbc.update("insert into toluna_invite_delivery (invite_id, panel_guid, quota_id, channel, state, attempts, "
        + "next_attempt_at) values (?, ?, ?, 'EMAIL', ?, 1, ?)", id, panel, quotaId, deliveryState, now);
  }

  /** One quota with members in every state, three invites and an open review task. */
  String seedFullQuota() {
    repository.createDeployment().name("quota-view-probe").enableDuplicateFiltering(true)
        .addModelInstance("quotaViewProbe.bpmn", Bpmn.createExecutableProcess("quotaViewProbe")
            .camundaHistoryTimeToLive(1).startEvent().userTask("ReviewExceptions").name("Review exceptions")
            .endEvent().done())
        .deploy();
    String instance = runtime.startProcessInstanceByKey("quotaViewProbe", QuotaSignals.businessKey(panel, quota))
        .getId();
    quota(quota, 31, true, true, null);
    run(quota, true, instance, null);
    member(quota, "M-01", QuotaMemberState.RECEIVED, null, null);
    member(quota, "M-02", QuotaMemberState.VALID, null, null);
    member(quota, "M-03", QuotaMemberState.EXCEPTION, "OPTED_OUT", "Member opted out, by \"request\"");
    member(quota, "M-04", QuotaMemberState.EXCEPTION, "OPTED_OUT", "opted out");
    member(quota, "M-05", QuotaMemberState.EXCEPTION, "UNKNOWN_MEMBER", "not in our directory");
    member(quota, "M-06", QuotaMemberState.MATCHED, null, null);
    member(quota, "M-07", QuotaMemberState.NOT_MATCHED, null, "gender");
    member(quota, "M-08", QuotaMemberState.OTHER_QUOTA, null, null);
    member(quota, "M-09", QuotaMemberState.SUBQUOTA_FULL, null, null);
    member(quota, "M-10", QuotaMemberState.INVITED, null, null);
    member(quota, "M-11", QuotaMemberState.DELIVERED, null, null);
    member(quota, "M-12", QuotaMemberState.DELIVERY_FAILED, null, "line one\nline two");
    invite(quota, "M-10", "PENDING");
    invite(quota, "M-11", "DELIVERED");
    invite(quota, "M-12", "FAILED");
    return instance;
  }

  @Test
  void detailCountsEveryFigureAndTheOpenTask() {
    String instance = seedFullQuota();
    runtime.setVariable(instance, "decisionComment", "Rechecked after the directory import");

    ResponseEntity<JsonNode> answer = demo().getForEntity("/api/toluna/quotas/" + panel.toLowerCase(Locale.ROOT)
        + "/" + quota, JsonNode.class);

    assertThat(answer.getStatusCode()).isEqualTo(HttpStatus.OK);
    assertThat(answer.getBody().path("decisionComment").asText()).isEqualTo("Rechecked after the directory import");
    JsonNode q = answer.getBody().get("quota");
    assertThat(q.get("panelGuid").asText()).isEqualTo(panel);
    assertThat(q.get("businessKey").asText()).isEqualTo("toluna-" + panel + "-" + quota);
    assertThat(q.get("processInstanceId").asText()).isEqualTo(instance);
    assertThat(q.get("state").asText()).isEqualTo("ACTIVE");
    assertThat(q.get("surveyName").asText()).isEqualTo("RC-31-US");
    JsonNode c = answer.getBody().get("counts");
    assertThat(c.get("codesReceived").asLong()).isEqualTo(12);
    assertThat(c.get("awaitingValidation").asLong()).isEqualTo(1);
    assertThat(c.get("valid").asLong()).isEqualTo(8);
    assertThat(c.get("exceptions").get("total").asLong()).isEqualTo(3);
    assertThat(c.get("exceptions").get("byReason").get("OPTED_OUT").asLong()).isEqualTo(2);
    assertThat(c.get("exceptions").get("byReason").get("UNKNOWN_MEMBER").asLong()).isEqualTo(1);
    assertThat(c.get("matched").asLong()).isEqualTo(5);
    assertThat(c.get("notMatched").asLong()).isEqualTo(1);
    assertThat(c.get("otherQuota").asLong()).isEqualTo(1);
    assertThat(c.get("subquotaFull").asLong()).isEqualTo(1);
    assertThat(c.get("invited").asLong()).isEqualTo(3);
    assertThat(c.get("deliveries").toString()).isEqualTo("{\"delivered\":1,\"failed\":1,\"pending\":1}");
    assertThat(q.get("counts").get("exceptions").asLong()).isEqualTo(3);
    JsonNode task = answer.getBody().get("openTasks").get(0);
    assertThat(task.get("name").asText()).isEqualTo("Review exceptions");
    assertThat(task.get("tasklistUrl").asText()).isEqualTo("/camunda/app/tasklist/default/#/?task="
        + task.get("id").asText());
    assertThat(task.get("created").asText()).isNotBlank();
  }

  @Test
  void listShowsEachRunWithItsDerivedState() {
    long paused = quota + 1;
    long closed = quota + 2;
    long left = quota + 3;
    long ended = quota + 4;
    quota(quota, 40, true, true, null);
    run(quota, true, null, null);
    member(quota, "A", QuotaMemberState.EXCEPTION, "INACTIVE", "inactive");
    quota(paused, 40, false, true, null);
    run(paused, true, null, null);
    quota(closed, 40, true, true, OffsetDateTime.now(ZoneOffset.UTC));
    run(closed, true, null, null);
    quota(left, 41, true, false, null);
    run(left, true, null, null);
    quota(ended, 41, true, true, null);
    run(ended, false, null, "SURVEY_CLOSED");

    JsonNode list = demo().getForObject("/api/toluna/quotas", JsonNode.class);
    List<String> states = new ArrayList<>();
    for (long id : new long[] {quota, paused, closed, left, ended}) {
      JsonNode run = find(list, id);
      states.add(run.get("state").asText());
      assertThat(run.get("surveyId").asLong()).isIn(40L, 41L);
    }
    assertThat(states).containsExactly("ACTIVE", "PAUSED", "CLOSED", "CLOSED", "ENDED");
    assertThat(find(list, ended).get("outcome").asText()).isEqualTo("SURVEY_CLOSED");
    assertThat(find(list, ended).get("active").asBoolean()).isFalse();
    assertThat(find(list, quota).get("counts").get("exceptions").asLong()).isEqualTo(1);
    assertThat(find(list, quota).get("counts").get("codesReceived").asLong()).isEqualTo(1);
    assertThat(find(list, paused).get("live").asBoolean()).isFalse();
    assertThat(find(list, paused).get("recontact").asBoolean()).isTrue();
    assertThat(find(list, paused).get("businessKey").asText()).isEqualTo(QuotaSignals.businessKey(panel, paused));
  }

  JsonNode find(JsonNode list, long quotaId) {
    for (JsonNode run : list) {
      if (run.get("panelGuid").asText().equals(panel) && run.get("quotaId").asLong() == quotaId) {
        return run;
      }
    }
    throw new AssertionError("quota " + quotaId + " not listed");
  }

  @Test
  void membersAsCsvWithEscapingAndStateFilter() {
    seedFullQuota();
    ResponseEntity<String> all = demo().getForEntity("/api/toluna/quotas/" + panel + "/" + quota + "/members",
        String.class);
    assertThat(all.getStatusCode()).isEqualTo(HttpStatus.OK);
    assertThat(all.getHeaders().getContentType().toString()).isEqualTo("text/csv;charset=utf-8");
    assertThat(all.getHeaders().getFirst(HttpHeaders.CONTENT_DISPOSITION))
        .isEqualTo("attachment; filename=\"toluna-" + panel + "-" + quota + "-members.csv\"");
    String[] lines = all.getBody().split("\r\n");
    assertThat(lines[0]).isEqualTo("member_code,state,reason_code,reason,outcome,outcome_at");
    assertThat(lines).hasSize(13);
    assertThat(lines[1]).isEqualTo("M-01,RECEIVED,,,,");
    assertThat(lines[3]).isEqualTo("M-03,EXCEPTION,OPTED_OUT,\"Member opted out, by \"\"request\"\"\",,");
    assertThat(lines[12]).startsWith("M-12,DELIVERY_FAILED,,\"line one\nline two\",INVITED,20");

    ResponseEntity<String> exceptions = demo().getForEntity("/api/toluna/quotas/" + panel + "/" + quota
        + "/members?state=exception", String.class);
    assertThat(exceptions.getBody()).isEqualTo("member_code,state,reason_code,reason,outcome,outcome_at\r\n"
        + "M-03,EXCEPTION,OPTED_OUT,\"Member opted out, by \"\"request\"\"\",,\r\n"
        + "M-04,EXCEPTION,OPTED_OUT,opted out,,\r\n"
        + "M-05,EXCEPTION,UNKNOWN_MEMBER,not in our directory,,\r\n");
    assertThat(exceptions.getHeaders().getFirst(HttpHeaders.CONTENT_DISPOSITION)).contains("-members-exception.csv");
  }

  /** An invite created {@code age} ago, with an outcome row when {@code outcome} is set. */
  void invited(String code, java.time.Duration age, String outcome, String reason, Integer rejectionId,
      String rejectionName, Long revenue, boolean reversed) {
    String id = UUID.randomUUID().toString();
    OffsetDateTime at = OffsetDateTime.now(ZoneOffset.UTC).minus(age);
    member(quota, code, QuotaMemberState.DELIVERED, null, null);
    jdbc.update("insert into toluna_invite (invite_id, panel_guid, quota_id, member_code, survey_id, url, created_at) "
        + "values (?, ?, ?, ?, 31, 'https://invite.invalid/x', ?)", id, panel, quota, code, at);
    if (outcome != null) {
      jdbc.update("insert into toluna_invite_outcome (invite_id, panel_guid, quota_id, survey_id, member_code, "
          + "outcome, reason, rejection_id, rejection_name, revenue, event_at, recorded_at, reconciliation_id, "
          + "reversed_revenue, reversed_at) values (?, ?, ?, 31, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", id, panel, quota,
          code, outcome, reason, rejectionId, rejectionName, revenue, at.plusHours(1), at.plusHours(1),
          reversed ? "R-1" : null, reversed ? revenue : null, reversed ? at.plusDays(1) : null);
    }
  }

  @Test
  void outcomesAreCountedAndInTheCsv() {
    quota(quota, 31, true, true, null);
    run(quota, true, null, null);
    var day = java.time.Duration.ofDays(1);
    invited("O-1", day, "COMPLETE", null, null, null, 150L, false);
    invited("O-2", day, "COMPLETE", null, null, null, 150L, false);
    invited("O-3", day, "COMPLETE", null, null, null, 120L, true);
    invited("O-4", day, "TERMINATED", "QuotaFull", null, null, null, false);
    invited("O-5", day, "TERMINATED", "NotQualified", null, null, null, false);
    invited("O-6", day, "TERMINATED", "QuotaFull", null, null, null, false);
    invited("O-7", day, "PRESTART_REJECTED", "Terminated", 57, "AccountGroupSurveyTaken", null, false);
    invited("O-8", java.time.Duration.ofDays(15), null, null, null, null, null, false);
    invited("O-9", day, null, null, null, null, null, false);

    JsonNode o = demo().getForEntity("/api/toluna/quotas/" + panel + "/" + quota, JsonNode.class).getBody()
        .get("outcomes");
    assertThat(o.get("invited").asLong()).isEqualTo(1);
    assertThat(o.get("completes").asLong()).isEqualTo(3);
    assertThat(o.get("reversed").asLong()).isEqualTo(1);
    assertThat(o.get("expired").asLong()).isEqualTo(1);
    assertThat(o.get("terminations").toString())
        .isEqualTo("{\"total\":3,\"byKind\":{\"NotQualified\":1,\"QuotaFull\":2}}");
    assertThat(o.get("prestartRejections").toString())
        .isEqualTo("{\"total\":1,\"byKind\":{\"57 AccountGroupSurveyTaken\":1}}");
    assertThat(o.get("revenue").toString())
        .isEqualTo("{\"completesCents\":420,\"reversedCents\":120,\"netCents\":300}");

    String[] lines = demo().getForEntity("/api/toluna/quotas/" + panel + "/" + quota + "/members", String.class)
        .getBody().split("\r\n");
    assertThat(lines).hasSize(10);
    assertThat(lines[1]).startsWith("O-1,DELIVERED,,,COMPLETE,20");
    assertThat(lines[3]).startsWith("O-3,DELIVERED,,,REVERSED,20");
    assertThat(lines[4]).startsWith("O-4,DELIVERED,,,TERMINATED,20");
    assertThat(lines[7]).startsWith("O-7,DELIVERED,,,PRESTART_REJECTED,20");
    assertThat(lines[8]).startsWith("O-8,DELIVERED,,,EXPIRED,20");
    assertThat(lines[9]).startsWith("O-9,DELIVERED,,,INVITED,20");

    // Its survey closed: every invite without an outcome is EXPIRED from then on.
    jdbc.update("update toluna_quota set survey_closed_at = ? where panel_guid = ? and quota_id = ?",
        OffsetDateTime.now(ZoneOffset.UTC), panel, quota);
    o = demo().getForEntity("/api/toluna/quotas/" + panel + "/" + quota, JsonNode.class).getBody().get("outcomes");
    assertThat(o.get("invited").asLong()).isZero();
    assertThat(o.get("expired").asLong()).isEqualTo(2);
  }

  @Test
  void largeMemberListStreamsEveryRow() {
    quota(quota, 50, true, true, null);
    run(quota, true, null, null);
    OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
    List<Object[]> rows = new ArrayList<>();
    for (int i = 0; i < 100_000; i++) {
      rows.add(new Object[] {panel, quota, String.format("C-%06d", i), i % 10 == 0 ? "EXCEPTION" : "VALID", now, now});
    }
    jdbc.batchUpdate("insert into toluna_quota_member (panel_guid, quota_id, member_code, state, reviewed, "
        + "received_at, updated_at) values (?, ?, ?, ?, false, ?, ?)", rows);

    String body = demo().getForObject("/api/toluna/quotas/" + panel + "/" + quota + "/members", String.class);
    String[] lines = body.split("\r\n");
    assertThat(lines).hasSize(100_001);
    assertThat(lines[1]).isEqualTo("C-000000,EXCEPTION,,,,");
    assertThat(lines[100_000]).isEqualTo("C-099999,VALID,,,,");
    String exceptions = demo().getForObject("/api/toluna/quotas/" + panel + "/" + quota
        + "/members?state=EXCEPTION", String.class);
    assertThat(exceptions.split("\r\n")).hasSize(10_001);
  }

  /** Like the sandbox's 4100004: a quota of a survey that is not a recontact survey, which the sweep never starts. */
  @Test
  void aQuotaOfASurveyThatIsNotRecontactIsShownAsSuchWithoutABusinessKey() {
    quota(quota, 70, false, true, true, null);

    JsonNode detail = demo().getForObject("/api/toluna/quotas/" + panel + "/" + quota, JsonNode.class);
    JsonNode q = detail.get("quota");
    assertThat(q.get("state").asText()).isEqualTo("NOT_RECONTACT");
    assertThat(q.get("recontact").asBoolean()).isFalse();
    assertThat(q.get("businessKey").isNull()).as("no instance ever has a key for it").isTrue();
    assertThat(q.get("processInstanceId").isNull()).isTrue();
    assertThat(q.get("surveyId").asLong()).isEqualTo(70);
    assertThat(detail.get("openTasks")).isEmpty();
    JsonNode list = demo().getForObject("/api/toluna/quotas", JsonNode.class);
    for (JsonNode run : list) {
      assertThat(run.get("panelGuid").asText() + "/" + run.get("quotaId").asLong())
          .as("the list holds runs only").isNotEqualTo(panel + "/" + quota);
    }
  }

  /**
   * GET /api/toluna/sweeps on a sweep deleted before its panel jobs ran (a real sweep's figures:
   * TolunaRecontactIntegrationTest), its refusals, and who sees what.
   */
  @Test
  void sweepsShowADeletedSweepRefuseBadInputAndShowApproversNone() {
    // Started and deleted in one transaction: its jobs never run, history keeps it.
    String sweep = new TransactionTemplate(transactions).execute(status -> {
      String id = runtime.startProcessInstanceByKey("tolunaQuotaSweep").getId();
      runtime.deleteProcessInstance(id, "QuotaRunApiTest: never swept");
      return id;
    });
    JsonNode deleted = demo().getForObject("/api/toluna/sweeps/" + sweep, JsonNode.class);
    assertThat(deleted.path("outcome").asText()).isEqualTo("DELETED");
    assertThat(deleted.path("endedAt").asText()).isNotEmpty();
    assertThat(deleted.path("panels").findValuesAsText("outcome")).containsExactly("NOT_SWEPT", "NOT_SWEPT");
    assertThat(deleted.path("panelsSwept").asInt()).isZero();
    assertThat(demo().getForObject("/api/toluna/sweeps?limit=100", JsonNode.class)
        .findValuesAsText("processInstanceId")).contains(sweep);

    for (String limit : new String[] {"0", "101", "abc"}) {
      ResponseEntity<JsonNode> bad = demo().getForEntity("/api/toluna/sweeps?limit=" + limit, JsonNode.class);
      assertThat(bad.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
      assertThat(bad.getBody().path("problems").get(0).asText())
          .isEqualTo("limit must be a whole number from 1 to 100, not '" + limit + "'");
    }
    ResponseEntity<JsonNode> unknown = demo().getForEntity("/api/toluna/sweeps/no-such-sweep", JsonNode.class);
    assertThat(unknown.getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
    assertThat(unknown.getBody().path("message").asText()).contains("no-such-sweep");

    // Like the status API, the sweeps come from history with the caller's engine rights: an approver has none.
    TestRestTemplate approver = http.withBasicAuth("approver", "approver");
    assertThat(approver.getForObject("/api/toluna/sweeps", JsonNode.class)).isEmpty();
    assertThat(approver.getForEntity("/api/toluna/sweeps/" + sweep, JsonNode.class).getStatusCode())
        .isEqualTo(HttpStatus.NOT_FOUND);
    assertThat(http.getForEntity("/api/toluna/sweeps", String.class).getStatusCode())
        .isEqualTo(HttpStatus.UNAUTHORIZED);
  }

  @Test
  void badStateUnknownQuotaAndMissingAuth() {
    quota(quota, 60, true, true, null);
    ResponseEntity<JsonNode> bad = demo().getForEntity("/api/toluna/quotas/" + panel + "/" + quota
        + "/members?state=MAYBE", JsonNode.class);
    assertThat(bad.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
    assertThat(bad.getBody().get("message").asText()).contains("MAYBE").contains("DELIVERY_FAILED");
    assertThat(bad.getBody().get("validStates")).hasSize(QuotaMemberState.values().length);

    // A recontact quota in the inventory without a run is shown as NOT_STARTED, with no instance and no key.
    JsonNode notStarted = demo().getForObject("/api/toluna/quotas/" + panel + "/" + quota, JsonNode.class);
    assertThat(notStarted.get("quota").get("state").asText()).isEqualTo("NOT_STARTED");
    assertThat(notStarted.get("quota").get("recontact").asBoolean()).isTrue();
    assertThat(notStarted.get("quota").get("businessKey").isNull()).isTrue();
    assertThat(notStarted.get("openTasks")).isEmpty();

    for (String path : new String[] {"/" + panel + "/" + (quota + 1), "/" + panel + "/" + (quota + 1) + "/members"}) {
      ResponseEntity<JsonNode> unknown = demo().getForEntity("/api/toluna/quotas" + path, JsonNode.class);
      assertThat(unknown.getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
      assertThat(unknown.getBody().get("message").asText()).contains(String.valueOf(quota + 1));
    }
    HttpHeaders notANumber = new HttpHeaders();
    notANumber.add(ApiContract.DELIBERATELY_BAD, "quotaId is not a number");
    ResponseEntity<JsonNode> notNumber = demo().exchange("/api/toluna/quotas/" + panel + "/abc", HttpMethod.GET,
        new HttpEntity<>(notANumber), JsonNode.class);
    assertThat(notNumber.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
    assertThat(notNumber.getBody().get("message").asText()).contains("quotaId");

    for (String path : new String[] {"", "/" + panel + "/" + quota, "/" + panel + "/" + quota + "/members"}) {
      assertThat(http.getForEntity("/api/toluna/quotas" + path, String.class).getStatusCode())
          .isEqualTo(HttpStatus.UNAUTHORIZED);
    }
  }
}
