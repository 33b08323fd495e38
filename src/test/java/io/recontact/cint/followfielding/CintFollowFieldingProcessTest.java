package io.recontact.cint.followfielding;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.complete;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.task;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.withVariables;

import io.recontact.engine.DiagramTests;
import io.recontact.engine.JobPolling;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.test.Deployment;
import org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests;
import org.camunda.bpm.engine.test.mock.Mocks;
import org.camunda.community.process_test_coverage.junit5.platform7.ProcessEngineCoverageExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Every path of {@code bpmn/cint-follow-fielding.bpmn}. */
@Deployment(resources = {"bpmn/cint-follow-fielding.bpmn", "forms/review-fielding-pace.form"})
class CintFollowFieldingProcessTest {

  @RegisterExtension
  static ProcessEngineCoverageExtension engine = ProcessEngineCoverageExtension.builder("camunda-unit.cfg.xml")
      .assertClassCoverageAtLeast(1.0).build();

  static final String PROJECT = "01BTGNYV6HRNK8K8VKZASZCFP0";
  static final String GROUP = "01JX2X0N5RTR012AYDTA83QWP1";

  ProcessEngine processEngine;
  /** Each reading's state and Cint status, e.g. "FOLLOW live", "REVIEW paused". */
  final Deque<String> readings = new ArrayDeque<>();
  final Deque<String> closeStatuses = new ArrayDeque<>();
  final List<String> runChanges = new ArrayList<>();

  @BeforeEach
  void scripts() {
    BpmnAwareTests.init(processEngine);
    JobPolling polling = DiagramTests.polling();
    Mocks.register("jobPolling", polling);
    Mocks.register("followFieldingStart", new FollowFieldingStart());
    Mocks.register("paceDecisions", new PaceDecisions());
    Mocks.register("readFielding", (JavaDelegate) ex -> {
      String[] reading = readings.pop().split(" ");
      ex.setVariable("fieldingState", reading[0]);
      ex.setVariable("fieldingStatus", reading[1]);
      ex.setVariable("completes", 40);
      ex.setVariable("goal", 150);
      ex.setVariable("fieldingInterval", "PT1M");
    });
    Mocks.register("changeFieldingRun", (JavaDelegate) ex -> runChanges.add((String) ex.getVariable("paceDecision")));
    Mocks.register("startCloseJob", (JavaDelegate) ex -> {
      ex.setVariable("closeJobId", "job-1");
      polling.start(ex, "close");
    });
    Mocks.register("checkCloseJob", (JavaDelegate) ex -> {
      String status = closeStatuses.pop();
      ex.setVariable("closeJobStatus", status);
      if ("PROCESSING".equals(status)) {
        polling.backOff(ex, "close");
      }
    });
  }

  @AfterEach
  void clear() {
    Mocks.reset();
  }

  ProcessInstance start() {
    ProcessInstance instance = processEngine.getRuntimeService().startProcessInstanceByKey("cintFollowFielding",
        FieldingSignals.businessKey(GROUP), Map.of("accountId", 101, "projectId", PROJECT, "targetGroupId", GROUP));
    BpmnAwareTests.assertThat(instance).isWaitingAt("ReadFielding");
    return instance;
  }

  @Test
  void readsOnTheTimerUntilCintReportsCompleted() {
    readings.addAll(List.of("FOLLOW live", "FOLLOW live", "COMPLETED completed"));
    ProcessInstance instance = start();
    DiagramTests.runJobs(10);
    BpmnAwareTests.assertThat(instance).isEnded().hasPassed("ReadingDue", "FieldingCompleted")
        .variables().containsEntry("fieldingOutcome", "COMPLETED").containsEntry("completes", 40);
    assertThat(readings).isEmpty();
  }

  @Test
  void aWebhookWakesTheInstanceBeforeItsTimer() {
    readings.addAll(List.of("FOLLOW live", "ENDED live"));
    ProcessInstance instance = start();
    DiagramTests.runJobs(1);
    BpmnAwareTests.assertThat(instance).isWaitingAt("NextReading");
    processEngine.getRuntimeService().createMessageCorrelation(FieldingSignals.WAKE_MESSAGE)
        .processInstanceBusinessKey(FieldingSignals.businessKey(GROUP))
        .setVariable(FieldingSignals.WOKEN_BY, "target-group-updated").correlate();
    DiagramTests.runJobs(1);
    BpmnAwareTests.assertThat(instance).isEnded().hasPassed("CintWebhook", "FieldingEnded")
        .hasNotPassed("ReadingDue").variables().containsEntry("fieldingOutcome", "ENDED");
  }

