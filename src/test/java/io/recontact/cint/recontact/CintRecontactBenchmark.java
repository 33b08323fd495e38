package io.recontact.cint.recontact;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.recontact.cint.client.CintClient;
import io.recontact.cint.client.CintJobRates;
import io.recontact.cint.uploadrespondents.UploadProperties;
import io.recontact.engine.JobPolling;
import io.recontact.benchmark.HeapPeak;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.history.HistoricProcessInstance;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.core.io.ByteArrayResource;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.boot.web.client.RestTemplateBuilder;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;

/**
 * Figures, not timing assertions: a 100,000-ID file through POST /api/cint/recontacts to a live target group, against
 * a bare loop making the same Cint calls ({@link BareCintLoop}) with the same polling schedule. Headline (the
 * default, {@code -Dbenchmark.settings=product}): the product's settings (job executor: Camunda's 5 s acquisition
 * pause and application.yaml's 5 s max wait; polling and Cint's quoted rates: their defaults) and the Cint simulator
 * as its own process at its default job durations, as a user runs them. {@code -Dbenchmark.settings=test}: the test
 * profile's 100 ms acquisition pause, 200 ms checks and zero job durations (the earlier figures);
 * {@code -Dbenchmark.simulator=inline}: the simulator inside the test's server. Asserts only that both ended with
 * every ID saved and the group live. Excluded from the default build; see docs/benchmarks-cint.md. Writes
 * target/benchmark/cint-recontact.txt.
 */
@Tag("benchmark")
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
    // The product's default file size (the test profile cuts files at 40,000 to exercise several jobs).
    "recontact.cint.upload.max-ids-per-file=100000"})
@ActiveProfiles("test")
class CintRecontactBenchmark {

  static final int IDS = Integer.getInteger("benchmark.ids", 100_000);
  /**
   * Warm-up file size, once through each side. As large as the measured file by default: with a small warm-up the
   * process, measured first, paid the JIT's compilation of the full-size paths (hygiene, the Feign upload, the
   * simulator's settling) that the loop, measured second, then found compiled.
   */
  static final int WARM_UP = Integer.getInteger("benchmark.warmUpIds", IDS);
  /**
   * Warm-up rounds (process, then loop). After one round the JIT was still compiling engine, MyBatis and H2 code
   * during the measured process run (JFR: 1.7 s of C2 compilation inside a 2.4 s run); after four it was not.
   */
  static final int WARM_UP_ROUNDS = Integer.getInteger("benchmark.warmUps", 0) > 0
      ? Integer.getInteger("benchmark.warmUps") : product() ? 1 : 4;
  /** Measured rounds (process, then loop); the ratio is that of the medians. */
  static final int ROUNDS = Integer.getInteger("benchmark.rounds", 3);
  static final long MIB = 1024 * 1024;
  static final String ZERO_DURATIONS = "{\"jobBaseMillis\":0,\"jobPerIdMicros\":0,\"launchMillis\":0}";

  /** The simulator's own JVM (null: the one inside the test's server). */
  static SimulatorProcess simulator;

  @Autowired
  TestRestTemplate http;
  @Autowired
  ProcessEngine engine;
  @Autowired
  CintClient cint;
  @Autowired
  JobPolling polling;
  @Autowired
  CintJobRates rates;
  @Autowired
  UploadProperties limits;
  @Value("${camunda.bpm.job-execution.wait-time-in-millis:5000}")
  long jobWaitMillis;

  @Value("${camunda.bpm.job-execution.max-wait:60000}")
  long jobMaxWaitMillis;

  static boolean product() {
    return !"test".equals(System.getProperty("benchmark.settings", "product"));
  }

