package io.recontact.toluna.incentivesettlement;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.engine.test.Deployment;
import org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests;
import org.camunda.bpm.engine.test.mock.Mocks;
import org.camunda.community.process_test_coverage.junit5.platform7.ProcessEngineCoverageExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Every path of {@code bpmn/toluna-incentive-settlement.bpmn}: timer and request starts, a skipped run, payouts that
 * wait for a retry, no review, and a review decided clawBack or writeOff (with the real review listener).
 */
@Deployment(resources = {"bpmn/toluna-incentive-settlement.bpmn", "forms/review-incentive-reversals.form"})
class TolunaIncentiveSettlementProcessTest {

  @RegisterExtension
  static ProcessEngineCoverageExtension engine = ProcessEngineCoverageExtension.builder("camunda-unit.cfg.xml")
      .assertClassCoverageAtLeast(1.0).build();

  ProcessEngine processEngine;
  static boolean busy;
  static int toReview;
  /** What each payout round leaves: counts, one per round. */
  static final Deque<Integer> payoutsLeft = new ArrayDeque<>();
  static final List<String> calls = new ArrayList<>();

  @BeforeAll
  static void beansForDeployment() {
    register();
  }

  @BeforeEach
  void scripts() {
    BpmnAwareTests.init(processEngine);
    register();
    busy = false;
    toReview = 0;
    payoutsLeft.clear();
    calls.clear();
  }

  static void register() {
    Mocks.register("incentiveSettlement", new SettlementSettings(null) {
      @Override
      public String cycle() {
        return "R/P1D";
      }
    });
    Mocks.register("settlementStart", new SettlementStart());
    Mocks.register("claimSettlement", (JavaDelegate) ex -> new SettlementVariables(ex).claimed(!busy, "earlier"));
    Mocks.register("confirmCredits", (JavaDelegate) ex -> {
      calls.add("confirm");
      new SettlementVariables(ex).settled(3, 450, toReview);
    });
    Mocks.register("payOutIncentives", (JavaDelegate) ex -> {
      int left = payoutsLeft.isEmpty() ? 0 : payoutsLeft.poll();
      calls.add("pay:" + left);
      new SettlementVariables(ex).payouts(1, left, left == 0 ? null : Instant.now().plusSeconds(30), Instant.now());
    });
    Mocks.register("clawBackReversals", (JavaDelegate) ex -> {
      calls.add("clawBack");
      new SettlementVariables(ex).decided(toReview, 0);
    });
    Mocks.register("writeOffReversals", (JavaDelegate) ex -> {
      calls.add("writeOff");
      new SettlementVariables(ex).decided(0, toReview);
    });
    Mocks.register("reversalReview", new ReversalReview(new SettlementLedger(null) {
      @Override
      java.util.List<ReversalCase> cases(String runId) {
        OffsetDateTime at = OffsetDateTime.of(2026, 12, 1, 10, 0, 0, 0, ZoneOffset.UTC);
        return List.of(new ReversalCase(11, 3900001, "inv-1", 150, "rec-1", at),
            new ReversalCase(12, 3900001, "inv-2", 250, "rec-2", at));
      }
    }));
  }

  @AfterEach
  void clear() {
    Mocks.reset();
  }

  void runJobs(String processInstanceId) {
    for (int i = 0; i < 30; i++) {
      List<Job> jobs = processEngine.getManagementService().createJobQuery().processInstanceId(processInstanceId)
          .list();
      if (jobs.isEmpty()) {
        return;
      }
      processEngine.getManagementService().executeJob(jobs.get(0).getId());
    }
  }

  ProcessInstance start() {
    return processEngine.getRuntimeService().startProcessInstanceByKey(SettlementController.PROCESS_KEY);
  }

  @Test
  void aRunConfirmsAndPaysAndWaitsForARetryOfPayoutsLeft() {
    payoutsLeft.addAll(List.of(2, 0));
    ProcessInstance run = start();
    runJobs(run.getId());
    BpmnAwareTests.assertThat(run).isEnded().hasPassed("ConfirmCredits", "PayOutCredits",
        "WaitForCreditPayoutRetry", "SettlementDone").hasNotPassed("ReviewIncentiveReversals");
    assertThat(calls).containsExactly("confirm", "pay:2", "pay:0");
    Map<String, Object> vars = history(run.getId());
    assertThat(vars).containsEntry("settlementOutcome", "SETTLED").containsEntry("settledEntries", 3)
        .containsEntry("payoutsSent", 2).containsEntry("payoutsLeft", 0).containsEntry("reversalsToReview", 0);
  }

