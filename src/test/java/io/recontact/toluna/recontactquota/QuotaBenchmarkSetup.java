package io.recontact.toluna.recontactquota;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.recontact.sandbox.seed.TolunaSandboxData;
import io.recontact.storage.ArrayLookups;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.BooleanSupplier;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.history.HistoricActivityInstance;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The simulator, receiver and tables of {@link TolunaQuotaBenchmark}: panel A gets one survey with one broad quota
 * (age 18-99) whose recontact list is the first n benchmark member codes, through the simulator's admin API as in
 * TolunaRecontactIntegrationTest. The simulator and the receiver are their own process ({@code simulator}); the
 * sweep is started through the engine's API and awaited until the instance waits for a quota change.
 */
final class QuotaBenchmarkSetup {

  static final String PANEL = TolunaSandboxData.PANEL_A;
  static final long SURVEY = 3_900_201;

  private final TestRestTemplate http;
  private final TestRestTemplate simulator;
  private final JdbcTemplate jdbc;
  private final ProcessEngine engine;

  /** {@code http}: the engine's API; {@code simulator}: the simulator process (root URI set). */
  QuotaBenchmarkSetup(TestRestTemplate http, TestRestTemplate simulator, JdbcTemplate jdbc, ProcessEngine engine) {
    this.http = http;
    this.simulator = simulator;
    this.jdbc = jdbc;
    this.engine = engine;
  }

  static String code(int n) {
    return String.format("BM-%06d", n);
  }

  /** No instances, empty toluna_* tables, a fresh simulator and receiver, and the quota listing codes 1..n. */
  void prepare(long quota, int n) {
    for (String key : List.of("tolunaRecontactQuota", "tolunaQuotaSweep")) {
      engine.getRuntimeService().createProcessInstanceQuery().processDefinitionKey(key).list()
          .forEach(p -> engine.getRuntimeService().deleteProcessInstance(p.getId(), "benchmark clean-up"));
    }
    List<String> tables = List.of("toluna_delivery_lease", "toluna_invite_delivery", "toluna_invite",
        "toluna_survey_member", "toluna_quota_member", "toluna_fetch_cursor", "toluna_quota_run", "toluna_panel_sweep",
        "toluna_quota");
    for (String table : tables) {
      jdbc.update("delete from " + table);
    }
    // PostgreSQL: the clean-up's dead rows are vacuumed now, not by an autovacuum during the next measured run (it
    // wakes once a minute, so a run started later would pay for the clean-up's vacuum, one that started at once not).
    if (ArrayLookups.postgres(jdbc)) {
      jdbc.execute("vacuum analyze " + String.join(", ", tables));
    }
    resetSimulatorAndReceiver(quota, n);
  }

  /** Forgets the simulator's invites and call counts and the receiver's messages; the quota lists codes 1..n. */
  void resetSimulatorAndReceiver(long quota, int n) {
    simulator.postForEntity("/sandbox/toluna/admin/reset", null, String.class);
    simulator.delete("/sandbox/partner/messages");
    put("/sandbox/toluna/admin/panels/" + PANEL + "/quotas", inventory(quota, n));
    StringBuilder codes = new StringBuilder(n * 12).append('[');
    for (int i = 1; i <= n; i++) {
      codes.append(i > 1 ? "," : "").append('"').append(code(i)).append('"');
    }
    put("/sandbox/toluna/admin/panels/" + PANEL + "/recontact/" + quota + "/members", codes.append(']').toString());
  }

  static String inventory(long quota, int n) {
    return """
        {"CountryID": 2000223, "Surveys": [{"SurveyID": %d, "SurveyName": "RC-BENCH", "WaveID": 3990201, "LOI": 10,
          "IR": 60, "Price": {"Amount": 2.0, "CurrencyID": 1}, "IsSurveyRecontact": true, "CompletesRequired": %d,
          "EstimatedCompletesRemaining": %d, "Quotas": [{"QuotaID": %d, "CompletesRequired": %d,
          "EstimatedCompletesRemaining": %d, "Layers": [{"LayerID": %d, "SubQuotas": [{"SubQuotaID": %d,
          "CurrentCompletes": 0, "MaxTargetCompletes": %d, "QuestionsAndAnswers": [{"QuestionID": 1001538,
          "AnswerIDs": [], "AnswerValues": ["18-99"], "IsRoutable": false}]}]}]}]}]}
        """.formatted(SURVEY, n, n, quota, n, n, quota * 10, quota * 100, n);
  }

