package io.recontact.toluna.quotasweep;

import static org.assertj.core.api.Assertions.assertThat;

import io.recontact.toluna.client.TolunaProperties;
import io.recontact.toluna.recontactquota.QuotaFlowSettings;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.test.Deployment;
import org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests;
import org.camunda.bpm.engine.test.mock.Mocks;
import org.camunda.community.process_test_coverage.junit5.platform7.ProcessEngineCoverageExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Every path of {@code bpmn/toluna-quota-sweep.bpmn}: timer and request starts, claimed and skipped panels. */
@Deployment(resources = "bpmn/toluna-quota-sweep.bpmn")
class TolunaQuotaSweepProcessTest {

  static final String PANEL_A = "5B1E3C2A-7D4F-4E8B-9A61-2C3D4E5F6A01";
  static final String PANEL_B = "5b1e3c2a-7d4f-4e8b-9a61-2c3d4e5f6a02";

  @RegisterExtension
  static ProcessEngineCoverageExtension engine = ProcessEngineCoverageExtension.builder("camunda-unit.cfg.xml")
      .assertClassCoverageAtLeast(1.0).build();

  ProcessEngine processEngine;
  static Set<String> busyPanels = Set.of();
  static final List<String> fetched = new ArrayList<>();
  static final List<String> woken = new ArrayList<>();

  /** The timer start event reads its cycle when the diagram is deployed, before each test's own set-up. */
  @BeforeAll
  static void beansForDeployment() {
    register();
  }

  @BeforeEach
  void scripts() {
    BpmnAwareTests.init(processEngine);
    register();
    fetched.clear();
    woken.clear();
    busyPanels = Set.of();
  }

  static void register() {
    Mocks.register("quotaFlow", new QuotaFlowSettings(null, new TolunaProperties(null, null, "k",
        List.of(PANEL_A, PANEL_B), Duration.ofSeconds(1), Duration.ofSeconds(1), 100, Duration.ofSeconds(1))) {
      @Override
      public String sweepCycle() {
        return "R/PT1M";
      }
    });
    Mocks.register("sweepStart", new SweepStart());
    Mocks.register("claimPanel", (JavaDelegate) ex -> {
      SweepVariables vars = new SweepVariables(ex);
      boolean busy = busyPanels.contains(vars.panelGuid());
      vars.claimed(!busy);
      if (busy) {
        vars.outcome(SweepVariables.PanelOutcome.SKIPPED);
        vars.summary("skipped: sweep x of this panel has not finished");
      }
    });
    Mocks.register("fetchQuotaInventory", (JavaDelegate) ex -> {
      SweepVariables vars = new SweepVariables(ex);
      fetched.add(vars.panelGuid());
      vars.toWake(List.of(4100001L, 4100002L));
      vars.figures(5, 3, 1);
      vars.outcome(SweepVariables.PanelOutcome.SWEPT);
      vars.summary("5 quotas offered, 3 new, changed or gone, 1 instances started, 2 to wake");
    });
    Mocks.register("wakeQuotaInstances", (JavaDelegate) ex -> woken.add(new SweepVariables(ex).panelGuid()));
  }

  @AfterEach
  void clear() {
    Mocks.reset();
  }

  void runJobs(String processInstanceId) {
    for (int i = 0; i < 20; i++) {
      List<Job> jobs = processEngine.getManagementService().createJobQuery().processInstanceId(processInstanceId)
          .list();
      if (jobs.isEmpty()) {
        return;
      }
      processEngine.getManagementService().executeJob(jobs.get(0).getId());
    }
  }

