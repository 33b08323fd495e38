package io.recontact.toluna.recontactquota;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.recontact.panel.PanelMember;
import io.recontact.panel.PanelMembers;
import io.recontact.reliability.AppProcess;
import io.recontact.sandbox.seed.TolunaSandboxData;
import io.recontact.toluna.TolunaFlowProperties;
import io.recontact.toluna.client.TolunaClient;
import io.recontact.toluna.client.TolunaProperties;
import io.recontact.toluna.delivery.DeliveryProperties;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.history.HistoricActivityInstance;
import org.camunda.bpm.engine.history.HistoricJobLog;
import org.camunda.bpm.engine.history.HistoricVariableInstance;
import org.camunda.bpm.engine.variable.value.SerializableValue;
import org.camunda.bpm.engine.variable.value.TypedValue;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.web.client.RestTemplateBuilder;
import org.springframework.boot.test.web.client.TestRestTemplate;
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
  static final int WARM_UP = 2_000;
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

  final StringBuilder report = new StringBuilder();
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
  }

  @AfterAll
  static void stopSimulator() {
    if (simulator != null) {
      simulator.close();
      simulator = null;
    }
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

    // Warm-up: JIT, connection pools and Tomcat threads for both, so neither pays for a cold start alone.
    setup.prepare(WARM_UP_QUOTA, WARM_UP);
    runProcess(WARM_UP_QUOTA);
    setup.prepare(WARM_UP_QUOTA, WARM_UP);
    loop.run(PANEL, WARM_UP_QUOTA, pageSize, inviteThreads, deliveryThreads);

    setup.prepare(QUOTA, MEMBERS);
    String instance;
    long processMillis;
    long observedMillis;
    long heapPools;
    long heapSampled;
    try (HeapPeak heap = new HeapPeak()) {
      long[] times = new long[2];
      instance = runProcess(QUOTA, times);
      processMillis = times[0];
      observedMillis = times[1];
      heapPools = heap.poolPeaks();
      heapSampled = heap.sampledPeak();
    }
    long liveAfter = HeapPeak.liveAfterGc();
    assertProcessDeliveredEachOnce(instance);
    Map<String, Long> simulatorCalls = setup.simulatorCalls();
    long received = setup.receiverCount("received");

    setup.resetSimulatorAndReceiver(QUOTA, MEMBERS);
    BareInviteLoop.Result bare;
    long loopHeap;
    try (HeapPeak heap = new HeapPeak()) {
      bare = loop.run(PANEL, QUOTA, pageSize, inviteThreads, deliveryThreads);
      loopHeap = heap.sampledPeak();
    }
    assertThat(bare.codes()).isEqualTo(MEMBERS);
    assertThat(setup.receiverCount("received")).as("loop: every invite received").isEqualTo(MEMBERS);
    assertThat(setup.receiverCount("duplicates")).isZero();

    write(instance, processMillis, observedMillis, bare, heapPools, heapSampled, liveAfter, loopHeap,
        simulatorCalls, received, pageSize, inviteThreads, deliveryThreads);
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

  String runProcess(long quota) {
    return runProcess(quota, new long[2]);
  }

  /** Sweep to WaitForQuotaChange; times[0] from the history's arrival at the wait, times[1] as observed. */
  String runProcess(long quota, long[] times) {
    long start = System.currentTimeMillis();
    setup.sweep();
    await(() -> engine.getRuntimeService().createProcessInstanceQuery().processDefinitionKey("tolunaQuotaSweep")
        .count() == 0, "the sweep to finish");
    String instance = setup.instanceOf(quota);
    await(() -> waitsAt(instance, "WaitForQuotaChange"), "the instance to reach WaitForQuotaChange");
    times[1] = System.currentTimeMillis() - start;
    HistoricActivityInstance wait = engine.getHistoryService().createHistoricActivityInstanceQuery()
        .processInstanceId(instance).activityId("WaitForQuotaChange").list().stream()
        .min(Comparator.comparing(HistoricActivityInstance::getStartTime)).orElseThrow();
    times[0] = wait.getStartTime().getTime() - start;
    return instance;
  }

  void assertProcessDeliveredEachOnce(String instance) {
    assertThat(setup.count("select count(*) from toluna_invite where quota_id = ?", QUOTA)).isEqualTo(MEMBERS);
    assertThat(setup.count("select count(distinct member_code) from toluna_invite where quota_id = ?", QUOTA))
        .isEqualTo(MEMBERS);
    assertThat(setup.count("select count(*) from toluna_invite_delivery where quota_id = ? and state = 'DELIVERED' "
        + "and attempts = 1", QUOTA)).as("delivered at the first attempt").isEqualTo(MEMBERS);
    assertThat(setup.receiverCount("received")).as("process: every invite received").isEqualTo(MEMBERS);
    assertThat(setup.receiverCount("duplicates")).isZero();
    assertThat(setup.receiverCount("rejected")).isZero();
    assertThat(engine.getRuntimeService().getVariable(instance, "delivered")).isEqualTo((long) MEMBERS);
    assertThat(engine.getRuntimeService().createIncidentQuery().count()).isZero();
  }

  boolean waitsAt(String instance, String activity) {
    return engine.getRuntimeService().createProcessInstanceQuery().processInstanceId(instance).count() == 1
        && engine.getRuntimeService().getActiveActivityIds(instance).contains(activity)
        && engine.getManagementService().createJobQuery().processInstanceId(instance).executable().count() == 0;
  }

  void write(String instance, long processMillis, long observedMillis, BareInviteLoop.Result bare, long heapPools,
      long heapSampled, long liveAfter, long loopHeap, Map<String, Long> simulatorCalls, long received, int pageSize,
      int inviteThreads, int deliveryThreads) throws Exception {
    HistoryService history = engine.getHistoryService();
    List<HistoricJobLog> succeeded = history.createHistoricJobLogQuery().processInstanceId(instance).successLog()
        .list();
    long created = history.createHistoricJobLogQuery().processInstanceId(instance).creationLog().count();
    long failed = history.createHistoricJobLogQuery().processInstanceId(instance).failureLog().count();
    List<HistoricVariableInstance> variables = history.createHistoricVariableInstanceQuery()
        .processInstanceId(instance).disableCustomObjectDeserialization().list();
    long variableBytes = variables.stream().mapToLong(v -> size(v.getTypedValue())).sum();
    long details = history.createHistoricDetailQuery().processInstanceId(instance).variableUpdates().count();
    double ratio = (double) processMillis / bare.totalMillis();

    line("Toluna quota benchmark on %s, %s, %d cores, load average %.2f at the end, Java %s, max heap %d MiB (%s)",
        database(), OffsetDateTime.now(ZoneOffset.UTC).withNano(0), Runtime.getRuntime().availableProcessors(),
        ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage(),
        System.getProperty("java.version"), HeapPeak.maxHeap() / MIB, HeapPeak.collectors());
    line("%,d members, 1 quota; page size %d, invite chunk %d x %d threads (max/s %s), delivery %d threads, "
        + "job acquisition wait %d ms (max %d ms), member sync off; simulator and receiver: own process",
        MEMBERS, pageSize, flow.invite().chunkSize(), inviteThreads,
        flow.invite().maxPerSecond() == 0 ? "no limit" : flow.invite().maxPerSecond(), deliveryThreads,
        jobWaitMillis, jobMaxWaitMillis);
    line("");
    line("%-46s %14s %10s %s", "figure", "value", "goal", "met");
    goal("process wall time, sweep to WaitForQuotaChange", ms(processMillis), "", null);
    goal("  (as the test's 200 ms poll saw it)", ms(observedMillis), "", null);
    goal("bare loop wall time (page + generate + POST)", ms(bare.totalMillis()), "", null);
    goal("ratio process / loop", String.format(Locale.ROOT, "%.2f", ratio), "<= 1.3", ratio <= 1.3);
    goal("jobs executed by the instance (success log)", "" + succeeded.size(), "<= 300", succeeded.size() <= 300);
    goal("  job log: created / failed", created + " / " + failed, "", null);
    goal("process variables of the instance", variableBytes + " B (" + variables.size() + ")", "<= 100 kB",
        variableBytes <= 100_000);
    goal("  history: variable updates (ACT_HI_DETAIL)", "" + details, "", null);
    goal("peak heap, sampled every 20 ms", heapSampled / MIB + " MiB", "<= 512 MB", heapSampled <= 512 * MIB);
    goal("  sum of heap pools' peaks (upper bound)", heapPools / MIB + " MiB", "", null);
    goal("  heap live after the run (after a full GC)", liveAfter / MIB + " MiB", "", null);
    goal("  loop: peak heap, sampled", loopHeap / MIB + " MiB", "", null);
    line("");
    line("HTTP calls. Process: simulator %s, webhook POSTs %,d. Loop: %d pages, %,d GenerateInvite, %,d POSTs.",
        simulatorCalls, received, bare.pages(), bare.invites(), bare.posted());
    line("Loop phases: page %s, generate %s, POST %s.", ms(bare.pageMillis()), ms(bare.generateMillis()),
        ms(bare.postMillis()));
    line("");
    activities(instance, processMillis, succeeded);
    Path out = Path.of("target", "benchmark", "toluna-quota-" + database() + ".txt");
    Files.createDirectories(out.getParent());
    Files.writeString(out, report);
    System.out.print(report);
  }

  /**
   * Where the process's time went: per activity its runs, jobs, summed execution time and span (first start to last
   * end); then the hand-offs, from each job's creation (inside the previous job) to the start of its activity.
   */
  void activities(String instance, long processMillis, List<HistoricJobLog> succeeded) {
    Set<String> ran = succeeded.stream().map(HistoricJobLog::getJobId).collect(Collectors.toSet());
    Map<String, List<Long>> createdAt = new TreeMap<>();
    engine.getHistoryService().createHistoricJobLogQuery().processInstanceId(instance).creationLog().list().stream()
        .filter(j -> ran.contains(j.getJobId())).sorted(Comparator.comparing(HistoricJobLog::getTimestamp))
        .forEach(j -> createdAt.computeIfAbsent(j.getActivityId(), k -> new ArrayList<>())
            .add(j.getTimestamp().getTime()));
    Map<String, List<HistoricActivityInstance>> runs = new TreeMap<>();
    engine.getHistoryService().createHistoricActivityInstanceQuery().processInstanceId(instance).list().stream()
        .sorted(Comparator.comparing(HistoricActivityInstance::getStartTime))
        .forEach(a -> runs.computeIfAbsent(a.getActivityId(), k -> new ArrayList<>()).add(a));
    line("%-28s %6s %6s %12s %12s %7s", "activity", "runs", "jobs", "sum of runs", "span", "share");
    long inActivities = 0;
    long handOffs = 0;
    for (Map.Entry<String, List<HistoricActivityInstance>> e : runs.entrySet()) {
      List<HistoricActivityInstance> list = e.getValue();
      long sum = list.stream().mapToLong(a -> a.getDurationInMillis() == null ? 0 : a.getDurationInMillis()).sum();
      List<Long> jobs = createdAt.getOrDefault(e.getKey(), List.of());
      for (int k = 0; k < Math.min(jobs.size(), list.size()); k++) {
        handOffs += list.get(k).getStartTime().getTime() - jobs.get(k);
      }
      if (sum < 100 && jobs.isEmpty()) {
        continue; // gateways and events: no job, no time to speak of
      }
      inActivities += sum;
      long first = list.get(0).getStartTime().getTime();
      long last = list.stream().mapToLong(a -> (a.getEndTime() == null ? a.getStartTime() : a.getEndTime())
          .getTime()).max().orElse(first);
      line("%-28s %6d %6d %12s %12s %6.1f%%", e.getKey(), list.size(), jobs.size(), ms(sum), ms(last - first),
          100.0 * sum / processMillis);
    }
    line("%-28s %6s %6s %12s %12s %6.1f%%", "job hand-offs", "", succeeded.size(), ms(handOffs), "",
        100.0 * handOffs / processMillis);
    long rest = processMillis - inActivities - handOffs;
    line("%-28s %6s %6s %12s %12s %6.1f%%", "rest (sweep, commits)", "", "", ms(rest), "", 100.0 * rest / processMillis);
  }

  static long size(TypedValue value) {
    if (value instanceof SerializableValue s && s.getValueSerialized() != null) {
      return s.getValueSerialized().getBytes(UTF_8).length;
    }
    Object v = value == null ? null : value.getValue();
    if (v == null) {
      return 0;
    }
    if (v instanceof String s) {
      return s.getBytes(UTF_8).length;
    }
    if (v instanceof byte[] b) {
      return b.length;
    }
    if (v instanceof Boolean) {
      return 1;
    }
    if (v instanceof Integer) {
      return 4;
    }
    return 8; // long, double, date
  }

  void goal(String figure, String value, String goal, Boolean met) {
    line("%-46s %14s %10s %s", figure, value, goal, met == null ? "" : met ? "yes" : "NO");
  }

  static String ms(long millis) {
    return String.format(Locale.ROOT, "%,d ms", millis);
  }

  void line(String format, Object... args) {
    report.append(String.format(Locale.ROOT, format, args)).append('\n');
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
