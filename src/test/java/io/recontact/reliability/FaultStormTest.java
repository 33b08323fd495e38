package io.recontact.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.recontact.reliability.StormFlows.CintRun;
import io.recontact.reliability.StormFlows.TolunaQuota;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpMethod;

/**
 * Both simulators inject at once, on every operation the flows use (Cint's token and Toluna's Member API
 * included): 10 % 5xx, 2 % answers slower than the client's read timeout, and on Cint 2 % 429 with
 * {@code Retry-After}. A batch of both flows must complete with no incident at all (each fault costs a client or
 * Camunda retry), and exactly once: one target group per business key, Cint's stored IDs = the file's IDs, one
 * delivered invite per member and survey.
 */
class FaultStormTest extends StormContext {

  static final int CINT_INSTANCES = 12;
  static final int IDS_PER_FILE = 60;
  /** Quota 1 has a full invite chunk of 1,000 GenerateInvite calls; quotas 2 and 3 share a survey and 200 members. */
  static final List<TolunaQuota> QUOTAS = List.of(new TolunaQuota(3_950_001, 4_950_001, 1, 1300),
      new TolunaQuota(3_950_002, 4_950_002, 3001, 3300), new TolunaQuota(3_950_002, 4_950_003, 3101, 3400));

  @Test
  void aBatchOfBothFlowsCompletesThroughAFaultStormWithoutAnIncidentAndExactlyOnce() {
    long failedRunsBefore = flows.failedJobRuns();
    long incidentsBefore = engine.getHistoryService().createHistoricIncidentQuery().count();
    flows.tolunaInventory(QUOTAS);
    // Tokens live 4 s, so the token endpoint is asked every 2 s during the storm; the first fetch meets two 503s.
    flows.send(HttpMethod.POST, "/sandbox/cint/admin/settings", "{\"tokenTtlSeconds\": 4}");
    http.postForEntity("/sandbox/cint/admin/tokens/revoke", null, String.class);
    flows.send(HttpMethod.POST, "/sandbox/cint/admin/faults", "{\"operation\": \"token\", \"status\": 503, "
        + "\"count\": 2}");
    flows.storm("cint", "{\"serverErrorRate\": 0.10, \"slowRate\": 0.02, \"slowMillis\": " + StormFlows.SLOW_MILLIS
        + ", \"rateLimitRate\": 0.02, \"retryAfterSeconds\": 1, \"seed\": 8}");
    flows.storm("toluna", "{\"serverErrorRate\": 0.10, \"slowRate\": 0.02, \"slowMillis\": "
        + StormFlows.SLOW_MILLIS + ", \"seed\": 8}");

    List<CintRun> recontacts = new ArrayList<>();
    for (int i = 0; i < CINT_INSTANCES; i++) {
      recontacts.add(flows.startRecontact(IDS_PER_FILE));
    }
    flows.sweep();
    flows.await(() -> {
      flows.proceedWithReviews();
      return QUOTAS.stream().allMatch(q -> flows.fed(flows.quotaInstance(q.quotaId())))
          && recontacts.stream().allMatch(r -> flows.endOf(r.instanceId()) != null);
    }, Duration.ofSeconds(150), "both flows through the storm");

    // Second wave on the live groups, still in the storm: replace the list of two, remove it from two.
    Map<String, List<String>> replaced = new HashMap<>();
    List<String> replacements = new ArrayList<>();
    List<String> removals = new ArrayList<>();
    for (int i = 0; i < 2; i++) {
      String tg = flows.targetGroupId(recontacts.get(i).instanceId());
      CintRun replacement = flows.startReplacement(tg, 30);
      replaced.put(tg, replacement.ids());
      replacements.add(replacement.instanceId());
      removals.add(flows.startRemoval(flows.targetGroupId(recontacts.get(i + 2).instanceId())));
    }
    flows.await(() -> replacements.stream().allMatch(id -> flows.endOf(id) != null)
        && removals.stream().allMatch(id -> flows.endOf(id) != null), Duration.ofSeconds(90),
        "replacements and removals through the storm");

    JsonNode cintStorm = flows.calm("cint");
    JsonNode tolunaStorm = flows.calm("toluna");
    System.out.println("Cint storm: " + cintStorm + "\nToluna storm: " + tolunaStorm + "\nfailed job runs (Camunda "
        + "retries): " + (flows.failedJobRuns() - failedRunsBefore));

    assertThat(engine.getHistoryService().createHistoricIncidentQuery().count())
        .as("no incident, not even one resolved later: %s", flows.incidents()).isEqualTo(incidentsBefore);
    for (CintRun run : recontacts) {
      assertThat(flows.endOf(run.instanceId())).as(run.businessKey()).isEqualTo("TargetGroupLive");
    }
    replacements.forEach(id -> assertThat(flows.endOf(id)).isEqualTo("RecontactsReplaced"));
    removals.forEach(id -> assertThat(flows.endOf(id)).isEqualTo("RecontactsRemoved"));

    // Exactly once at Cint: one group per business key, one upload job per batch, one launch per group.
    JsonNode cintState = flows.state("cint");
    assertThat(cintState.get("targetGroups")).hasSize(CINT_INSTANCES);
    Map<String, String> groupByReference = new HashMap<>();
    cintState.get("targetGroups").forEach(tg -> groupByReference.put(tg.get("customerReference").asText(),
        tg.get("id").asText()));
    for (int i = 0; i < recontacts.size(); i++) {
      CintRun run = recontacts.get(i);
      String tg = groupByReference.get("rco-" + run.businessKey());
      assertThat(tg).as("the group of " + run.businessKey()).isEqualTo(flows.targetGroupId(run.instanceId()));
      List<String> expected = replaced.containsKey(tg) ? replaced.get(tg) : i >= 2 && i < 4 ? List.of() : run.ids();
      assertThat(flows.eligibleAtCint(tg)).as("stored IDs of " + tg).containsExactlyInAnyOrderElementsOf(expected);
      long uploads = count(cintState, tg, "UPLOAD");
      assertThat(uploads).as("upload jobs of " + tg).isEqualTo(replaced.containsKey(tg) ? 2 : 1);
      assertThat(count(cintState, tg, "LAUNCH")).as("launch jobs of " + tg).isEqualTo(1);
    }

    flows.assertTolunaExactlyOnce(QUOTAS);
    long oursAtToluna = jdbc.queryForObject("select count(*) from toluna_invite", Long.class);
    JsonNode tolunaState = flows.state("toluna");
    assertThat(tolunaState.get("invites").size() - oursAtToluna)
        .as("every invite Toluna issued beyond ours had its answer lost to a slow answer")
        .isBetween(0L, tolunaStorm.at("/injected/SLOW/GenerateInvite").asLong());

    // The storm really blew, on every kind of call.
    assertThat(cintStorm.at("/injected/SERVER_ERROR").size()).isGreaterThanOrEqualTo(5);
    assertThat(cintStorm.at("/injected/SLOW").size()).isPositive();
    assertThat(cintStorm.at("/injected/RATE_LIMITED").size()).isPositive();
    assertThat(cintState.at("/calls/token").asLong()).as("token fetches").isGreaterThan(2);
    assertThat(tolunaStorm.at("/injected/SERVER_ERROR/GenerateInvite").asLong()).isPositive();
    assertThat(tolunaStorm.at("/injected/SERVER_ERROR/GetMember").asLong()
        + tolunaStorm.at("/injected/SERVER_ERROR/AddMember").asLong()).as("Member API faults").isPositive();
    assertThat(tolunaStorm.at("/injected/SLOW/GenerateInvite").asLong()).isPositive();
  }

  static long count(JsonNode state, String targetGroupId, String kind) {
    long n = 0;
    for (JsonNode job : state.get("jobs")) {
      if (job.get("targetGroupId").asText().equals(targetGroupId) && job.get("kind").asText().equals(kind)) {
        n++;
      }
    }
    return n;
  }
}
