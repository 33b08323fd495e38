package io.recontact.cint.recontact;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.recontact.cint.client.CintClient;
import io.recontact.cint.client.CintJobRates;
import io.recontact.cint.client.CintModel.EntityType;
import io.recontact.cint.client.CintModel.JobStatus;
import io.recontact.cint.client.TargetGroupRef;
import io.recontact.cint.respondentfile.UploadChunks;
import io.recontact.engine.JobPolling;
import io.recontact.engine.PollingGoals;
import io.recontact.engine.PollingProperties;
import java.lang.reflect.RecordComponent;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.history.HistoricActivityInstance;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.core.io.ByteArrayResource;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;

/**
 * Figures, not timing assertions. First the schedule's goals by arithmetic ({@link PollingGoals}, product defaults,
 * uploads and removals of 10 to 100,000 IDs): a job ending in its first minute seen within 30 s, at its quoted time
 * within 10 %, at half of it within 30 %, at most 15 checks; and the checks per minute of 500 recontacts started at
 * once. Then measured through the flows: upload and removal jobs of 1,000 to 100,000 IDs in four phases, the
 * simulator's durations scaled down by {@link #FACTOR}: done at once (as a job Cint fails at once), done at half the
 * quoted time, at the quoted time, and drawn across Cint's quoted range (uploads 10-15 min, removals 3-5 min per
 * 10,000 IDs), run through the cintRecontact (no launch) and cintRemoveRecontacts flows at the same time. Per job:
 * duration, checks, detection lag (completion seen minus completion) against its goal, the lag split into the
 * schedule's part and the pick-up and call. Every polling default, Cint's rates and the job executor's 5 s pause are
 * divided by the same factor, as they would be configured for a marketplace that fast; the engine's own fixed costs
 * (pick-up, call, commit, a large file's contact history) are not, so they weigh {@link #DIVISOR} times more against
 * the goals than at Cint's real rates. Excluded from the default build; see docs/benchmarks-cint.md. Writes
 * target/benchmark/cint-polling.txt.
 */
@Tag("benchmark")
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
    "recontact.cint.upload.max-ids-per-file=100000"})
@ActiveProfiles("test")
class CintPollingBenchmark {

  /** Real time divided by this: 30 makes a 100,000-ID upload of 100-150 minutes last 200-300 seconds. */
  public static final long DIVISOR = Long.getLong("benchmark.timeDivisor", 30);
  static final double FACTOR = 1.0 / DIVISOR;
  /** Job sizes, e.g. {@code -Dbenchmark.sizes=1000,10000} for a run at a smaller divisor. */
  static final int[] SIZES = java.util.Arrays.stream(System.getProperty("benchmark.sizes", "1000,10000,100000")
      .split(",")).mapToInt(size -> Integer.parseInt(size.trim())).sorted().toArray();
  /** The product's job executor pause: Camunda's acquisition wait and application.yaml's max-wait, 5 s each. */
  static final long PRODUCT_PAUSE_MILLIS = 5_000;

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

  final CintPollingReport report = new CintPollingReport();

  /**
   * The application configured for a marketplace this much faster: every {@code recontact.polling.*} duration of the
   * product's defaults divided (the test profile's values undone, its ratios back at the product's), Cint's quoted
   * rates divided, and the job executor's pause divided from the product's 5 s (Camunda's acquisition pause and
   * application.yaml's max-wait), so that the pick-up between a check's due time and its run is scaled as well.
   */
  @DynamicPropertySource
  static void scaled(DynamicPropertyRegistry registry) {
    SCALED.forEach((name, value) -> registry.add(name, () -> value));
  }

  /** The scaled settings, also printed in the report. */
  static final Map<String, String> SCALED = scaledSettings();

  static Map<String, String> scaledSettings() {
    Map<String, String> settings = new LinkedHashMap<>();
    PollingProperties polling = CintPollingReport.defaults("recontact.polling", PollingProperties.class);
    for (RecordComponent component : PollingProperties.class.getRecordComponents()) {
      Object value;
      try {
        value = component.getAccessor().invoke(polling);
      } catch (ReflectiveOperationException e) {
        throw new IllegalStateException(e);
      }
      String name = "recontact.polling." + component.getName().replaceAll("([A-Z])", "-$1").toLowerCase(Locale.ROOT);
      settings.put(name, value instanceof Duration d ? d.dividedBy(DIVISOR).toString() : String.valueOf(value));
    }
    CintJobRates rates = CintPollingReport.defaults("recontact.cint.job-rates", CintJobRates.class);
    settings.put("recontact.cint.job-rates.upload", rates.upload().dividedBy(DIVISOR).toString());
    settings.put("recontact.cint.job-rates.removal", rates.removal().dividedBy(DIVISOR).toString());
    settings.put("camunda.bpm.job-execution.wait-time-in-millis", String.valueOf(PRODUCT_PAUSE_MILLIS / DIVISOR));
    settings.put("camunda.bpm.job-execution.max-wait", String.valueOf(PRODUCT_PAUSE_MILLIS / DIVISOR));
    return settings;
  }

