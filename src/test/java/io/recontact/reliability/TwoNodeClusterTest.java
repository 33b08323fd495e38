package io.recontact.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Two engine processes on one PostgreSQL share the load: first both run it to the end (every instance once, no API
 * call twice, one instance per quota although both nodes sweep at once); then node A is killed with SIGKILL while it
 * holds a job: node B leaves that job alone while A lives, and runs it only once A's lock has expired (checked against
 * the lock's expiry in the shared job table), then finishes the work. Then two fresh nodes with a contact cap of one
 * run two quotas of two surveys over the same members at once: caps and the do-not-contact list hold across nodes.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class TwoNodeClusterTest {

  static final String HELD = "CreateDraftTargetGroup,PlanUploadBatches,StartUploadJob,StartLaunchJob,"
      + "PrepareReplacementFile,StartRemoveAllJob,FetchMemberCodes,ValidateMembers,SampleMembers,DeliverInvites";

  static EmbeddedPostgres postgres;
  static AppProcess simulator;
  static AppProcess nodeA;
  static AppProcess nodeB;
  static SimulatorAdmin simulators;
  static Path marker;
  static String databaseUrl;
  static Path armed;
  static AppProcess cappedA;
  static AppProcess cappedB;

  @BeforeAll
  static void cluster() throws Exception {
    postgres = EmbeddedPostgres.builder().start();
    simulator = CrashRun.startSimulator("cluster-simulator");
    simulators = new SimulatorAdmin(simulator.url());
    Map<String, String> database = EngineDatabase.postgres(postgres).create("cluster");
    databaseUrl = database.get("spring.datasource.url");
    Map<String, String> properties = CrashRun.engineProperties(simulator.url(), database);
    // Node B takes node A's job over only once A's lock expires: shortened from the default 5 min for a short test.
    properties.put("camunda.bpm.job-execution.lock-time-in-millis",
        String.valueOf(CrashRun.SHORT_LOCK_TIME.toMillis()));
    Path dir = Files.createTempDirectory("cluster-");
    marker = dir.resolve("nodeA.marker");
    armed = dir.resolve("nodeA.armed");
    Map<String, String> a = new LinkedHashMap<>(properties);
    // In the second load node A blocks in the first of these jobs it runs; that is when it is killed.
    a.put("recontact.test.crash.activity", HELD);
    a.put("recontact.test.crash.marker", marker.toString());
    a.put("recontact.test.crash.armed-by", armed.toString());
    // One after the other: Camunda and Flyway create the schema on the first start.
    nodeA = AppProcess.start("cluster-nodeA", AppProcess.freePort(), a);
    nodeB = AppProcess.start("cluster-nodeB", AppProcess.freePort(), properties);
  }

  @AfterAll
  static void stop() throws Exception {
    for (AppProcess app : new AppProcess[] {nodeA, nodeB, cappedA, cappedB, simulator}) {
      if (app != null) {
        app.close();
      }
    }
    if (postgres != null) {
      postgres.close();
    }
  }

  @Test
  @Order(1)
  void twoNodesRunOneLoadOnceAndTheSurvivorFinishesAfterAKill() throws Exception {
    EngineApi a = new EngineApi(nodeA.url());
    EngineApi b = new EngineApi(nodeB.url());

    // 1. Both nodes, no kill. Sweeps start on both nodes at the same moment.
    MixedLoad first = new MixedLoad(simulators, 0);
    first.prepareSimulators();
    first.start(a);
    CompletableFuture<Rest.Answer> sweepA = CompletableFuture.supplyAsync(a::sweep);
    CompletableFuture<Rest.Answer> sweepB = CompletableFuture.supplyAsync(b::sweep);
    assertThat(sweepA.join().ok() && sweepB.join().ok()).isTrue();
    assertThat(finish(first, List.of(a, b))).as("first load finished; notes " + first.notes).isTrue();
    assertThat(Invariants.check(first, b, simulators)).isEmpty();
    assertThat(repeatedCalls(first)).isEmpty();

    // 2. Node A is killed while it holds a job; node B takes the job over when A's lock expires.
    MixedLoad second = new MixedLoad(simulators, 1);
    second.prepareSimulators();
    Files.createFile(armed);
    // Started through node A: Camunda hints the starting node's job executor about the new instances' first jobs,
    // so A runs one of them at once. Started through B, B (woken by its own hints and timers) could finish the whole
    // load before A's next acquisition, and A would never hold a job (seen once the timers fired on time).
    second.start(a);
    boolean held = CrashRun.drive(second, b, () -> Files.exists(marker), Duration.ofMinutes(3));
    assertThat(held).as("node A ran one of " + HELD + "; notes " + second.notes).isTrue();
    String[] where = readMarker().split(" ");
    int before = b.finishedActivities(where[1], where[0]);
    // Node A's job, locked under its stable owner (host:port). While A lives and its lock runs, B leaves it alone.
    Lock aLock = lockOf(where[1]);
    assertThat(aLock.owner()).as("lock owner of node A's job").isEqualTo(ownerOf(nodeA));
    long heldFor = Math.max(0, Duration.between(java.time.Instant.now(), aLock.expires()).toMillis() / 2);
    AppProcess.sleep(Math.min(heldFor, CrashRun.SHORT_LOCK_TIME.toMillis() / 2));
    assertThat(b.finishedActivities(where[1], where[0])).as("node B ran " + where[0] + " that live node A holds")
        .isEqualTo(before);
    assertThat(lockOf(where[1])).as("node A's lock, untouched while A lives").isEqualTo(aLock);
    long killedAt = System.nanoTime();
    nodeA.kill();
    boolean tookOver = false;
    while (!tookOver && System.nanoTime() - killedAt < Duration.ofMinutes(2).toNanos()) {
      tookOver = b.finishedActivities(where[1], where[0]) > before;
      AppProcess.sleep(200);
    }
    assertThat(tookOver).as("node B ran the job (" + where[0] + ") node A held").isTrue();
    long takeoverSeconds = Duration.ofNanos(System.nanoTime() - killedAt).toSeconds();
    // B's run started only once A's lock had expired (one clock: both nodes run on this machine).
    List<java.time.Instant> starts = b.finishedActivityStarts(where[1], where[0]);
    java.time.Instant takenAt = starts.get(starts.size() - 1);
    assertThat(takenAt).as("node B started " + where[0] + " after node A's lock expired").isAfterOrEqualTo(
        aLock.expires().truncatedTo(java.time.temporal.ChronoUnit.MILLIS));
    System.out.println("Takeover of node A's job " + where[0] + " by node B: " + takeoverSeconds + " s after the kill, "
        + Duration.between(aLock.expires(), takenAt).toMillis() + " ms after A's lock expired (lock time "
        + CrashRun.SHORT_LOCK_TIME.toSeconds() + " s)");
    assertThat(finish(second, List.of(b))).as("second load finished on node B; notes " + second.notes).isTrue();
    assertThat(Invariants.check(second, b, simulators)).isEmpty();
  }

  /**
   * A cap of one contact per member would break the loads above (their two quotas list the same members), so these
   * nodes are new, on a database of their own, with the cap; the first pair is stopped first (its sweep would share
   * the simulators).
   */
  @Test
  @Order(2)
  void capsAndSuppressionsHoldWithTwoQuotasOfTwoSurveysOnTwoNodes() throws Exception {
    nodeA.close();
    nodeB.close();
    Map<String, String> database = EngineDatabase.postgres(postgres).create("cluster_caps");
    Map<String, String> properties = CrashRun.engineProperties(simulator.url(), database);
    properties.put("recontact.governance.caps.max-contacts", "1");
    properties.put("recontact.governance.caps.window", "30d");
    cappedA = AppProcess.start("cluster-capped-nodeA", AppProcess.freePort(), named(properties, "capped-nodeA"));
    cappedB = AppProcess.start("cluster-capped-nodeB", AppProcess.freePort(), named(properties, "capped-nodeB"));
    List<EngineApi> nodes = List.of(new EngineApi(cappedA.url()), new EngineApi(cappedB.url()));

    GovernanceLoad load = new GovernanceLoad(simulators, database.get("spring.datasource.url"));
    load.prepareSimulators();
    load.suppressOne(nodes.get(0));
    CompletableFuture<Rest.Answer> sweepA = CompletableFuture.supplyAsync(nodes.get(0)::sweep);
    CompletableFuture<Rest.Answer> sweepB = CompletableFuture.supplyAsync(nodes.get(1)::sweep);
    assertThat(sweepA.join().ok() && sweepB.join().ok()).isTrue();
    long deadline = System.nanoTime() + Duration.ofMinutes(3).toNanos();
    boolean decided = false;
    boolean settled = false;
    while (!settled && System.nanoTime() < deadline) {
      AppProcess.sleep(300);
      decided = decided || load.decideTogether(nodes);
      settled = decided && load.settled(nodes.get(1));
    }
    assertThat(settled).as("both quotas reviewed and fed; notes " + load.notes).isTrue();
    assertThat(load.check(nodes)).isEmpty();
    System.out.println("Jobs of the two capped quotas per node: " + load.jobsByNode());
  }

  /** The engine's host name, which Camunda's job log records for each job it ran. */
  private static Map<String, String> named(Map<String, String> properties, String host) {
    Map<String, String> named = new LinkedHashMap<>(properties);
    named.put("camunda.bpm.generic-properties.properties.hostname", host);
    return named;
  }

  private static boolean finish(MixedLoad load, List<EngineApi> nodes) {
    long deadline = System.nanoTime() + Duration.ofMinutes(4).toNanos();
    int turn = 0;
    while (System.nanoTime() < deadline) {
      try {
        if (load.step(nodes.get(turn++ % nodes.size()))) {
          return true;
        }
      } catch (RuntimeException e) {
        load.notes.add("step: " + e.getMessage());
      }
      AppProcess.sleep(300);
    }
    return false;
  }

  /** Calls with a side effect at the marketplace, each expected exactly once for this load. */
  private static List<String> repeatedCalls(MixedLoad load) {
    JsonNode cint = simulators.cintState().path("calls");
    Map<String, Integer> expected = Map.of("create_target_group", 2,
        "recontact_create_upload_respondents_by_file_job", 6, "create_launch_fielding_run_from_draft_job", 1,
        "create_all_recontact_rsids_removal_job", 1, "update_target_group", 1);
    List<String> repeated = new java.util.ArrayList<>();
    expected.forEach((operation, count) -> {
      if (cint.path(operation).asInt() != count) {
        repeated.add(operation + " called " + cint.path(operation).asInt() + " times, " + count + " expected");
      }
    });
    JsonNode toluna = simulators.tolunaState();
    Set<String> invited = new HashSet<>();
    toluna.path("invites").forEach(i -> invited.add(i.path("quotaId").asText() + "/" + i.path("memberCode").asText()));
    if (invited.size() != toluna.path("invites").size()
        || toluna.path("calls").path("GenerateInvite").asInt() != invited.size()) {
      repeated.add("GenerateInvite called " + toluna.path("calls").path("GenerateInvite").asInt() + " times for "
          + invited.size() + " members");
    }
    if (simulators.partnerMessages().path("duplicates").asInt() != 0) {
      repeated.add("webhook invites sent twice: " + simulators.partnerMessages().path("duplicates").asInt());
    }
    return repeated;
  }

  record Lock(String owner, java.time.Instant expires) {
  }

  /** The lock on the instance's locked job, read from the shared database. */
  private static Lock lockOf(String instanceId) {
    try (java.sql.Connection connection = java.sql.DriverManager.getConnection(databaseUrl, "postgres", "postgres");
        java.sql.PreparedStatement query = connection.prepareStatement("select LOCK_OWNER_, LOCK_EXP_TIME_ from "
            + "ACT_RU_JOB where PROCESS_INSTANCE_ID_ = ? and LOCK_OWNER_ is not null")) {
      query.setString(1, instanceId);
      try (java.sql.ResultSet row = query.executeQuery()) {
        assertThat(row.next()).as("a locked job of instance " + instanceId).isTrue();
        return new Lock(row.getString(1), row.getTimestamp(2).toInstant());
      }
    } catch (java.sql.SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The default lock owner of a node: this machine's host name and the node's port (io.recontact.engine). */
  private static String ownerOf(AppProcess node) {
    return io.recontact.engine.NodeLockOwner.localHostName() + ":" + node.port;
  }

  private static String readMarker() {
    try {
      return Files.readString(marker);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
