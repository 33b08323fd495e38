package io.recontact.reliability;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;

/**
 * One kill point, one database: start an engine on a fresh database against the running simulators, run the mixed
 * load until the kill point is reached, SIGKILL the engine, start the same node again (same database, same port, so
 * the same job lock owner) with the default job lock time, measure how soon the killed job runs again, let the load
 * finish, check the invariants.
 */
final class CrashRun {

  /**
   * A shortened job lock, for tests where another node takes over a dead node's job (it waits for the lock to expire);
   * the restart of the same node here runs with the default (application.yaml, 5 min).
   */
  static final Duration SHORT_LOCK_TIME = Duration.ofSeconds(10);
  /** Issue 20's goal: after a restart of the killed node its work resumes within this, with the default settings. */
  static final Duration RESUME_GOAL = Duration.ofSeconds(30);
  static final long DELAY_MILLIS = 4000;
  private static final Duration TO_KILL = Duration.ofMinutes(3);
  private static final Duration TO_FINISH = Duration.ofMinutes(4);
  private static final AtomicInteger RUNS = new AtomicInteger();

  /**
   * {@code resumeSeconds}: from the restarted node being up to the start of the first activity of the killed job's
   * instance after the kill (null: a timer point, whose job is not due at once; -1: none started);
   * {@code launchSeconds}: the same from the restart's launch, the node's start-up included.
   */
  record Result(KillPoint point, String database, String outcome, List<String> problems, long seconds,
      Double resumeSeconds, Double launchSeconds) {
    boolean ok() {
      return outcome.equals("OK");
    }
  }

  private final AppProcess simulator;
  private final SimulatorAdmin simulators;

  CrashRun(AppProcess simulator) {
    this.simulator = simulator;
    this.simulators = new SimulatorAdmin(simulator.url());
  }

  /** The simulators as their own process (profile simulator) with the harness's short Cint job times. */
  static AppProcess startSimulator(String name) {
    Map<String, String> properties = new LinkedHashMap<>();
    properties.put("spring.profiles.active", "simulator");
    return AppProcess.start(name, AppProcess.freePort(), properties);
  }

  /** An engine's properties: the external simulators, short timers and polling; the default job lock time. */
  static Map<String, String> engineProperties(String simulatorUrl, Map<String, String> database) {
    Map<String, String> p = new LinkedHashMap<>(database);
    p.put("recontact.cint.base-url", simulatorUrl + "/sandbox/cint/v1");
    p.put("recontact.cint.token-url", simulatorUrl + "/sandbox/cint/oauth/token");
    p.put("recontact.toluna.base-url", simulatorUrl + "/sandbox/toluna");
    p.put("recontact.toluna.member-base-url", simulatorUrl + "/sandbox/toluna");
    p.put("recontact.toluna.delivery.webhook.url", simulatorUrl + "/sandbox/partner/messages");
    p.put("recontact.sandbox.smtp.port", "0");
    p.put("recontact.cint.upload.max-ids-per-file", String.valueOf(MixedLoad.IDS_PER_FILE));
    p.put("recontact.cint.read-timeout", "15s");
    p.put("recontact.toluna.read-timeout", "15s");
    p.put("recontact.polling.initial-interval", "1s");
    p.put("recontact.polling.factor", "1.5");
    p.put("recontact.polling.max-interval", "2s");
    p.put("recontact.polling.deadline", "10m");
    p.put("recontact.polling.conflict-wait", "1s");
    // The loads reset the simulators between runs, which deletes the target groups a fielding follow-up would go on
    // reading (404, an incident); following is proved by its own tests (cint.followfielding).
    p.put("recontact.cint.fielding.follow", "false");
    p.put("recontact.toluna.sweep.interval", "24h");
    p.put("recontact.toluna.refresh-interval", "1h");
    p.put("recontact.toluna.invite.max-per-second", "0");
    p.put("recontact.toluna.delivery.backoff", "2s");
    // Settlement: started by the load once its completions are in; every credit is due at once.
    p.put("recontact.toluna.incentives.settlement-cycle", "24h");
    p.put("recontact.toluna.incentives.hold-period", "0s");
    p.put("recontact.toluna.incentives.payout.url", simulatorUrl + "/sandbox/partner/payouts");
    p.put("recontact.toluna.incentives.payout.backoff", "2s");
    p.put("camunda.bpm.job-execution.wait-time-in-millis", "200");
    p.put("camunda.bpm.job-execution.max-wait", "1000");
    p.put("logging.level.org.camunda", "WARN");
    return p;
  }