  /** How a phase's jobs end: at once, at half the quoted time, at it, or drawn across Cint's quoted range. */
  enum Phase {
    AT_ONCE(0, 0, 0, 0), HALF(30_000, 30_000, 9_000, 9_000), QUOTED(60_000, 60_000, 18_000, 18_000),
    RANGE(60_000, 90_000, 18_000, 30_000);

    /** Real microseconds per ID (10 min per 10,000 IDs = 60,000), before the time factor. */
    final long upload;
    final long uploadMax;
    final long removal;
    final long removalMax;

    Phase(long upload, long uploadMax, long removal, long removalMax) {
      this.upload = upload;
      this.uploadMax = uploadMax;
      this.removal = removal;
      this.removalMax = removalMax;
    }

    String settings() {
      return "{\"jobBaseMillis\":0,\"launchMillis\":0,\"jobPerIdMicros\":%d,\"jobPerIdMaxMicros\":%d,".formatted(
          upload / DIVISOR, uploadMax / DIVISOR) + "\"removalPerIdMicros\":%d,\"removalPerIdMaxMicros\":%d}"
          .formatted(removal / DIVISOR, removalMax / DIVISOR);
    }

    String goal() {
      return switch (this) {
        case AT_ONCE -> "<= 30 s";
        case HALF -> "<= 30 %";
        default -> "<= 10 %";
      };
    }
  }

  record Run(Phase phase, String kind, int ids, String instance, String businessKey, String targetGroupId) {
  }

  /**
   * One job: its duration, its checks, and its lag (the end of the check that saw it done minus its end). Of the lag,
   * {@code planned} is the due time of that check's timer minus the job's end, {@code schedule} what the scaled
   * schedule alone gives (its first check at or after the end, by arithmetic, as if the engine cost nothing); the
   * rest is the engine's fixed cost (pick-up, call, commit, local work before the first check), which the divisor
   * does not shrink. {@link #realEstimate}: the schedule's part at Cint's real rates plus that fixed cost.
   */
  record Measured(Run run, Duration duration, int checks, Duration lag, Duration planned, Duration schedule) {
    Duration pickUpAndCall() {
      return lag.minus(planned);
    }

    Duration fixedCost() {
      return lag.minus(schedule);
    }

    /**
     * The first check cannot come before the start's transaction committed, but at real rates that commit (for a
     * large upload, seconds of contact history) falls inside the first wait: its due time is the later of the two.
     * A later check's delay (an earlier check run late) carries over: it adds.
     */
    Duration realEstimate() {
      Duration real = schedule.multipliedBy(DIVISOR);
      if (checks == 1) {
        return (planned.compareTo(real) > 0 ? planned : real).plus(pickUpAndCall());
      }
      return real.plus(fixedCost());
    }

    double lagShare() {
      return 100.0 * lag.toMillis() / Math.max(1, duration.toMillis());
    }

    double realShare() {
      return 100.0 * realEstimate().toMillis() / Math.max(1, duration.toMillis() * DIVISOR);
    }

    /** The goals at the benchmark's scale: 30 s / divisor, or a share of the scaled duration. */
    boolean lagMet() {
      return switch (run.phase()) {
        case AT_ONCE -> lag.toMillis() * DIVISOR <= 30_000;
        case HALF -> lagShare() <= 30;
        default -> lagShare() <= 10;
      };
    }

    /** The goals for the estimate at Cint's real rates. */
    boolean realMet() {
      return checks <= 15 && switch (run.phase()) {
        case AT_ONCE -> realEstimate().toMillis() <= 30_000;
        case HALF -> realShare() <= 30;
        default -> realShare() <= 10;
      };
    }

    boolean met() {
      return lagMet() && checks <= 15;
    }
  }