  @Test
  void behindPaceAPersonKeepsFielding() {
    readings.addAll(List.of("REVIEW live", "COMPLETED completed"));
    ProcessInstance instance = start();
    DiagramTests.runJobs(1);
    BpmnAwareTests.assertThat(task()).hasName("Review fielding pace: target group " + GROUP + " (fielding-"
        + GROUP + ")").hasCandidateGroup("recontact-approvers");
    complete(task(), withVariables("paceDecision", "keepFielding"));
    BpmnAwareTests.assertThat(instance).isWaitingAt("NextReading").variables()
        .containsEntry("paceAccepted", true);
    DiagramTests.runJobs(5);
    BpmnAwareTests.assertThat(instance).isEnded().hasPassed("ReviewFieldingPace", "FieldingCompleted");
  }

  @Test
  void pausedThenResumedFromTheReviewsNextRound() {
    readings.addAll(List.of("REVIEW live", "REVIEW paused", "COMPLETED completed"));
    ProcessInstance instance = start();
    DiagramTests.runJobs(1);
    complete(task(), withVariables("paceDecision", "pause"));
    DiagramTests.runJobs(3);
    BpmnAwareTests.assertThat(instance).isWaitingAt("ReviewFieldingPace");
    complete(task(), withVariables("paceDecision", "resume"));
    DiagramTests.runJobs(5);
    BpmnAwareTests.assertThat(instance).isEnded().hasPassed("ChangeFieldingRun", "FieldingCompleted");
    assertThat(runChanges).containsExactly("pause", "resume");
  }

  @Test
  void resumeIsRefusedForALiveRun() {
    readings.add("REVIEW live");
    start();
    DiagramTests.runJobs(1);
    assertThatThrownBy(() -> complete(task(), withVariables("paceDecision", "resume")))
        .hasMessageContaining("resume is only for a paused run");
    assertThatThrownBy(() -> complete(task(), withVariables("paceDecision", "stop")))
        .hasMessageContaining("paceDecision must be one of");
  }

  @Test
  void closedNowThroughTheBatchJob() {
    readings.add("REVIEW live");
    closeStatuses.addAll(List.of("PROCESSING", "COMPLETED"));
    ProcessInstance instance = start();
    DiagramTests.runJobs(1);
    complete(task(), withVariables("paceDecision", "closeNow", "decisionComment", "budget is spent"));
    DiagramTests.runJobs(8);
    BpmnAwareTests.assertThat(instance).isEnded().hasPassed("StartCloseJob", "CheckCloseJob", "FieldingClosed")
        .variables().containsEntry("fieldingOutcome", "CLOSED").containsEntry("completes", 40);
  }

  @Test
  void aFailedCloseGoesBackToThePerson() {
    readings.addAll(List.of("REVIEW live", "COMPLETED completed"));
    closeStatuses.add("FAILED");
    ProcessInstance instance = start();
    DiagramTests.runJobs(1);
    complete(task(), withVariables("paceDecision", "closeNow"));
    DiagramTests.runJobs(4);
    BpmnAwareTests.assertThat(instance).isWaitingAt("ReviewFieldingPace");
    complete(task(), withVariables("paceDecision", "keepFielding"));
    DiagramTests.runJobs(5);
    BpmnAwareTests.assertThat(instance).isEnded().hasPassed("FieldingCompleted");
  }

  @Test
  void aStartWithMissingOrWrongVariablesIsRefusedAndLeavesNoInstance() {
    assertThatThrownBy(() -> processEngine.getRuntimeService().startProcessInstanceByKey("cintFollowFielding",
        Map.of("accountId", "101", "projectId", PROJECT)))
        .hasMessageContaining("accountId is '101' (String): expected the Cint account id")
        .hasMessageContaining("targetGroupId is missing");
    assertThat(processEngine.getRuntimeService().createProcessInstanceQuery().count()).isZero();
  }
}
