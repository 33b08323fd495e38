package io.recontact.toluna.recontactquota;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.complete;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.task;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.withVariables;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import io.recontact.toluna.TolunaFlowProperties;
import io.recontact.toluna.client.TolunaProperties;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.test.Deployment;
import org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests;
import org.camunda.bpm.engine.test.mock.Mocks;
import org.camunda.community.process_test_coverage.junit5.platform7.ProcessEngineCoverageExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Every path of {@code bpmn/toluna-recontact-quota.bpmn}, with scripted step outcomes. */
@Deployment(resources = {"bpmn/toluna-recontact-quota.bpmn", "forms/review-validation-exceptions.form"})
class TolunaRecontactQuotaProcessTest {

  static final String PANEL = "5B1E3C2A-7D4F-4E8B-9A61-2C3D4E5F6A01";

  @RegisterExtension
  static ProcessEngineCoverageExtension engine = ProcessEngineCoverageExtension.builder("camunda-unit.cfg.xml")
      .assertClassCoverageAtLeast(1.0).build();

  ProcessEngine processEngine;
  final Deque<String> fetch = new ArrayDeque<>();
  final Deque<Long> pending = new ArrayDeque<>();
  final Deque<String> sampling = new ArrayDeque<>();
  final Deque<String> inviting = new ArrayDeque<>();
  final Deque<String> delivering = new ArrayDeque<>();
  final Deque<String> checks = new ArrayDeque<>();
  boolean memberSync = true;
  int syncs;
  QuotaRuns runs;

  @BeforeEach
  void scripts() {
    BpmnAwareTests.init(processEngine);
    runs = mock(QuotaRuns.class);
    when(runs.startPending(PANEL, 4100001)).thenReturn(true);
    Mocks.register("quotaStart", new QuotaStart(runs));
    Mocks.register("quotaRuns", runs);
    Mocks.register("quotaFlow", new QuotaFlowSettings(flow(), connection()) {
      @Override
      public boolean memberSyncEnabled() {
        return memberSync;
      }
    });
    Mocks.register("exceptionReview", new ExceptionReview(mock(ValidationExceptions.class)));
    Mocks.register("fetchMemberCodes", (JavaDelegate) ex -> new TolunaQuotaVariables(ex).fetchOutcome(fetch.pop()));
    Mocks.register("validateMembers", (JavaDelegate) ex -> new TolunaQuotaVariables(ex)
        .exceptionsPending(pending.pop()));
    Mocks.register("acceptValidationExceptions", (JavaDelegate) ex -> new TolunaQuotaVariables(ex)
        .exceptionsPending(0));
    Mocks.register("recheckValidationExceptions", (JavaDelegate) ex -> { });
    Mocks.register("sampleMembers", (JavaDelegate) ex -> new TolunaQuotaVariables(ex)
        .samplingOutcome(sampling.pop()));
    Mocks.register("updateMembersAtToluna", (JavaDelegate) ex -> syncs++);
    Mocks.register("generateInvites", (JavaDelegate) ex -> new TolunaQuotaVariables(ex)
        .inviteOutcome(inviting.pop()));
    Mocks.register("deliverInvites", (JavaDelegate) ex -> {
      String outcome = delivering.pop();
      new TolunaQuotaVariables(ex).deliveryOutcome(outcome, "RETRY_LATER".equals(outcome) ? "PT5S" : null);
    });
    Mocks.register("checkQuota", (JavaDelegate) ex -> new TolunaQuotaVariables(ex).quotaState(checks.pop()));
  }

  @AfterEach
  void clear() {
    Mocks.reset();
  }

  static TolunaFlowProperties flow() {
    return new TolunaFlowProperties(new TolunaFlowProperties.Sweep(Duration.ofMinutes(1)),
        new TolunaFlowProperties.Review(1), new TolunaFlowProperties.MemberSync(true, 2),
        new TolunaFlowProperties.Invite(100, 2, 0, Duration.ofDays(14)), Duration.ofMinutes(15), Duration.ofHours(1), 10, 1000);
  }

  static TolunaProperties connection() {
    return new TolunaProperties(null, null, "key", List.of(PANEL), Duration.ofSeconds(1), Duration.ofSeconds(1),
        100, Duration.ofSeconds(1));
  }

  ProcessInstance start() {
    return processEngine.getRuntimeService().startProcessInstanceByKey("tolunaRecontactQuota",
        QuotaSignals.businessKey(PANEL, 4100001), TolunaQuotaVariables.start(PANEL, 4100001, 3100001, "Wave 2"));
  }

  /** Runs the instance's jobs (timers included) until it waits at {@code activity} or has ended. */
  void runUntil(ProcessInstance instance, String activity) {
    for (int i = 0; i < 50; i++) {
      if (processEngine.getRuntimeService().createProcessInstanceQuery().processInstanceId(instance.getId())
          .count() == 0 || processEngine.getRuntimeService().getActiveActivityIds(instance.getId())
          .contains(activity)) {
        return;
      }
      List<Job> jobs = processEngine.getManagementService().createJobQuery().processInstanceId(instance.getId())
          .list();
      if (jobs.isEmpty()) {
        return;
      }
      processEngine.getManagementService().executeJob(jobs.get(0).getId());
    }
  }

