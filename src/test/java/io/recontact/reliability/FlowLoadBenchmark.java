package io.recontact.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.recontact.cint.client.CintClient;
import io.recontact.reliability.StormFlows.CintRun;
import io.recontact.reliability.StormFlows.TolunaQuota;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.camunda.bpm.engine.ProcessEngine;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.ActiveProfiles;

/**
 * Figures, not timing assertions: 500 cintRecontact instances (launch included) and 50 Toluna quotas started at
 * once on one node (H2, the test profile's engine settings), no faults. Asserts only that everything completes
 * without an incident. Prints throughput and the longest a due job waited for the job executor (sampled from
 * ACT_RU_JOB every 250 ms: due, unlocked, with retries), and writes them to target/benchmark/flow-load.txt.
 * Excluded from the default build; see docs/reliability-fault-storms.md.
 */
@Tag("benchmark")
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
class FlowLoadBenchmark {

  static final int CINT = Integer.getInteger("benchmark.cint", 500);
  static final int QUOTAS = Integer.getInteger("benchmark.quotas", 50);
  static final int CODES_PER_QUOTA = 150;
  static final int IDS_PER_FILE = 20;

  @Autowired
  TestRestTemplate http;
  @Autowired
  ProcessEngine engine;
  @Autowired
  JdbcTemplate jdbc;
  @Autowired
  CintClient cint;
  @Value("${camunda.bpm.job-execution.core-pool-size:3}")
  int corePool;
  @Value("${camunda.bpm.job-execution.max-pool-size:10}")
  int maxPool;
  @Value("${camunda.bpm.job-execution.wait-time-in-millis:5000}")
  long waitTime;
  @Value("${camunda.bpm.job-execution.max-jobs-per-acquisition:3}")
  int jobsPerAcquisition;

  @Test
  void fiveHundredCintInstancesAndFiftyTolunaQuotasAtOnce() throws Exception {
    StormFlows flows = new StormFlows(http, engine, jdbc, cint);
    flows.resetEverything();
    List<TolunaQuota> quotas = new ArrayList<>();
    for (int i = 0; i < QUOTAS; i++) {
      // Ten quotas per survey, each with its own members (so each member is invited once, for one quota).
      quotas.add(new TolunaQuota(3_970_000 + i / 10, 4_970_000 + i, 1 + i * CODES_PER_QUOTA,
          (i + 1) * CODES_PER_QUOTA));
    }
    flows.tolunaInventory(quotas);
    long jobsBefore = engine.getHistoryService().createHistoricJobLogQuery().successLog().count();
    long failuresBefore = flows.failedJobRuns();

    AtomicLong longestWait = new AtomicLong();
    ScheduledExecutorService sampler = Executors.newSingleThreadScheduledExecutor();
    sampler.scheduleAtFixedRate(() -> {
      Instant now = Instant.now();
      Timestamp oldest = jdbc.queryForObject("select min(coalesce(DUEDATE_, CREATE_TIME_)) from ACT_RU_JOB where "
          + "RETRIES_ > 0 and SUSPENSION_STATE_ = 1 and (LOCK_OWNER_ is null or LOCK_EXP_TIME_ < ?) and "
          + "coalesce(DUEDATE_, CREATE_TIME_) <= ?", Timestamp.class, Timestamp.from(now), Timestamp.from(now));
      if (oldest != null) {
        longestWait.accumulateAndGet(Duration.between(oldest.toInstant(), now).toMillis(), Math::max);
      }
    }, 0, 250, TimeUnit.MILLISECONDS);

    Instant start = Instant.now();
    List<CintRun> runs = new ArrayList<>();
    for (int i = 0; i < CINT; i++) {
      runs.add(flows.startRecontact(IDS_PER_FILE));
    }
    flows.sweep();
    Duration startedIn = Duration.between(start, Instant.now());
    flows.await(() -> {
      flows.proceedWithReviews();
      return quotas.stream().allMatch(q -> flows.fed(flows.quotaInstance(q.quotaId())))
          && engine.getHistoryService().createHistoricProcessInstanceQuery().processDefinitionKey("cintRecontact")
              .finished().count() >= CINT;
    }, Duration.ofMinutes(30), "every instance to complete");
    Duration wall = Duration.between(start, Instant.now());
    sampler.shutdownNow();

    assertThat(engine.getHistoryService().createHistoricIncidentQuery().count()).as(flows.incidents().toString())
        .isZero();
    runs.forEach(r -> assertThat(flows.endOf(r.instanceId())).isEqualTo("TargetGroupLive"));
    JsonNode cintState = flows.state("cint");
    assertThat(cintState.get("targetGroups")).hasSize(CINT);
    flows.assertTolunaExactlyOnce(quotas);

    long jobs = engine.getHistoryService().createHistoricJobLogQuery().successLog().count() - jobsBefore;
    long failures = flows.failedJobRuns() - failuresBefore;
    long invites = jdbc.queryForObject("select count(*) from toluna_invite", Long.class);
    double minutes = wall.toMillis() / 60_000.0;
    String report = String.join("\n",
        "Flow load benchmark (" + Instant.now() + ", " + Runtime.getRuntime().availableProcessors() + " CPUs, H2 in "
            + "memory, one node)",
        "engine: job executor core-pool-size " + corePool + ", max-pool-size " + maxPool + ", wait-time-in-millis "
            + waitTime + ", max-jobs-per-acquisition " + jobsPerAcquisition,
        "load: " + CINT + " cintRecontact (" + IDS_PER_FILE + " IDs, launch) + " + QUOTAS + " tolunaRecontactQuota ("
            + CODES_PER_QUOTA + " codes each), all started within " + startedIn.toMillis() + " ms",
        "wall time to all complete: " + wall.toSeconds() + " s",
        "throughput: " + String.format("%.1f", (CINT + QUOTAS) / minutes) + " instances/min (" + String.format("%.1f",
            CINT / minutes) + " Cint recontacts/min alongside the quotas)",
        "jobs executed: " + jobs + " (" + String.format("%.1f", jobs / (double) wall.toSeconds()) + "/s), failed job "
            + "runs: " + failures + ", incidents: 0",
        "Toluna invites generated and delivered once: " + invites,
        "longest wait of a due job (due, unlocked, sampled every 250 ms): " + longestWait.get() + " ms");
    System.out.println(report);
    Path out = Path.of("target", "benchmark", "flow-load.txt");
    Files.createDirectories(out.getParent());
    Files.writeString(out, report + "\n");
    flows.resetEverything();
  }
}