  @Test
  void run() throws Exception {
    report.goals();
    report.loadAtStart = CintPollingReport.loadAverage();
    http.postForEntity("/sandbox/cint/admin/reset", null, String.class);
    settings("{\"jobBaseMillis\":0,\"jobPerIdMicros\":0,\"launchMillis\":0}");
    // Groups holding the IDs to remove, filled while jobs take no time: one per phase and size.
    Map<String, String> toEmpty = new LinkedHashMap<>();
    for (Phase phase : Phase.values()) {
      for (int ids : SIZES) {
        toEmpty.put(phase + "/" + ids, filledGroup(ids));
      }
    }
    // Largest first, each pair once the jobs before it are only waiting: the intake of a 100,000-ID file takes
    // seconds of the 2 cores, which would otherwise delay the checks of a job of 1,000 IDs lasting one second.
    List<Run> runs = new ArrayList<>();
    for (Phase phase : Phase.values()) {
      settings(phase.settings());
      for (int k = SIZES.length - 1; k >= 0; k--) {
        runs.add(startUpload(phase, SIZES[k]));
        runs.add(startRemoval(phase, SIZES[k], toEmpty.get(phase + "/" + SIZES[k])));
        awaitOnlyTimers();
      }
    }
    for (Run run : runs) {
      awaitEnd(run.instance());
    }
    JsonNode jobs = http.getForObject("/sandbox/cint/admin/state", JsonNode.class).get("jobs");
    List<Measured> measured = new ArrayList<>();
    for (Run run : runs) {
      measured.add(measure(run, jobs));
    }
    report.write(measured);
  }


  void settings(String json) {
    HttpHeaders headers = new HttpHeaders();
    headers.setContentType(MediaType.APPLICATION_JSON);
    assertThat(http.postForEntity("/sandbox/cint/admin/settings", new HttpEntity<>(json, headers), String.class)
        .getStatusCode()).isEqualTo(HttpStatus.OK);
  }

  String filledGroup(int ids) throws InterruptedException {
    RecontactRequest request = RecontactVariables.parse(CintRecontactBenchmark.request(ids)).withDefaults(null, null);
    String reference = "rco-fill-" + UUID.randomUUID();
    String id = cint.createDraftTargetGroup(request.accountId(), request.projectId(), request.toDraft(reference, ids));
    TargetGroupRef tg = new TargetGroupRef(request.accountId(), request.projectId(), id);
    List<String> rsids = new ArrayList<>();
    for (int i = 0; i < ids; i++) {
      rsids.add(UUID.randomUUID().toString());
    }
    String job = cint.createUploadJob(tg, EntityType.RSID, reference + ".csv", UploadChunks.render(rsids));
    while (cint.getUploadJob(tg, job).status() == JobStatus.PROCESSING) {
      Thread.sleep(20);
    }
    assertThat(cint.savedRespondentIdsCount(tg)).isEqualTo(ids);
    return id;
  }

  Run startUpload(Phase phase, int ids) {
    String request = CintRecontactBenchmark.request(ids).replace("\"launch\": true", "\"launch\": false");
    MultiValueMap<String, Object> parts = new LinkedMultiValueMap<>();
    HttpHeaders json = new HttpHeaders();
    json.setContentType(MediaType.APPLICATION_JSON);
    parts.add("request", new HttpEntity<>(request, json));
    parts.add("file", new ByteArrayResource(CintRecontactBenchmark.file(ids)) {
      @Override
      public String getFilename() {
        return "upload-" + ids + ".csv";
      }
    });
    HttpHeaders headers = new HttpHeaders();
    headers.setContentType(MediaType.MULTIPART_FORM_DATA);
    ResponseEntity<JsonNode> started = http.withBasicAuth("demo", "demo").postForEntity("/api/cint/recontacts",
        new HttpEntity<>(parts, headers), JsonNode.class);
    assertThat(started.getStatusCode()).as(String.valueOf(started.getBody())).isEqualTo(HttpStatus.CREATED);
    return new Run(phase, "upload", ids, started.getBody().get("processInstanceId").asText(),
        started.getBody().get("businessKey").asText(), null);
  }

  Run startRemoval(Phase phase, int ids, String targetGroupId) {
    HttpHeaders json = new HttpHeaders();
    json.setContentType(MediaType.APPLICATION_JSON);
    ResponseEntity<JsonNode> started = http.withBasicAuth("demo", "demo").postForEntity(
        "/api/cint/target-groups/" + targetGroupId + "/recontacts/removal", new HttpEntity<>(
            "{\"accountId\":101,\"projectId\":\"" + CintRecontactIntegrationTest.PROJECT + "\"}", json),
        JsonNode.class);
    assertThat(started.getStatusCode()).as(String.valueOf(started.getBody())).isEqualTo(HttpStatus.CREATED);
    return new Run(phase, "removal", ids, started.getBody().get("processInstanceId").asText(), null, targetGroupId);
  }

