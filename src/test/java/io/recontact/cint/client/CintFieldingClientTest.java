package io.recontact.cint.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import feign.Client;
import io.recontact.cint.client.CintModel.BulkCompleteJob;
import io.recontact.cint.client.CintModel.JobStatus;
import io.recontact.cint.client.CintModel.LaunchJob;
import io.recontact.cint.client.CintModel.RunChange;
import io.recontact.cint.client.CintModel.TargetGroupOverview;
import io.recontact.cint.client.CintModel.TargetGroupPerformance;
import io.recontact.cint.client.CintModel.VersionedFieldingRun;
import io.recontact.cint.contract.CintContractExtension;
import io.recontact.cint.contract.ContractValidatingClient;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;
import java.util.function.Supplier;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.MediaType;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.web.client.RestClient;

/**
 * The fielding exchanges of the real Feign client against the simulator, each validated against the contract:
 * overview, performance, fielding runs with ETag, pause and resume with If-Match (412 read again and retried, 422
 * already so), and the batch job that completes a run.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
    "recontact.sandbox.cint.job-base-duration=300ms",
    "recontact.sandbox.cint.job-per-id-duration=1us",
    "recontact.sandbox.cint.launch-duration=300ms"})
@ActiveProfiles("simulator")
class CintFieldingClientTest {

  static final int ACCOUNT = CintClientTest.ACCOUNT;
  static final String PROJECT = CintClientTest.PROJECT;

  @RegisterExtension
  static CintContractExtension contract = CintContractExtension.perTest();

  @LocalServerPort
  int port;

  RestClient admin;
  CintClient cint;

  @BeforeEach
  void setUp() {
    admin = RestClient.create("http://localhost:" + port + "/sandbox/cint/admin");
    admin.post().uri("/reset").retrieve().toBodilessEntity();
    CintProperties properties = new CintProperties("", "", "sandbox-client", CintClientTest.SECRET,
        "https://api.luc.id", "app:api", "2025-12-18", Duration.ofSeconds(2), Duration.ofSeconds(5),
        Duration.ofMinutes(5), 100);
    Supplier<String> base = () -> "http://localhost:" + port + "/sandbox/cint/v1";
    Supplier<String> token = () -> "http://localhost:" + port + "/sandbox/cint/oauth/token";
    cint = CintClients.create(properties, base, token, new ContractValidatingClient(new Client.Default(null, null)),
        Clock.systemUTC());
  }

  TargetGroupRef live(int goal) {
    String reference = "ff-" + UUID.randomUUID().toString().substring(0, 8);
    String id = cint.createDraftTargetGroup(ACCOUNT, PROJECT, CintClientTest.recontactDraft(reference, goal));
    TargetGroupRef tg = new TargetGroupRef(ACCOUNT, PROJECT, id);
    String upload = cint.createUploadJob(tg, CintModel.EntityType.RSID, "ids.csv",
        CintClientTest.bytes(String.join("\n", CintClientTest.rsids(goal + 5))));
    CintClientTest.await(() -> cint.getUploadJob(tg, upload), CintModel.RecontactJob::isDone);
    String launch = cint.createLaunchJob(tg, UUID.randomUUID().toString(), Instant.now().plus(10, ChronoUnit.DAYS));
    LaunchJob launched = CintClientTest.await(() -> cint.getLaunchJob(tg, launch), LaunchJob::isDone);
    assertThat(launched.status()).isEqualTo(JobStatus.COMPLETED);
    return tg;
  }

  void settings(String json) {
    admin.post().uri("/settings").contentType(MediaType.APPLICATION_JSON).body(json).retrieve().toBodilessEntity();
  }

  @Test
  void aLiveTargetGroupGathersCompletesUntilItsGoal() {
    settings("{\"completesPerHour\": 72000}"); // 20 a second
    TargetGroupRef tg = live(30);
    TargetGroupOverview first = cint.getTargetGroupOverview(tg);
    assertThat(first.progress().fillingGoal()).isEqualTo(30);
    assertThat(first.status()).isIn("live", "completed");
    TargetGroupOverview done = CintClientTest.await(() -> cint.getTargetGroupOverview(tg),
        o -> "completed".equals(o.status()));
    assertThat(done.progress().currentCompletes()).isEqualTo(30);
    assertThat(done.progress().currentPrescreens()).isGreaterThanOrEqualTo(30);
    assertThat(done.currentCost().value()).isEqualTo("75.00");
    TargetGroupPerformance performance = cint.getTargetGroupPerformance(tg);
    assertThat(performance.completes()).isEqualTo(30);
    assertThat(performance.conversionRate()).isNotNull();
    VersionedFieldingRun run = cint.currentFieldingRun(tg).orElseThrow();
    assertThat(run.run().status()).isEqualTo("completed");
    assertThat(run.etag()).isEqualTo("W/\"" + run.run().version() + "\"");
  }

  @Test
  void pauseAndResumeWithIfMatchRetryA412AndTake422AsAlreadySo() {
    settings("{\"completesPerHour\": 0}");
    TargetGroupRef tg = live(10);
    admin.post().uri("/target-groups/" + tg.targetGroupId() + "/concurrent-change")
        .contentType(MediaType.APPLICATION_JSON).body("{\"count\": 1}").retrieve().toBodilessEntity();
    assertThat(cint.pauseFielding(tg)).isEqualTo(RunChange.CHANGED);
    JsonNode calls = admin.get().uri("/state").retrieve().body(JsonNode.class).path("calls");
    assertThat(calls.path("pause_fielding_run").asInt()).as("412, read again, retried").isEqualTo(2);
    assertThat(cint.getTargetGroupOverview(tg).status()).isEqualTo("paused");
    assertThat(cint.pauseFielding(tg)).isEqualTo(RunChange.ALREADY);
    assertThat(cint.resumeFielding(tg)).isEqualTo(RunChange.CHANGED);
    assertThat(cint.currentFieldingRun(tg).orElseThrow().run().status()).isEqualTo("live");
  }

  @Test
  void repeated412sEndAsAnError() {
    settings("{\"completesPerHour\": 0}");
    TargetGroupRef tg = live(10);
    admin.post().uri("/target-groups/" + tg.targetGroupId() + "/concurrent-change")
        .contentType(MediaType.APPLICATION_JSON).body("{\"count\": 9}").retrieve().toBodilessEntity();
    assertThatThrownBy(() -> cint.pauseFielding(tg)).isInstanceOf(CintApiException.class)
        .hasMessageContaining("412");
  }

  @Test
  void theBatchJobCompletesTheRunOnceForOneKey() {
    settings("{\"completesPerHour\": 0}");
    TargetGroupRef tg = live(10);
    String key = UUID.randomUUID().toString();
    String job = cint.createCompleteJob(tg, key);
    assertThat(cint.createCompleteJob(tg, key)).as("same Idempotency-Key, same job").isEqualTo(job);
    BulkCompleteJob done = CintClientTest.await(() -> cint.getCompleteJob(tg, job),
        j -> j.status() != null && j.status().isDone());
    assertThat(done.status()).isEqualTo(JobStatus.COMPLETED);
    assertThat(done.failureOf(tg.targetGroupId())).isNull();
    assertThat(done.updatedTargetGroups().data()).extracting(CintModel.BulkTargetGroup::targetGroupId)
        .containsExactly(tg.targetGroupId());
    assertThat(cint.getTargetGroupOverview(tg).status()).isEqualTo("completed");
    assertThat(cint.resumeFielding(tg)).as("a completed run is not paused").isEqualTo(RunChange.ALREADY);
  }
}
