package io.recontact.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * SIGTERM, as Ctrl-C on {@code ./mvnw spring-boot:run} or a container stop sends it, while a job waits for a Cint
 * answer: the engine lets the job finish (graceful shutdown waits for running jobs up to
 * {@code spring.lifecycle.timeout-per-shutdown-phase}), flushes its metrics and closes, and only then does H2 close.
 * The log has no error, H2's trace file no "Database is already closed", the job committed once, no further job
 * started and none is left locked, and after a restart on the same H2 file the flow goes on at once and the job
 * counter of docs/metrics.md has not gone down.
 */
class GracefulStopTest {

  static final String HELD = "CreateDraftTargetGroup";
  static final String OPERATION = "create_target_group";
  /** How long the simulator holds the Cint call: the SIGTERM arrives while it does. */
  static final long DELAY_MILLIS = 5000;
  static final String SUCCEEDED = "recontact_camunda_jobs_succeeded_total";
  static final Pattern TROUBLE = Pattern.compile(
      "\\bERROR\\b|ENGINE-18001|destroy method|Database is already closed|DB_CLOSE_ON_EXIT|still running after timeout");

  @Test
  void sigtermDuringAJobEndsCleanlyAndLosesNothing() throws Exception {
    Map<String, String> database = EngineDatabase.h2().create("graceful");
    Path h2 = Path.of(database.get("RECONTACT_H2_FILE"));
    Path marker = Files.createTempDirectory("graceful-").resolve("held.marker");
    int simulatorPort = AppProcess.freePort();
    String simulatorUrl = "http://localhost:" + simulatorPort;
    Map<String, String> properties = CrashRun.engineProperties(simulatorUrl, database);
    // The job lock is the product's (5 min): a job left locked by the stop would not run again within this test.
    properties.remove("camunda.bpm.job-execution.lock-time-in-millis");
    Map<String, String> first = new LinkedHashMap<>(properties);
    first.put("recontact.test.crash.activity", HELD);
    first.put("recontact.test.crash.when", "during");
    first.put("recontact.test.crash.marker", marker.toString());
    first.put("recontact.test.crash.fault-url", simulatorUrl + "/sandbox/cint/admin/faults");
    first.put("recontact.test.crash.fault-body", "{\"operation\": \"" + OPERATION + "\", \"delayMillis\": "
        + DELAY_MILLIS + ", \"count\": 1}");
    // Both JVMs start at once: the engine needs the simulator only once a job runs.
    CompletableFuture<AppProcess> simulatorStart = CompletableFuture.supplyAsync(() -> AppProcess.start(
        fresh("graceful-simulator"), simulatorPort, Map.of("spring.profiles.active", "simulator")));
    AppProcess engine = AppProcess.start(fresh("graceful-1"), AppProcess.freePort(), first);
    try (AppProcess simulator = simulatorStart.join()) {
      SimulatorAdmin simulators = new SimulatorAdmin(simulator.url());
      simulators.resetAll();
      EngineApi api = new EngineApi(engine.url());
      JsonNode started = api.startRecontact(MixedLoad.request(5, false), ids(5));
      String instance = started.path("processInstanceId").asText();

      long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
      while (!(Files.exists(marker) && simulators.cintState().path("calls").path(OPERATION).asInt() == 1
          && !simulators.cintState().path("faults").has(OPERATION)) && System.nanoTime() < deadline) {
        AppProcess.sleep(100);
      }
      assertThat(Files.exists(marker)).as(HELD + " ran; see " + engine.log()).isTrue();
      double before = api.metric(SUCCEEDED);
      assertThat(before).as(SUCCEEDED + " in the scrape").isNotNaN();

      // The call is held at the simulator now: SIGTERM.
      long stopping = System.nanoTime();
      int exit = engine.stop(Duration.ofSeconds(60));
      long stopSeconds = Duration.ofNanos(System.nanoTime() - stopping).toSeconds();
      System.out.println("SIGTERM during " + HELD + ": exit " + exit + " after " + stopSeconds + " s");
      assertThat(exit).as("the JVM ran its shutdown hooks and exited on SIGTERM (128 + 15); see " + engine.log())
          .isEqualTo(143);
      assertThat(trouble(engine.log())).as("error lines in " + engine.log()).isEmpty();
      Path trace = h2.resolveSibling(h2.getFileName() + ".trace.db");
      assertThat(Files.exists(trace) ? Files.readString(trace) : "").as(trace.toString())
          .doesNotContain("Database is already closed");

      // What the stopped engine left in its database: the held job committed, its success counted and stored.
      assertThat(finished(h2, instance, HELD)).as(HELD + " finished once before the engine stopped").isEqualTo(1);
      assertThat(storedMetric(h2, "job-successful")).as("job-successful stored at shutdown (the scrape said "
          + before + " before the held job ended)").isGreaterThanOrEqualTo((long) before + 1);
      assertThat(simulators.cintState().path("calls").path(OPERATION).asInt()).as(OPERATION + " calls").isEqualTo(1);
      // The stopping engine started no further job (the next step's job was created by the held one), and left no
      // job locked: the next start runs it at once rather than after the 5 minute lock.
      assertThat(simulators.calls("get_recontacts_overview")).as("PlanUploadBatches ran while stopping").isZero();
      assertThat(single(h2, "select count(*) from ACT_RU_JOB where PROCESS_INSTANCE_ID_ = '" + instance
          + "' and LOCK_OWNER_ is not null")).as("jobs left locked").isZero();
      assertThat(single(h2, "select count(*) from ACT_RU_JOB where PROCESS_INSTANCE_ID_ = '" + instance + "'"))
          .as("the next step's job, there to run").isEqualTo(1);

      engine = AppProcess.start(fresh("graceful-2"), AppProcess.freePort(), properties);
      api = new EngineApi(engine.url());
      assertThat(api.metric(SUCCEEDED)).as(SUCCEEDED + " after the restart").isGreaterThanOrEqualTo(before + 1);
      // The flow goes on from the committed step: the next Cint call comes, the draft is not created again.
      deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
      while (simulators.calls("get_recontacts_overview") == 0 && System.nanoTime() < deadline) {
        AppProcess.sleep(200);
      }
      assertThat(simulators.calls("get_recontacts_overview")).as("PlanUploadBatches ran after the restart")
          .isPositive();
      assertThat(simulators.calls(OPERATION)).as("draft target groups created").isEqualTo(1);
      assertThat(api.finishedActivities(instance, HELD)).isEqualTo(1);
      assertThat(api.incidents()).isEmpty();
    } finally {
      engine.close();
    }
  }

