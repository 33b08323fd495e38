package io.recontact.toluna.recontactquota;

import io.recontact.benchmark.CpuUse;
import io.recontact.benchmark.H2Writes;
import io.recontact.benchmark.HeapPeak;
import io.recontact.benchmark.JitTime;
import io.recontact.benchmark.PgStatements;
import io.recontact.benchmark.Profiler;
import static org.assertj.core.api.Assertions.assertThat;

import io.recontact.panel.PanelMember;
import io.recontact.panel.PanelMembers;
import io.recontact.reliability.AppProcess;
import io.recontact.sandbox.seed.TolunaSandboxData;
import io.recontact.toluna.TolunaFlowProperties;
import io.recontact.toluna.client.TolunaClient;
import io.recontact.toluna.client.TolunaProperties;
import io.recontact.toluna.delivery.DeliveryProperties;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.camunda.bpm.engine.ProcessEngine;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.web.client.RestTemplateBuilder;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.core.io.ClassPathResource;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Figures, not timing assertions: one quota of 100,000 active, matching member codes through the whole
 * tolunaRecontactQuota flow (sweep to WaitForQuotaChange, webhook delivery), against a bare loop making the same HTTP
 * calls ({@link BareInviteLoop}). The Toluna simulator and the webhook receiver are their own process (profile
 * {@code simulator}, {@link AppProcess}), so both sides pay the same for them; the engine runs with the product's
 * job-executor defaults. H2 here, PostgreSQL in {@link TolunaQuotaBenchmarkPostgres}. Asserts only that every invite
 * was generated and delivered once. Excluded from the default build; see docs/toluna-benchmark.md. Writes
 * target/benchmark/toluna-quota-&lt;database&gt;.txt (surefire redirects stdout into its reports).
 */
@Tag("benchmark")
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
    "recontact.toluna.member-sync.enabled=false",
    "recontact.toluna.invite.max-per-second=0",
    // The product's job-executor defaults (Camunda's 5 s acquisition wait, application.yaml's max-wait), not the test
    // profile's 100/300 ms: the goal holds at default settings.
    "camunda.bpm.job-execution.wait-time-in-millis=5000",
    "camunda.bpm.job-execution.max-wait=5000"})
@ActiveProfiles("test")
class TolunaQuotaBenchmark {

  /** -Dbenchmark.members=5000 for a quick smoke run; the figures in the docs are for 100,000. */
  static final int MEMBERS = Integer.getInteger("benchmark.members", 100_000);
  static final int WARM_UP = Integer.getInteger("benchmark.warmUp", Math.min(MEMBERS, 20_000));
  /** At most this many warm-up rounds; fewer once a round's JIT time is under 1/{@link #QUIET_JIT_SHARE} of it. */
  static final int WARM_UP_ROUNDS = Integer.getInteger("benchmark.warmUpRounds", 5);
  static final int QUIET_JIT_SHARE = 20;
  /** Per warm-up round: wall time and JIT time, ms. */
  List<long[]> warmUp;
  /** PostgreSQL: the wait for its autovacuum between the process and the loop, and the CPU spent meanwhile. */
  long settleMillis;
  CpuUse settle;
  /** What H2 wrote to its file during the process run (0 on PostgreSQL). */
  long h2Written;
  /** What H2 read back from its file during the process run (0 on PostgreSQL). */
  long h2Read;
  String h2Cache;
  static final long WARM_UP_QUOTA = 4_900_201;
  static final long QUOTA = 4_900_202;
  static final String PANEL = QuotaBenchmarkSetup.PANEL;
  static final long MIB = 1024 * 1024;

  @Autowired
  TestRestTemplate http;
  @Autowired
  JdbcTemplate jdbc;
  @Autowired
  ProcessEngine engine;
  @Autowired
  PanelMembers directory;
  @Autowired
  TolunaClient toluna;
  @Autowired
  TolunaProperties connection;
  @Autowired
  TolunaFlowProperties flow;
  @Autowired
  DeliveryProperties delivery;
  @Value("${camunda.bpm.job-execution.wait-time-in-millis:5000}")
  long jobWaitMillis;
  @Value("${camunda.bpm.job-execution.max-wait:60000}")
  long jobMaxWaitMillis;