  Result run(KillPoint point, EngineDatabase database) {
    long started = System.nanoTime();
    String run = "crash" + RUNS.incrementAndGet() + "_" + point.activity() + "_" + point.when();
    MixedLoad load = new MixedLoad(simulators);
    load.prepareSimulators();
    Map<String, String> properties = engineProperties(simulator.url(), database.create(run));
    Path marker = marker(run);
    Map<String, String> first = new LinkedHashMap<>(properties);
    if (point.when() != KillPoint.When.TIMER) {
      first.put("recontact.test.crash.activity", point.activity());
      first.put("recontact.test.crash.when", point.when() == KillPoint.When.AFTER ? "after" : "before");
      first.put("recontact.test.crash.marker", marker.toString());
      if (point.when() == KillPoint.When.DURING) {
        first.put("recontact.test.crash.fault-url", simulator.url() + (point.partner()
            ? "/sandbox/partner/payouts/faults" : point.cint() ? "/sandbox/cint/admin/faults"
            : "/sandbox/toluna/admin/faults"));
        first.put("recontact.test.crash.fault-body", point.partner()
            ? "{\"delayMillis\": " + DELAY_MILLIS + ", \"count\": 1}" : point.cint()
            ? "{\"operation\": \"" + point.operation() + "\", \"delayMillis\": " + DELAY_MILLIS + ", \"count\": 1}"
            : "{\"route\": \"" + point.operation() + "\", \"status\": 200, \"delayMillis\": " + DELAY_MILLIS
                + ", \"count\": 1}");
      }
    }
    String outcome;
    List<String> problems = List.of();
    String[] where = null;
    Double resumeSeconds = null;
    Double launchSeconds = null;
    AppProcess engine = AppProcess.start(run + "-1", AppProcess.freePort(), first);
    try {
      EngineApi api = new EngineApi(engine.url());
      load.start(api);
      final EngineApi firstApi = api;
      boolean reached = drive(load, api, () -> reached(point, firstApi, marker), TO_KILL);
      // The killed job's instance: "activity instance businessKey" from the hook's marker (none at a timer point).
      where = reached && Files.exists(marker) ? readMarker(marker).split(" ") : null;
      engine.kill();
      Instant killedAt = Instant.now();
      if (!reached) {
        return new Result(point, database.name(), "NOT REACHED", load.notes, seconds(started), null,
            null);
      }
      // The same node again: its port, and so its default lock owner (host:port), is the killed process's.
      Instant launched = Instant.now();
      engine = AppProcess.start(run + "-2", engine.port, properties);
      Instant up = Instant.now();
      api = new EngineApi(engine.url());
      boolean finished = !drive(load, api, () -> false, TO_FINISH) && load.done;
      resumeSeconds = where == null ? null : resumed(api, where[1], killedAt, up);
      launchSeconds = where == null ? null : resumed(api, where[1], killedAt, launched);
      problems = Invariants.check(load, api, simulators);
      boolean late = resumeSeconds != null && (resumeSeconds < 0 || resumeSeconds > RESUME_GOAL.toSeconds());
      outcome = !finished ? "NOT FINISHED" : !problems.isEmpty() ? "BROKEN" : late ? "LATE" : "OK";
      if (late) {
        problems = new java.util.ArrayList<>(problems);
        problems.add(where[0] + " ran again " + resumeSeconds + " s after the restart, goal " + RESUME_GOAL.toSeconds()
            + " s");
      }
      if (!finished || !problems.isEmpty()) {
        problems = new java.util.ArrayList<>(problems);
        problems.addAll(load.notes);
      }
    } finally {
      engine.close();
    }
    return new Result(point, database.name(), outcome, problems, seconds(started), resumeSeconds,
        launchSeconds);
  }

  /** Steps the load until it is done (false) or {@code stop} holds (true); the deadline also ends it (false). */
  static boolean drive(MixedLoad load, EngineApi api, BooleanSupplier stop, Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < deadline) {
      if (stop.getAsBoolean()) {
        return true;
      }
      try {
        if (load.step(api)) {
          load.done = true;
          return false;
        }
      } catch (RuntimeException e) {
        load.notes.add("step: " + e.getMessage());
      }
      AppProcess.sleep(300);
    }
    return false;
  }

  private boolean reached(KillPoint point, EngineApi api, Path marker) {
    return switch (point.when()) {
      case BEFORE, AFTER -> Files.exists(marker);
      case DURING -> Files.exists(marker) && callArrived(point);
      case TIMER -> !api.jobs("?activityId=" + point.activity()).isEmpty();
    };
  }

  /** The delayed call is at the simulator once the fault installed by the hook is used up. */
  private boolean callArrived(KillPoint point) {
    long deadline = System.nanoTime() + Duration.ofSeconds(3).toNanos();
    while (System.nanoTime() < deadline) {
      boolean arrived = point.partner() ? simulators.payouts().path("delaysPending").asInt() == 0
          : !(point.cint() ? simulators.cintState() : simulators.tolunaState()).path("faults").has(point.operation());
      if (arrived) {
        AppProcess.sleep(500);
        return true;
      }
      AppProcess.sleep(100);
    }
    return false;
  }

  /**
   * From the restarted node being up to the first activity of the killed job's instance that started after the kill:
   * the killed job run again, or, when its transaction had just committed before the kill, the instance's next step
   * (only the restarted node can have started it). 0 when it started while the node was coming up; -1: never.
   */
  private static double resumed(EngineApi api, String instanceId, Instant killedAt, Instant up) {
    Instant first = api.firstActivityStartedAfter(instanceId, killedAt);
    if (first == null) {
      // "during": the hook's instance may have finished before the kill while another instance's call was the one
      // delayed (several quotas call at once). Then the node's first activity after the kill; a killed job whose lock
      // was not released would still miss TO_FINISH (shorter than the default lock time).
      first = api.firstActivityStartedAfter(null, killedAt);
    }
    return first == null ? -1 : Math.max(0, Duration.between(up, first).toMillis()) / 1000.0;
  }

  private static String readMarker(Path marker) {
    try {
      return Files.readString(marker);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static Path marker(String run) {
    try {
      return Files.createTempDirectory("crash-marker-").resolve(run + ".marker");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static long seconds(long startedNanos) {
    return Duration.ofNanos(System.nanoTime() - startedNanos).toSeconds();
  }
}