  /** A log name not used before in this target directory (logs are appended to). */
  private static String fresh(String name) {
    try {
      Files.deleteIfExists(AppProcess.LOGS.resolve(name + ".log"));
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
    return name;
  }

  private static String ids(int count) {
    StringBuilder file = new StringBuilder();
    for (int i = 0; i < count; i++) {
      file.append(UUID.randomUUID().toString().toLowerCase(Locale.ROOT)).append('\n');
    }
    return file.toString();
  }

  /** Log lines at ERROR, and the lines of an unclean stop whatever their level. */
  static List<String> trouble(Path log) throws IOException {
    List<String> lines = new ArrayList<>();
    for (String line : Files.readAllLines(log)) {
      if (TROUBLE.matcher(line).find()) {
        lines.add(line);
      }
    }
    return lines;
  }

  private static Connection h2(Path file) throws SQLException {
    return DriverManager.getConnection("jdbc:h2:file:" + file + ";AUTO_SERVER=FALSE", "sa", "");
  }

  private static long finished(Path file, String instance, String activity) throws SQLException {
    return single(file, "select count(*) from ACT_HI_ACTINST where PROC_INST_ID_ = '" + instance
        + "' and ACT_ID_ = '" + activity + "' and END_TIME_ is not null");
  }

  private static long storedMetric(Path file, String name) throws SQLException {
    return single(file, "select coalesce(sum(VALUE_), 0) from ACT_RU_METER_LOG where NAME_ = '" + name + "'");
  }

  private static long single(Path file, String sql) throws SQLException {
    try (Connection connection = h2(file); Statement statement = connection.createStatement();
        ResultSet rows = statement.executeQuery(sql)) {
      rows.next();
      return rows.getLong(1);
    }
  }
}