  /** The product's settings where the test profile has its own; the simulator's process. */
  @DynamicPropertySource
  static void settings(DynamicPropertyRegistry registry) {
    if (product()) {
      // application.yaml's max-wait is 5000 and Camunda's acquisition pause 5000: the test profile's 100/300 undone.
      registry.add("camunda.bpm.job-execution.wait-time-in-millis", () -> "5000");
      registry.add("camunda.bpm.job-execution.max-wait", () -> "5000");
      registry.add("recontact.polling.initial-interval", () -> "1s");
      registry.add("recontact.polling.factor", () -> "2.0");
      registry.add("recontact.polling.max-interval", () -> "30s");
      registry.add("recontact.cint.job-rates.upload", () -> "10m");
      registry.add("recontact.cint.job-rates.removal", () -> "3m");
    }
    if (!"inline".equals(System.getProperty("benchmark.simulator"))) {
      if (simulator == null) {
        simulator = SimulatorProcess.start();
      }
      registry.add("recontact.cint.base-url", () -> simulator.url + "/sandbox/cint/v1");
      registry.add("recontact.cint.token-url", () -> simulator.url + "/sandbox/cint/oauth/token");
    }
  }

  @AfterAll
  static void stopSimulator() {
    if (simulator != null) {
      simulator.close();
      simulator = null;
    }
  }

  /** The simulator's admin API, wherever it runs. */
  TestRestTemplate admin() {
    return simulator == null ? http : new TestRestTemplate(new RestTemplateBuilder().rootUri(simulator.url));
  }

  /** When the last POST was sent and when its answer arrived (epoch millis). */
  long postSent;
  long postAnswered;
  final List<Long> processRounds = new ArrayList<>();
  final List<Long> loopRounds = new ArrayList<>();
  /** Collectors' time during the process run and during the loop. */
  long[] gcPauses;

  String loadBefore;

  String reportName() {
    return "cint-recontact.txt";
  }