  @Test
  void aRequestedSweepFetchesEveryPanelOnce() {
    ProcessInstance sweep = processEngine.getRuntimeService().startProcessInstanceByKey("tolunaQuotaSweep");
    runJobs(sweep.getId());
    BpmnAwareTests.assertThat(sweep).isEnded().hasPassed("SweepDue", "FetchQuotaInventory",
        "WakeQuotaInstances", "SweepDone");
    assertThat(fetched).containsExactlyInAnyOrder(PANEL_A, PANEL_B.toUpperCase());
    assertThat(woken).containsExactlyInAnyOrder(PANEL_A, PANEL_B.toUpperCase());

    // The ended sweep as GET /api/toluna/sweeps/{id} shows it, from what each panel's scope left in history.
    SweepRunView.SweepRun run = new SweepRuns(processEngine.getHistoryService()).one(sweep.getId()).orElseThrow();
    assertThat(run.outcome()).isEqualTo("COMPLETED");
    assertThat(run.endedAt()).isNotNull();
    assertThat(run.panelsSwept()).isEqualTo(2);
    assertThat(run.instancesStarted()).isEqualTo(2);
    assertThat(run.quotasWoken()).isEqualTo(4);
    assertThat(run.panels()).extracting(SweepRunView.PanelRun::panelGuid)
        .containsExactly(PANEL_A, PANEL_B.toUpperCase());
    assertThat(run.panels().get(0)).isEqualTo(new SweepRunView.PanelRun(PANEL_A, "SWEPT", 5, 3, 1, 2,
        "5 quotas offered, 3 new, changed or gone, 1 instances started, 2 to wake"));
  }

  @Test
  void aSweepStillRunningShowsItsPanelsNotSweptYet() {
    ProcessInstance sweep = processEngine.getRuntimeService().startProcessInstanceByKey("tolunaQuotaSweep");
    SweepRuns runs = new SweepRuns(processEngine.getHistoryService());
    SweepRunView.SweepRun running = runs.recent(SweepRuns.DEFAULT_LIMIT).get(0);
    assertThat(running.processInstanceId()).isEqualTo(sweep.getId());
    assertThat(running.outcome()).isEqualTo("RUNNING");
    assertThat(running.endedAt()).isNull();
    assertThat(running.panels()).extracting(SweepRunView.PanelRun::outcome).containsExactly("NOT_SWEPT",
        "NOT_SWEPT");
    assertThat(runs.one("no-such-sweep")).isEmpty();
    runJobs(sweep.getId());
    assertThat(runs.recent(1)).singleElement().extracting(SweepRunView.SweepRun::outcome).isEqualTo("COMPLETED");
  }

  @Test
  void theTimerStartsASweepThatSkipsAPanelAnEarlierSweepStillHolds() {
    busyPanels = Set.of(PANEL_A);
    Job timer = processEngine.getManagementService().createJobQuery().timers().activityId("SweepDue").singleResult();
    assertThat(timer).as("the timer start event is scheduled when the diagram is deployed").isNotNull();
    processEngine.getManagementService().executeJob(timer.getId());
    ProcessInstance sweep = processEngine.getRuntimeService().createProcessInstanceQuery()
        .processDefinitionKey("tolunaQuotaSweep").singleResult();
    runJobs(sweep.getId());
    BpmnAwareTests.assertThat(sweep).isEnded().hasPassed("SweepDue", "PanelClaimed", "SweepDone");
    assertThat(fetched).containsExactly(PANEL_B.toUpperCase());
    SweepRunView.SweepRun run = new SweepRuns(processEngine.getHistoryService()).one(sweep.getId()).orElseThrow();
    assertThat(run.panels()).extracting(SweepRunView.PanelRun::outcome).containsExactly("SKIPPED", "SWEPT");
    assertThat(run.panelsSkipped()).isEqualTo(1);
    assertThat(run.panels().get(0).summary()).startsWith("skipped: sweep");
    assertThat(processEngine.getManagementService().createJobQuery().timers().activityId("SweepDue").count())
        .as("the cycle schedules the next sweep").isEqualTo(1);
  }

  @Test
  void aStartWithVariablesIsRefusedAndLeavesNoInstance() {
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> processEngine.getRuntimeService()
            .startProcessInstanceByKey("tolunaQuotaSweep", Map.of("panelGuid", PANEL_A)))
        .hasMessageContaining("tolunaQuotaSweep was not started: takes no variables")
        .hasMessageContaining("remove [panelGuid]");
    assertThat(processEngine.getRuntimeService().createProcessInstanceQuery().processDefinitionKey("tolunaQuotaSweep")
        .count()).isZero();
  }
}