  void sweep() {
    ResponseEntity<JsonNode> answer = http.withBasicAuth("demo", "demo").postForEntity("/api/toluna/sweeps", null,
        JsonNode.class);
    assertThat(answer.getStatusCode()).isEqualTo(HttpStatus.ACCEPTED);
  }

  String instanceOf(long quota) {
    return jdbc.queryForObject("select process_instance_id from toluna_quota_run where panel_guid = ? and "
        + "quota_id = ? and active = true", String.class, PANEL, quota);
  }

  long count(String sql, Object... args) {
    return jdbc.queryForObject(sql, Long.class, args);
  }

  /** received, duplicates, rejected or faulted, as the sandbox partner counts them. */
  long receiverCount(String field) {
    return simulator.getForObject("/sandbox/partner/messages?limit=1", JsonNode.class).path(field).asLong();
  }

  /** The simulator's calls per route (its state also lists every invite: read it outside measurements). */
  Map<String, Long> simulatorCalls() {
    Map<String, Long> calls = new TreeMap<>();
    simulator.getForObject("/sandbox/toluna/admin/state", JsonNode.class).path("calls").fields()
        .forEachRemaining(e -> calls.put(e.getKey(), e.getValue().asLong()));
    return calls;
  }

  private void put(String path, String json) {
    HttpHeaders headers = new HttpHeaders();
    headers.setContentType(MediaType.APPLICATION_JSON);
    ResponseEntity<String> answer = simulator.exchange(path, HttpMethod.PUT, new HttpEntity<>(json, headers),
        String.class);
    assertThat(answer.getStatusCode().is2xxSuccessful()).as(path + ": " + answer.getBody()).isTrue();
  }

  String runProcess(long quota) {
    return runProcess(quota, new long[2]);
  }

  /** Sweep to WaitForQuotaChange; times[0] from the history's arrival at the wait, times[1] as observed. */
  String runProcess(long quota, long[] times) {
    long start = System.currentTimeMillis();
    sweep();
    await(() -> engine.getRuntimeService().createProcessInstanceQuery().processDefinitionKey("tolunaQuotaSweep")
        .count() == 0, "the sweep to finish");
    String instance = instanceOf(quota);
    await(() -> waitsAt(instance, "WaitForQuotaChange"), "the instance to reach WaitForQuotaChange");
    times[1] = System.currentTimeMillis() - start;
    HistoricActivityInstance wait = engine.getHistoryService().createHistoricActivityInstanceQuery()
        .processInstanceId(instance).activityId("WaitForQuotaChange").list().stream()
        .min(Comparator.comparing(HistoricActivityInstance::getStartTime)).orElseThrow();
    times[0] = wait.getStartTime().getTime() - start;
    return instance;
  }

  /** Every invite of the quota stored once, delivered once at the first attempt, received once; no incident. */
  void assertDeliveredEachOnce(String instance, long quota, int members) {
    assertThat(count("select count(*) from toluna_invite where quota_id = ?", quota)).isEqualTo(members);
    assertThat(count("select count(distinct member_code) from toluna_invite where quota_id = ?", quota))
        .isEqualTo(members);
    assertThat(count("select count(*) from toluna_invite_delivery where quota_id = ? and state = 'DELIVERED' "
        + "and attempts = 1", quota)).as("delivered at the first attempt").isEqualTo(members);
    assertThat(receiverCount("received")).as("process: every invite received").isEqualTo(members);
    assertThat(receiverCount("duplicates")).isZero();
    assertThat(receiverCount("rejected")).isZero();
    assertThat(engine.getRuntimeService().getVariable(instance, "delivered")).isEqualTo((long) members);
    assertThat(engine.getRuntimeService().createIncidentQuery().count()).isZero();
  }

  boolean waitsAt(String instance, String activity) {
    return engine.getRuntimeService().createProcessInstanceQuery().processInstanceId(instance).count() == 1
        && engine.getRuntimeService().getActiveActivityIds(instance).contains(activity)
        && engine.getManagementService().createJobQuery().processInstanceId(instance).executable().count() == 0;
  }

  void await(BooleanSupplier condition, String what) {
    long deadline = System.currentTimeMillis() + 30 * 60_000;
    while (!condition.getAsBoolean()) {
      if (System.currentTimeMillis() > deadline || engine.getRuntimeService().createIncidentQuery().count() > 0) {
        throw new AssertionError("Gave up waiting for " + what + "; incidents: " + engine.getRuntimeService()
            .createIncidentQuery().list().stream().map(i -> i.getActivityId() + ": " + i.getIncidentMessage())
            .toList());
      }
      try {
        Thread.sleep(200);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError(e);
      }
    }
  }
}