  static String loadAverage() {
    try {
      String[] f = Files.readString(Path.of("/proc/loadavg")).split(" ");
      return f[0] + " " + f[1] + " " + f[2];
    } catch (Exception e) {
      return String.format(Locale.ROOT, "%.2f",
          java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
    }
  }

  @Test
  void run() throws Exception {
    loadBefore = loadAverage();
    BareCintLoop loop = new BareCintLoop(cint, polling, rates, limits);
    // Warm-up: JIT, connection pools, Tomcat threads, for both sides.
    for (int round = 0; round < WARM_UP_ROUNDS; round++) {
      resetSimulator();
      runProcess(file(WARM_UP));
      resetSimulator();
      loop.run(request(WARM_UP), file(WARM_UP));
    }

    byte[] file = file(IDS);
    String instance = null;
    long processMillis = 0;
    long heapPools = 0;
    long heapSampled = 0;
    long processGc = 0;
    Map<String, Long> processCalls = Map.of();
    BareCintLoop.Result bare = null;
    long loopHeap = 0;
    long loopGc = 0;
    // Measured rounds, process then loop: the figures below are medians, the details those of the last round.
    for (int round = 0; round < ROUNDS; round++) {
      resetSimulator();
      try (HeapPeak heap = new HeapPeak()) {
        long gcBefore = gcMillis();
        long start = System.currentTimeMillis();
        instance = runProcess(file);
        processGc = gcMillis() - gcBefore;
        HistoricProcessInstance done = engine.getHistoryService().createHistoricProcessInstanceQuery()
            .processInstanceId(instance).singleResult();
        processMillis = done.getEndTime().getTime() - start;
        heapPools = heap.poolPeaks();
        heapSampled = heap.sampledPeak();
      }
      assertThat(engine.getHistoryService().createHistoricProcessInstanceQuery().processInstanceId(instance)
          .singleResult().getEndActivityId()).isEqualTo("TargetGroupLive");
      assertLive();
      processCalls = calls();
      processRounds.add(processMillis);

      resetSimulator();
      try (HeapPeak heap = new HeapPeak()) {
        long gcBefore = gcMillis();
        bare = loop.run(request(IDS), file);
        loopGc = gcMillis() - gcBefore;
        loopHeap = heap.sampledPeak();
      }
      assertThat(bare.saved()).isEqualTo(IDS);
      assertLive();
      loopRounds.add(bare.totalMillis());
    }
    gcPauses = new long[] {processGc, loopGc};
    new CintRecontactReport(this).write(instance, processMillis, bare, heapPools, heapSampled, loopHeap, processCalls,
        calls());
  }

  /** Collection time of every collector so far (G1: pauses, and its old-generation collections). */
  static long gcMillis() {
    return java.lang.management.ManagementFactory.getGarbageCollectorMXBeans().stream()
        .mapToLong(java.lang.management.GarbageCollectorMXBean::getCollectionTime).sum();
  }

  static String request(int ids) {
    return CintRecontactIntegrationTest.request(ids, true, "https://survey.example.com/?rsid=[%RECONTACT_RSID%]");
  }

  /** Clean RSIDs, lower case, no header: nothing for a person to review. */
  static byte[] file(int ids) {
    StringBuilder text = new StringBuilder(ids * 37);
    for (int i = 0; i < ids; i++) {
      text.append(UUID.randomUUID()).append('\n');
    }
    return text.toString().getBytes(UTF_8);
  }

  /** Product settings: the simulator's default job durations; test settings: zero. */
  void resetSimulator() {
    admin().postForEntity("/sandbox/cint/admin/reset", null, String.class);
    if (!product()) {
      HttpHeaders json = new HttpHeaders();
      json.setContentType(MediaType.APPLICATION_JSON);
      admin().postForEntity("/sandbox/cint/admin/settings", new HttpEntity<>(ZERO_DURATIONS, json), String.class);
    }
  }

  String runProcess(byte[] file) throws InterruptedException {
    MultiValueMap<String, Object> parts = new LinkedMultiValueMap<>();
    HttpHeaders json = new HttpHeaders();
    json.setContentType(MediaType.APPLICATION_JSON);
    int ids = new String(file, UTF_8).split("\n").length;
    parts.add("request", new HttpEntity<>(request(ids), json));
    parts.add("file", new ByteArrayResource(file) {
      @Override
      public String getFilename() {
        return "wave2.csv";
      }
    });
    HttpHeaders headers = new HttpHeaders();
    headers.setContentType(MediaType.MULTIPART_FORM_DATA);
    postSent = System.currentTimeMillis();
    ResponseEntity<JsonNode> started = http.withBasicAuth("demo", "demo").postForEntity("/api/cint/recontacts",
        new HttpEntity<>(parts, headers), JsonNode.class);
    postAnswered = System.currentTimeMillis();
    assertThat(started.getStatusCode()).as(String.valueOf(started.getBody())).isEqualTo(HttpStatus.CREATED);
    String instance = started.getBody().get("processInstanceId").asText();
    long deadline = System.currentTimeMillis() + 10 * 60_000;
    while (engine.getHistoryService().createHistoricProcessInstanceQuery().processInstanceId(instance).finished()
        .count() == 0) {
      if (System.currentTimeMillis() > deadline || engine.getRuntimeService().createIncidentQuery().count() > 0
          || engine.getTaskService().createTaskQuery().count() > 0) {
        throw new AssertionError("the instance did not end on its own: incidents "
            + engine.getRuntimeService().createIncidentQuery().list() + ", tasks "
            + engine.getTaskService().createTaskQuery().list());
      }
      Thread.sleep(50);
    }
    return instance;
  }

  void assertLive() {
    JsonNode group = admin().getForObject("/sandbox/cint/admin/state", JsonNode.class).get("targetGroups").get(0);
    assertThat(group.get("status").asText()).isEqualTo("live");
    assertThat(group.get("storedRespondentIds").asInt()).isEqualTo(IDS);
  }

  Map<String, Long> calls() {
    Map<String, Long> out = new TreeMap<>();
    admin().getForObject("/sandbox/cint/admin/state", JsonNode.class).get("calls").fields()
        .forEachRemaining(e -> out.put(e.getKey(), e.getValue().asLong()));
    return out;
  }
}
