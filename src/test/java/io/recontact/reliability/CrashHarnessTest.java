package io.recontact.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The short crash run in {@code ./mvnw verify}: three kill points on H2 (two Cint, one Toluna; the cluster test adds a
 * kill before a job's API call), each a fresh engine killed with
 * SIGKILL and started again. The full matrix is {@link CrashMatrixTest}.
 */
class CrashHarnessTest {

  static AppProcess simulator;

  @BeforeAll
  static void startSimulator() {
    simulator = CrashRun.startSimulator("crash-short-simulator");
  }

  @AfterAll
  static void stopSimulator() {
    simulator.close();
  }

  @Test
  void killedEnginesFinishTheLoadWithEveryInvariantIntact() {
    CrashRun runs = new CrashRun(simulator);
    List<CrashRun.Result> results = new ArrayList<>();
    for (KillPoint point : List.of(KillPoint.after("CreateDraftTargetGroup"), KillPoint.during("StartLaunchJob"),
        KillPoint.after("GenerateInvites"))) {
      results.add(runs.run(point, EngineDatabase.h2()));
    }
    CrashTable.print(results);
    assertThat(results).allSatisfy(r -> assertThat(r.ok()).as(r.point() + ": " + r.outcome() + " " + r.problems())
        .isTrue());
  }
}