  QuotaBenchmarkSetup setup;

  /** The Toluna simulator and the partner receiver, one process for the whole class (started before the context). */
  static AppProcess simulator;

  @DynamicPropertySource
  static void simulatorProcess(DynamicPropertyRegistry registry) {
    if (simulator == null) {
      simulator = AppProcess.start("toluna-benchmark-simulator", AppProcess.freePort(), Map.of(
          "spring.profiles.active", "simulator",
          // The simulated members would answer each delivered invite with notifications: not part of the measure.
          "recontact.sandbox.toluna.member-play.enabled", "false",
          "logging.level.root", "WARN"));
    }
    registry.add("recontact.toluna.base-url", () -> simulator.url() + "/sandbox/toluna");
    registry.add("recontact.toluna.member-base-url", () -> simulator.url() + "/sandbox/toluna");
    registry.add("recontact.toluna.delivery.webhook.url", () -> simulator.url() + "/sandbox/partner/messages");
    // The product's H2 (application.yaml): a file database written at each commit, not the test profile's in-memory
    // one, which kept every row in the 512 MB test heap (G1's concurrent marking ran through the whole run). The
    // PostgreSQL subclass replaces the data source.
    // Its URL as application.yaml writes it (the test profile replaced it), its file placeholder set to a new file.
    registry.add("RECONTACT_H2_FILE", () -> H2_FILE.toAbsolutePath().toString());
    registry.add("spring.datasource.url", TolunaQuotaBenchmark::productDatabaseUrl);
  }