  @Test
  void theTimerStartsARunThatIsSkippedWhileAnEarlierOneHoldsTheSettlement() {
    busy = true;
    Job timer = processEngine.getManagementService().createJobQuery().timers().activityId("SettlementDue")
        .singleResult();
    assertThat(timer).as("the timer start event is scheduled when the diagram is deployed").isNotNull();
    processEngine.getManagementService().executeJob(timer.getId());
    ProcessInstance run = processEngine.getRuntimeService().createProcessInstanceQuery()
        .processDefinitionKey(SettlementController.PROCESS_KEY).singleResult();
    runJobs(run.getId());
    BpmnAwareTests.assertThat(run).isEnded().hasPassed("SettlementSkipped").hasNotPassed("ConfirmCredits");
    assertThat(calls).isEmpty();
    assertThat(history(run.getId())).containsEntry("settlementOutcome", "SKIPPED");
  }

  @Test
  void reversalsOfPaidCreditsAreClawedBackAndTheClawBacksPaid() {
    toReview = 2;
    payoutsLeft.addAll(List.of(0, 1, 0));
    ProcessInstance run = start();
    runJobs(run.getId());
    Task task = processEngine.getTaskService().createTaskQuery().processInstanceId(run.getId()).singleResult();
    assertThat(task.getTaskDefinitionKey()).isEqualTo("ReviewIncentiveReversals");
    assertThat(task.getName()).isEqualTo("Review incentive reversals: 2 paid credits reversed by Toluna");
    assertThat(processEngine.getTaskService().getIdentityLinksForTask(task.getId()))
        .anySatisfy(l -> assertThat(l.getGroupId()).isEqualTo("recontact-approvers"));
    Map<String, Object> form = processEngine.getTaskService().getVariablesLocal(task.getId());
    assertThat(form).containsEntry("reversalCents", 400L)
        .containsEntry("reversalsUrl", SettlementController.SETTLEMENTS + "/" + run.getId());
    assertThat((String) form.get("reversalCases")).contains("entry 11: 150 cents").contains("entry 12: 250 cents")
        .doesNotContain("M-");

    assertThatThrownBy(() -> processEngine.getTaskService().complete(task.getId(),
        Map.of("reversalDecision", "refund")))
        .hasMessageContaining("reversalDecision must be one of [clawBack, writeOff], not 'refund'");
    processEngine.getTaskService().complete(task.getId(), Map.of("reversalDecision", "clawBack",
        "decisionComment", "  agreed with finance  ", "decisionCheck", "clawBack"));
    runJobs(run.getId());
    BpmnAwareTests.assertThat(run).isEnded().hasPassed("ClawBackReversals", "PayOutClawbacks",
        "WaitForClawbackPayoutRetry", "SettlementDone").hasNotPassed("WriteOffReversals");
    assertThat(calls).containsExactly("confirm", "pay:0", "clawBack", "pay:1", "pay:0");
    Map<String, Object> vars = history(run.getId());
    assertThat(vars).containsEntry("clawedBack", 2).containsEntry("decisionComment", "agreed with finance")
        .doesNotContainKey("decisionCheck");
    assertThat(processEngine.getHistoryService().createHistoricVariableInstanceQuery().processInstanceId(run.getId())
        .variableName("reversalCases").list()).as("the cases are task-local and removed on completion")
        .allSatisfy(v -> assertThat(v.getState()).isEqualTo("DELETED"));
  }

  @Test
  void reversalsOfPaidCreditsCanBeWrittenOff() {
    toReview = 2;
    ProcessInstance run = start();
    runJobs(run.getId());
    Task task = processEngine.getTaskService().createTaskQuery().processInstanceId(run.getId()).singleResult();
    processEngine.getTaskService().complete(task.getId(), Map.of("reversalDecision", "writeOff"));
    runJobs(run.getId());
    BpmnAwareTests.assertThat(run).isEnded().hasPassed("WriteOffReversals", "SettlementDone")
        .hasNotPassed("ClawBackReversals");
    assertThat(calls).containsExactly("confirm", "pay:0", "writeOff");
    assertThat(history(run.getId())).containsEntry("writtenOff", 2);
  }

  @Test
  void aStartWithVariablesIsRefusedAndLeavesNoInstance() {
    assertThatThrownBy(() -> processEngine.getRuntimeService().startProcessInstanceByKey(
        SettlementController.PROCESS_KEY, Map.of("holdPeriod", "P1D")))
        .hasMessageContaining("tolunaIncentiveSettlement was not started: takes no variables");
    assertThat(processEngine.getRuntimeService().createProcessInstanceQuery()
        .processDefinitionKey(SettlementController.PROCESS_KEY).count()).isZero();
  }

  private Map<String, Object> history(String id) {
    Map<String, Object> vars = new java.util.HashMap<>();
    processEngine.getHistoryService().createHistoricVariableInstanceQuery().processInstanceId(id).list().stream()
        .filter(v -> v.getValue() != null).forEach(v -> vars.put(v.getName(), v.getValue()));
    return vars;
  }
}
