package io.recontact.config;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.recontact.FlowRuns;
import io.recontact.api.ApiContract;
import io.recontact.cint.CintSignature;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The calls of {@link SecretLeakTest} that use the secrets of issue 18: the Cint webhook signing secret (the
 * simulator's signed webhooks, one of ours, one signed with another secret), the Toluna notification encryption key
 * (the simulated members' completions carry EncryptedValue; one with a wrong value) and the reconciliation header
 * (the simulator's reconciliation; one with a wrong value). Each answer is kept for the leak check; each accepted path
 * is proven taken (a delivery row, APPLIED notifications), so the secrets were really read and compared.
 */
record SecretLeakCalls(TestRestTemplate http, JdbcTemplate jdbc, FlowRuns flows, int port, List<String> answers) {

  static final String BAD = ApiContract.DELIBERATELY_BAD;

  SecretLeakCalls(TestRestTemplate http, JdbcTemplate jdbc, FlowRuns flows, int port) {
    this(http, jdbc, flows, port, new ArrayList<>());
  }

  /** The live target group's follow-up, woken by the simulator's signed webhooks, until the goal. */
  void followFielding(String targetGroupId) {
    post("/sandbox/cint/admin/settings", "{\"completesPerHour\": 36000, \"webhookUrl\": \"http://127.0.0.1:" + port
        + "/api/cint/webhooks\"}", Map.of());
    flows.await(() -> count("select count(*) from cint_webhook_delivery") > 0, "a signed webhook of the simulator");
    String fielding = "/api/cint/target-groups/" + targetGroupId + "/fielding";
    flows.await(() -> "FieldingCompleted".equals(http.withBasicAuth("operator", "operator")
        .getForObject(fielding, JsonNode.class).path("endEvent").asText()), "the follow-up to reach the goal");
    answers.add(http.withBasicAuth("operator", "operator").getForObject(fielding, String.class));
    String body = "{\"id\":\"01JQ0LEAK0000000000000000A\",\"type\":\"target-group-updated\","
        + "\"payload\":{\"target_group_id\":\"" + targetGroupId + "\"}}";
    long now = Instant.now().getEpochSecond();
    assertThat(post("/api/cint/webhooks", body, Map.of("Cint-Signature",
        CintSignature.header(SecretLeakTest.CINT_WEBHOOK_SECRET, now, body))).getStatusCode().value()).isEqualTo(202);
    assertThat(post("/api/cint/webhooks", body, Map.of("Cint-Signature",
        CintSignature.header("not-the-secret", now, body), BAD, "signed with another secret")).getStatusCode().value())
        .isEqualTo(401);
  }

  /**
   * After the quota's invites: one member completes (Toluna repeats it) and is reconciled, another completes; then a
   * completion with a wrong EncryptedValue and a reconciliation with a wrong header value are refused.
   */
  void memberOutcomes(String panel, long survey, long quota) {
    List<String> members = jdbc.queryForList("select member_code from toluna_invite where panel_guid = ? and "
        + "quota_id = ? order by member_code", String.class, panel, quota);
    assertThat(members).as("invites of the quota").hasSizeGreaterThanOrEqualTo(2);
    play(panel, quota, members.get(0), "\"outcome\": \"COMPLETE\", \"times\": 2");
    play(panel, quota, members.get(1), "\"outcome\": \"COMPLETE\"");
    flows.await(() -> applied("COMPLETION") == 2, "both completions applied (their EncryptedValue checked)");
    play(panel, quota, members.get(0), "\"outcome\": \"RECONCILE\"");
    flows.await(() -> applied("RECONCILIATION") == 1, "the reconciliation applied (its header checked)");
    String token = "?token=" + SecretLeakTest.NOTIFICATION_TOKEN;
    assertThat(post("/api/toluna/notifications/completion" + token, "{\"UniqueCode\":\"" + members.get(1)
        + "\",\"SurveyId\":" + survey + ",\"Revenue\":150,\"DateTime\":\"2026-09-11 16:06:27\",\"WaveId\":3990009,"
        + "\"EncryptedValue\":\"0123abcd\"}", Map.of(BAD, "a wrong EncryptedValue")).getStatusCode().value())
        .isEqualTo(401);
    assertThat(post("/api/toluna/notifications/reconciliation", "{\"SurveyId\":" + survey + ",\"UniqueCode\":\""
        + members.get(1) + "\",\"ReconciliationId\":\"leak-1\",\"ReconciliationDateTime\":\"2026-09-12T10:00:00Z\"}",
        Map.of("X-Toluna-Reconciliation", "not-the-value", BAD, "a wrong header value")).getStatusCode().value())
        .isEqualTo(401);
    answers.add(http.withBasicAuth("operator", "operator").getForObject("/api/toluna/quotas/" + panel + "/" + quota,
        String.class));
    for (String member : members.subList(0, 2)) {
      answers.add(http.withBasicAuth("operator", "operator").getForObject("/api/panel/members/" + member
          + "/incentives", String.class));
    }
  }

  private long applied(String kind) {
    return count("select count(*) from toluna_notification where kind = '" + kind + "' and outcome = 'APPLIED'");
  }

  private void play(String panel, long quota, String member, String json) {
    ResponseEntity<String> answer = post("/sandbox/toluna/admin/members/" + member + "/outcome", "{" + json
        + ", \"panelGuid\": \"" + panel + "\", \"quotaId\": " + quota + "}", Map.of());
    assertThat(answer.getStatusCode().value()).as(answer.getBody()).isEqualTo(200);
  }

  private long count(String sql) {
    return jdbc.queryForObject(sql, Long.class);
  }

  /** POSTs JSON and keeps the answer. */
  private ResponseEntity<String> post(String path, String json, Map<String, String> headers) {
    HttpHeaders h = new HttpHeaders();
    h.setContentType(MediaType.APPLICATION_JSON);
    headers.forEach(h::add);
    ResponseEntity<String> answer = http.postForEntity(path, new HttpEntity<>(json, h), String.class);
    answers.add(answer.getStatusCode().value() + " " + answer.getBody());
    return answer;
  }
}