  static String productDatabaseUrl() {
    try {
      return String.valueOf(new YamlPropertySourceLoader()
          .load("application", new ClassPathResource("application.yaml")).get(0).getProperty("spring.datasource.url"));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static final Path H2_FILE = h2File();

  private static Path h2File() {
    try {
      return Files.createTempDirectory("toluna-benchmark-h2").resolve("recontact");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @AfterAll
  static void stopSimulator() throws IOException {
    if (simulator != null) {
      simulator.close();
      simulator = null;
    }
    try (var files = Files.list(H2_FILE.getParent())) {
      for (Path file : files.toList()) {
        Files.delete(file);
      }
    }
    Files.delete(H2_FILE.getParent());
  }

  /** Names the report file and the first line. */
  String database() {
    return "h2";
  }

  @Test
  void run() throws Exception {
    TestRestTemplate simulatorHttp = new TestRestTemplate(new RestTemplateBuilder().rootUri(simulator.url()));
    setup = new QuotaBenchmarkSetup(http, simulatorHttp, jdbc, engine);
    importMembers();
    BareInviteLoop loop = new BareInviteLoop(toluna, URI.create(simulator.url() + "/sandbox/partner/messages"),
        delivery.webhook().secret());
    int pageSize = connection.pageSize();
    int inviteThreads = flow.invite().concurrency();
    int deliveryThreads = delivery.concurrency();

    // Warm-up: JIT, connection pools and Tomcat threads for both, so neither pays for a cold start alone; rounds until
    // the JIT is quiet (the engine's much larger code kept the compilers busy for half a minute after one round).
    warmUp = new ArrayList<>();
    long jit;
    long wall;
    do {
      long jitBefore = JitTime.millis();
      long started = System.nanoTime();
      setup.prepare(WARM_UP_QUOTA, WARM_UP);
      setup.runProcess(WARM_UP_QUOTA);
      setup.prepare(WARM_UP_QUOTA, WARM_UP);
      loop.run(PANEL, WARM_UP_QUOTA, pageSize, inviteThreads, deliveryThreads);
      jit = JitTime.millis() - jitBefore;
      wall = (System.nanoTime() - started) / 1_000_000;
      warmUp.add(new long[] {wall, jit});
    } while (warmUp.size() < WARM_UP_ROUNDS && jit * QUIET_JIT_SHARE > wall);

    setup.prepare(QUOTA, MEMBERS);
    String instance;
    long processMillis;
    long observedMillis;
    long heapPools;
    long heapSampled;
    CpuUse processCpu;
    long processJit;
    try (HeapPeak heap = new HeapPeak()) {
      long[] times = new long[2];
      CpuUse before = CpuUse.now();
      long jitBefore = JitTime.millis();
      PgStatements.reset(jdbc, !"h2".equals(database()));
      long writtenBefore = H2Writes.bytes(jdbc, "h2".equals(database()));
      long readBefore = H2Writes.readBytes(jdbc, "h2".equals(database()));
      try (Profiler profile = Profiler.start(database() + "-process")) {
        instance = setup.runProcess(QUOTA, times);
      }
      PgStatements.write(jdbc, !"h2".equals(database()), Path.of("target/benchmark/pg-statements.txt"));
      h2Written = H2Writes.bytes(jdbc, "h2".equals(database())) - writtenBefore;
      h2Read = H2Writes.readBytes(jdbc, "h2".equals(database())) - readBefore;
      h2Cache = H2Writes.cache(jdbc, "h2".equals(database()));
      processCpu = CpuUse.now().since(before);
      processJit = JitTime.millis() - jitBefore;
      processMillis = times[0];
      observedMillis = times[1];
      heapPools = heap.poolPeaks();
      heapSampled = heap.sampledPeak();
    }
    long liveAfter = HeapPeak.liveAfterGc();
    setup.assertDeliveredEachOnce(instance, QUOTA, MEMBERS);
    Map<String, Long> simulatorCalls = setup.simulatorCalls();
    long received = setup.receiverCount("received");

    CpuUse afterProcess = CpuUse.now();
    setup.resetSimulatorAndReceiver(QUOTA, MEMBERS);
    // PostgreSQL vacuums what the process wrote; the loop starts once that is done (on H2 nothing runs after a run).
    if (!"h2".equals(database())) {
      settleMillis = PgStatements.awaitNoAutovacuum(jdbc);
      settle = CpuUse.now().since(afterProcess);
    }
    BareInviteLoop.Result bare;
    long loopHeap;
    CpuUse loopCpu;
    long loopJit;
    try (HeapPeak heap = new HeapPeak()) {
      CpuUse before = CpuUse.now();
      long jitBefore = JitTime.millis();
      try (Profiler profile = Profiler.start(database() + "-loop")) {
        bare = loop.run(PANEL, QUOTA, pageSize, inviteThreads, deliveryThreads);
      }
      loopCpu = CpuUse.now().since(before);
      loopJit = JitTime.millis() - jitBefore;
      loopHeap = heap.sampledPeak();
    }
    assertThat(bare.codes()).isEqualTo(MEMBERS);
    assertThat(setup.receiverCount("received")).as("loop: every invite received").isEqualTo(MEMBERS);
    assertThat(setup.receiverCount("duplicates")).isZero();

    new TolunaQuotaReport(this).write(instance, processMillis, observedMillis, bare, heapPools, heapSampled, liveAfter,
        loopHeap, simulatorCalls, received, pageSize, inviteThreads, deliveryThreads, processCpu, loopCpu, processJit,
        loopJit);
  }

  void importMembers() {
    List<PanelMember> members = new ArrayList<>(MEMBERS);
    LocalDate born = LocalDate.of(1960, 1, 1);
    for (int n = 1; n <= MEMBERS; n++) {
      long gender = n % 2 == 0 ? TolunaSandboxData.FEMALE : TolunaSandboxData.MALE;
      members.add(new PanelMember(QuotaBenchmarkSetup.code(n), PanelMember.Status.ACTIVE, born.plusDays(n % 10_000),
          null, Map.of(PanelMember.GENDER_QUESTION, Set.of(gender))));
    }
    assertThat(directory.upsertAll(members).inserted()).isEqualTo(MEMBERS);
  }
}