  void refreshDue(ProcessInstance instance) {
    processEngine.getManagementService().executeJob(processEngine.getManagementService().createJobQuery()
        .processInstanceId(instance.getId()).activityId("RefreshDue").singleResult().getId());
  }

  @Test
  void feedsTheQuotaThroughEveryStepUntilItCloses() {
    fetch.addAll(List.of("MORE", "DONE"));
    pending.add(0L);
    sampling.addAll(List.of("MORE", "DONE"));
    inviting.addAll(List.of("MORE", "DONE"));
    delivering.addAll(List.of("MORE", "RETRY_LATER", "DONE"));
    checks.addAll(List.of("WAIT", "CLOSED"));
    ProcessInstance instance = start();
    BpmnAwareTests.assertThat(instance).isWaitingAt("FetchMemberCodes");
    runUntil(instance, "WaitForQuotaChange");
    BpmnAwareTests.assertThat(instance).isWaitingAt("WaitForQuotaChange");
    refreshDue(instance);
    runUntil(instance, "QuotaClosed");
    BpmnAwareTests.assertThat(instance).isEnded().hasPassed("WaitForDeliveryRetry", "UpdateMembersAtToluna",
        "RefreshDue", "QuotaClosed").variables().containsEntry("quotaOutcome", "CLOSED")
        .containsEntry("feedDue", true);
    assertThat(syncs).isEqualTo(2);
    verify(runs).ended(any());
  }

  @Test
  void exceptionsProceedAfterReviewWithoutMemberSync() {
    memberSync = false;
    fetch.add("DONE");
    pending.add(3L);
    sampling.add("DONE");
    inviting.add("DONE");
    delivering.add("DONE");
    checks.add("CLOSED");
    ProcessInstance instance = start();
    runUntil(instance, "ReviewValidationExceptions");
    BpmnAwareTests.assertThat(instance).isWaitingAt("ReviewValidationExceptions").task()
        .hasCandidateGroup("recontact-approvers");
    assertThatThrownBy(() -> complete(task(), withVariables("exceptionDecision", "maybe")))
        .hasMessageContaining("exceptionDecision must be one of");
    BpmnAwareTests.assertThat(instance).isWaitingAt("ReviewValidationExceptions");
    complete(task(), withVariables("exceptionDecision", "proceed"));
    runUntil(instance, "QuotaClosed");
    BpmnAwareTests.assertThat(instance).isEnded().hasPassed("AcceptValidationExceptions", "QuotaClosed")
        .hasNotPassed("UpdateMembersAtToluna");
    assertThat(syncs).isZero();
  }

  @Test
  void recheckValidatesAgainThenAbortInvitesNobody() {
    fetch.add("DONE");
    pending.addAll(List.of(2L, 1L));
    ProcessInstance instance = start();
    runUntil(instance, "ReviewValidationExceptions");
    BpmnAwareTests.assertThat(instance).isWaitingAt("ReviewValidationExceptions");
    complete(task(), withVariables("exceptionDecision", "recheck", "decisionComment", "directory re-imported"));
    runUntil(instance, "ReviewValidationExceptions");
    BpmnAwareTests.assertThat(instance).isWaitingAt("ReviewValidationExceptions");
    BpmnAwareTests.assertThat(task()).hasName("Review validation exceptions: quota 4100001 of survey 3100001 ("
        + QuotaSignals.businessKey(PANEL, 4100001) + ")");
    assertThat(processEngine.getTaskService().getVariable(task().getId(), "decisionComment"))
        .as("the second review starts without the first one's comment").isNull();
    assertThatThrownBy(() -> complete(task(), withVariables("exceptionDecision", "abort", "decisionComment",
        "y".repeat(600)))).hasMessageContaining("at most 500 characters");
    complete(task(), withVariables("exceptionDecision", "abort", "decisionComment", "Survey cancelled by client"));
    BpmnAwareTests.assertThat(instance).isEnded().hasPassed("RecheckValidationExceptions", "QuotaAborted")
        .hasNotPassed("SampleMembers").variables().containsEntry("quotaOutcome", "ABORTED")
        .containsEntry("decisionComment", "Survey cancelled by client");
  }