  void awaitOnlyTimers() throws InterruptedException {
    long deadline = System.currentTimeMillis() + 60_000;
    while (engine.getManagementService().createJobQuery().executable().count() > 0
        && System.currentTimeMillis() < deadline) {
      Thread.sleep(20);
    }
  }

  void awaitEnd(String instance) throws InterruptedException {
    long deadline = System.currentTimeMillis() + Duration.ofMinutes(30).toMillis();
    while (engine.getHistoryService().createHistoricProcessInstanceQuery().processInstanceId(instance).finished()
        .count() == 0) {
      if (System.currentTimeMillis() > deadline || engine.getRuntimeService().createIncidentQuery().count() > 0
          || engine.getTaskService().createTaskQuery().count() > 0) {
        throw new AssertionError("instance " + instance + " did not end on its own: incidents "
            + engine.getRuntimeService().createIncidentQuery().list() + ", tasks "
            + engine.getTaskService().createTaskQuery().list());
      }
      Thread.sleep(200);
    }
  }

  /** The job's times from the simulator, its checks from the history of the flow that ran it. */
  Measured measure(Run run, JsonNode jobs) {
    String checkActivity;
    String checkingInstance;
    JsonNode job = null;
    if (run.kind().equals("upload")) {
      checkActivity = "CheckUploadJob";
      checkingInstance = engine.getHistoryService().createHistoricProcessInstanceQuery()
          .superProcessInstanceId(run.instance()).singleResult().getId();
      for (JsonNode j : jobs) {
        if ("UPLOAD".equals(j.get("kind").asText()) && j.path("fileName").asText().startsWith(run.businessKey())) {
          job = j;
        }
      }
      assertThat(engine.getHistoryService().createHistoricProcessInstanceQuery().processInstanceId(run.instance())
          .singleResult().getEndActivityId()).isEqualTo("TargetGroupReady");
    } else {
      checkActivity = "CheckRemoveAllJob";
      checkingInstance = run.instance();
      for (JsonNode j : jobs) {
        if ("REMOVE_ALL".equals(j.get("kind").asText()) && j.get("targetGroupId").asText().equals(run.targetGroupId())) {
          job = j;
        }
      }
      assertThat(engine.getHistoryService().createHistoricProcessInstanceQuery().processInstanceId(run.instance())
          .singleResult().getEndActivityId()).isEqualTo("RecontactsRemoved");
    }
    assertThat(job).as("the simulator's job of " + run).isNotNull();
    Instant created = Instant.parse(job.get("createdAt").asText());
    Instant completed = Instant.parse(job.get("dueAt").asText());
    List<HistoricActivityInstance> checks = engine.getHistoryService().createHistoricActivityInstanceQuery()
        .processInstanceId(checkingInstance).activityId(checkActivity).list().stream()
        .sorted(Comparator.comparing(HistoricActivityInstance::getStartTime)).toList();
    // Seen when the check that found it completed had Cint's answer: its end (an upper bound).
    HistoricActivityInstance last = checks.get(checks.size() - 1);
    Instant seen = last.getEndTime().toInstant();
    // The timer that ran that check: the latest one due before it started.
    Instant due = engine.getHistoryService().createHistoricJobLogQuery().processInstanceId(checkingInstance)
        .successLog().list().stream()
        .filter(log -> log.getJobDueDate() != null && !log.getJobDueDate().after(last.getStartTime()))
        .map(log -> log.getJobDueDate().toInstant()).max(Comparator.naturalOrder()).orElse(seen);
    Duration duration = Duration.between(created, completed);
    Duration expected = run.kind().equals("upload") ? rates.upload(run.ids()) : rates.removal(run.ids());
    // A few ms of tolerance: planned() rounds each wait down to the ms, so the check meant for E can land just before.
    Duration scheduled = PollingGoals.schedule(polling, expected, duration).stream()
        .filter(check -> check.plusMillis(5).compareTo(duration) >= 0).findFirst().orElseThrow();
    Duration scheduleLag = scheduled.compareTo(duration) > 0 ? scheduled.minus(duration) : Duration.ZERO;
    return new Measured(run, duration, checks.size(), Duration.between(completed, seen),
        Duration.between(completed, due), scheduleLag);
  }
}
