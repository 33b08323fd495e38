package io.recontact.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.recontact.reliability.StormFlows.CintRun;
import io.recontact.reliability.StormFlows.TolunaQuota;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.camunda.bpm.engine.runtime.Incident;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

/**
 * An outage longer than every retry: both simulators answer 503 to everything. The jobs that need them end in
 * incidents whose messages say which marketplace answered what; once the simulators are back, "retry" over engine
 * REST (as Cockpit does it: one job, or a batch of jobs) lets every instance complete, exactly once.
 */
class OutageRecoveryTest extends StormContext {

  static final List<TolunaQuota> QUOTAS = List.of(new TolunaQuota(3_960_001, 4_960_001, 1, 120));
  static final String OUTAGE = "{\"outage\": true}";

  @Test
  void anOutagePastTheRetriesRaisesReadableIncidentsAndRetryCompletesThemOnceItIsOver() {
    flows.tolunaInventory(QUOTAS);
    flows.sweep();
    flows.await(() -> engine.getTaskService().createTaskQuery().processDefinitionKey("tolunaRecontactQuota")
        .count() == 1, Duration.ofSeconds(30), "the quota's review");

    flows.storm("cint", OUTAGE);
    flows.storm("toluna", OUTAGE);
    // Expire the cached token too: the token endpoint is down as well.
    flows.send(HttpMethod.POST, "/sandbox/cint/admin/settings", "{\"tokenTtlSeconds\": 1}");
    http.postForEntity("/sandbox/cint/admin/tokens/revoke", null, String.class);
    List<CintRun> recontacts = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      recontacts.add(flows.startRecontact(20));
    }
    assertThat(flows.proceedWithReviews()).isEqualTo(1);
    String quotaInstance = flows.quotaInstance(QUOTAS.get(0).quotaId());
    String sweepInOutage = flows.sweep();

    Set<String> failing = new java.util.HashSet<>();
    recontacts.forEach(r -> failing.add(r.instanceId()));
    failing.add(quotaInstance);
    failing.add(sweepInOutage);
    flows.await(() -> incidentInstances().containsAll(failing), Duration.ofSeconds(60),
        "an incident in every instance that needs a marketplace");
    List<Incident> incidents = engine.getRuntimeService().createIncidentQuery().list();
    for (Incident incident : incidents) {
      String message = incident.getIncidentMessage();
      assertThat(message).as(incident.getActivityId()).isNotBlank().contains("503")
          .containsAnyOf("Cint API", "Toluna").doesNotContain("\tat ");
      assertThat(engine.getHistoryService().createHistoricJobLogQuery().jobId(incident.getConfiguration())
          .failureLog().count()).as("retried before the incident: " + message).isGreaterThanOrEqualTo(4);
    }
    System.out.println("Incidents in the outage:\n" + incidents.stream().map(i -> i.getActivityId() + ": "
        + i.getIncidentMessage()).collect(Collectors.joining("\n")));

    flows.calm("cint");
    flows.calm("toluna");
    flows.send(HttpMethod.POST, "/sandbox/cint/admin/settings", "{\"tokenTtlSeconds\": 86400}");
    // Cockpit's retry of one incident: PUT /job/{id}/retries; of several at once: POST /job/retries (a batch).
    List<String> tolunaJobs = new ArrayList<>();
    for (Incident incident : incidents) {
      if (recontacts.stream().anyMatch(r -> r.instanceId().equals(incident.getProcessInstanceId()))) {
        ResponseEntity<String> answer = demo(StormFlows.ENGINE_REST + "/job/" + incident.getConfiguration()
            + "/retries", HttpMethod.PUT, "{\"retries\": 1}");
        assertThat(answer.getStatusCode()).as(answer.getBody()).isEqualTo(HttpStatus.NO_CONTENT);
      } else {
        tolunaJobs.add("\"" + incident.getConfiguration() + "\"");
      }
    }
    ResponseEntity<String> batch = demo(StormFlows.ENGINE_REST + "/job/retries", HttpMethod.POST,
        "{\"jobIds\": [" + String.join(", ", tolunaJobs) + "], \"retries\": 1}");
    assertThat(batch.getStatusCode()).as(batch.getBody()).isEqualTo(HttpStatus.OK);

    flows.await(() -> {
      flows.proceedWithReviews();
      return recontacts.stream().allMatch(r -> flows.endOf(r.instanceId()) != null) && flows.fed(quotaInstance)
          && flows.endOf(sweepInOutage) != null;
    }, Duration.ofSeconds(60), "every instance to complete after the retry");
    assertThat(engine.getRuntimeService().createIncidentQuery().count()).isZero();
    JsonNode cintState = flows.state("cint");
    assertThat(cintState.get("targetGroups")).hasSize(recontacts.size());
    for (CintRun run : recontacts) {
      assertThat(flows.endOf(run.instanceId())).isEqualTo("TargetGroupLive");
      assertThat(flows.eligibleAtCint(flows.targetGroupId(run.instanceId())))
          .containsExactlyInAnyOrderElementsOf(run.ids());
    }
    flows.assertTolunaExactlyOnce(QUOTAS);
    assertThat(jdbc.queryForObject("select count(*) from toluna_invite", Long.class)).isPositive();
    JsonNode injected = flows.state("toluna").at("/storm/injected/OUTAGE");
    assertThat(injected.path("GetQuotas").asLong()).isPositive();
    assertThat(flows.state("cint").at("/storm/injected/OUTAGE/token").asLong()).isPositive();
  }

  Set<String> incidentInstances() {
    return engine.getRuntimeService().createIncidentQuery().list().stream().map(Incident::getProcessInstanceId)
        .collect(Collectors.toSet());
  }

  ResponseEntity<String> demo(String path, HttpMethod method, String json) {
    HttpHeaders headers = new HttpHeaders();
    headers.setContentType(MediaType.APPLICATION_JSON);
    return http.withBasicAuth("demo", "demo").exchange(path, method, new HttpEntity<>(json, headers), String.class);
  }
}