  @Test
  void unavailableQuotaWaitsForAnUpdateThenFeedsAgain() {
    fetch.addAll(List.of("UNAVAILABLE", "DONE", "DONE"));
    pending.addAll(List.of(0L, 0L));
    sampling.addAll(List.of("DONE", "DONE"));
    inviting.addAll(List.of("UNAVAILABLE", "HALTED"));
    checks.addAll(List.of("WAIT", "FEED", "WAIT", "FEED", "WAIT"));
    ProcessInstance instance = start();
    runUntil(instance, "WaitForQuotaChange");
    BpmnAwareTests.assertThat(instance).isWaitingAt("WaitForQuotaChange").hasNotPassed("ValidateMembers");
    for (int round = 0; round < 2; round++) {
      processEngine.getRuntimeService().createMessageCorrelation(QuotaSignals.QUOTA_UPDATED)
          .processInstanceBusinessKey(QuotaSignals.businessKey(PANEL, 4100001)).correlate();
      runUntil(instance, "CheckQuota");
      runUntil(instance, "WaitForQuotaChange");
    }
    BpmnAwareTests.assertThat(instance).isWaitingAt("WaitForQuotaChange").hasPassed("QuotaUpdated", "ValidateMembers")
        .hasNotPassed("DeliverInvites");
    assertThat(inviting).isEmpty();
    assertThat(checks).isEmpty();
  }

  @Test
  void stoppedDeliveryWaitsAndTheSurveyClosingEndsTheInstance() {
    fetch.add("DONE");
    pending.add(0L);
    sampling.add("DONE");
    inviting.add("DONE");
    delivering.add("HALTED");
    checks.add("WAIT");
    ProcessInstance instance = start();
    runUntil(instance, "WaitForQuotaChange");
    BpmnAwareTests.assertThat(instance).isWaitingAt("WaitForQuotaChange");
    processEngine.getRuntimeService().createMessageCorrelation(QuotaSignals.SURVEY_CLOSED)
        .processInstanceBusinessKey(QuotaSignals.businessKey(PANEL, 4100001)).correlate();
    BpmnAwareTests.assertThat(instance).isEnded().hasPassed("SurveyClosed", "QuotaClosedWithSurvey")
        .variables().containsEntry("quotaOutcome", "CLOSED");
  }

  @Test
  void aPausedQuotaWaitsAtQuotaPausedUntilItIsLiveAgainThenFeedsOn() {
    fetch.addAll(List.of("DONE", "DONE"));
    pending.addAll(List.of(0L, 0L));
    sampling.addAll(List.of("DONE", "DONE"));
    inviting.addAll(List.of("HALTED", "DONE"));
    delivering.add("HALTED");
    checks.addAll(List.of("PAUSED", "PAUSED", "FEED", "PAUSED"));
    ProcessInstance instance = start();
    runUntil(instance, "QuotaPaused");
    // Cockpit draws the token where the activity instance tree has it: at "Quota paused", not at the usual wait.
    assertThat(processEngine.getRuntimeService().getActivityInstance(instance.getId()).getChildActivityInstances())
        .extracting(a -> a.getActivityId()).containsExactly("QuotaPaused");
    BpmnAwareTests.assertThat(instance).isWaitingAt("QuotaPaused").hasNotPassed("DeliverInvites",
        "WaitForQuotaChange");

    // The recheck timer finds it still paused: back to the same wait.
    processEngine.getManagementService().executeJob(processEngine.getManagementService().createJobQuery()
        .processInstanceId(instance.getId()).activityId("PauseRecheckDue").singleResult().getId());
    runUntil(instance, "QuotaPaused");
    BpmnAwareTests.assertThat(instance).isWaitingAt("QuotaPaused").hasPassed("PauseRecheckDue");

    // Live again: the quota status notification wakes it and the next check feeds the quota from the list on.
    processEngine.getRuntimeService().createMessageCorrelation(QuotaSignals.QUOTA_UPDATED)
        .processInstanceBusinessKey(QuotaSignals.businessKey(PANEL, 4100001)).correlate();
    runUntil(instance, "QuotaPaused");
    BpmnAwareTests.assertThat(instance).isWaitingAt("QuotaPaused").hasPassed("PausedQuotaUpdated",
        "DeliverInvites");
    assertThat(checks).isEmpty();

    // A survey closed while paused ends the instance as anywhere else.
    processEngine.getRuntimeService().createMessageCorrelation(QuotaSignals.SURVEY_CLOSED)
        .processInstanceBusinessKey(QuotaSignals.businessKey(PANEL, 4100001)).correlate();
    BpmnAwareTests.assertThat(instance).isEnded().hasPassed("QuotaClosedWithSurvey").hasNotPassed("QuotaClosed");
  }

  @Test
  void aStartWithoutItsVariablesFailsNamingThem() {
    assertThatThrownBy(() -> processEngine.getRuntimeService().startProcessInstanceByKey("tolunaRecontactQuota",
        Map.of("quotaId", "x")))
        .hasMessageContaining("panelGuid is missing: a Toluna panel GUID")
        .hasMessageContaining("quotaId is 'x' (String): expected the Toluna QuotaID")
        .hasMessageContaining("surveyId is missing");
    assertThatThrownBy(() -> processEngine.getRuntimeService().startProcessInstanceByKey("tolunaRecontactQuota",
        TolunaQuotaVariables.start(PANEL, 4100002, 3100001, "Wave 2")))
        .as("a start the sweep did not prepare would be a second instance")
        .hasMessageContaining("quota 4100002 of panel " + PANEL + " has no start prepared by the sweep");
    assertThat(processEngine.getRuntimeService().createProcessInstanceQuery().count()).isZero();
  }
}
