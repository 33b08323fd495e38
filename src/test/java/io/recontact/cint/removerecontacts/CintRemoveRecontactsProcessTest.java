package io.recontact.cint.removerecontacts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.complete;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.execute;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.job;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.task;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.withVariables;

import io.recontact.engine.DiagramTests;
import io.recontact.engine.JobPolling;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.delegate.BpmnError;
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

/** Every path of {@code bpmn/cint-remove-recontacts.bpmn}. */
@Deployment(resources = {"bpmn/cint-remove-recontacts.bpmn", "forms/review-removal-failure.form"})
class CintRemoveRecontactsProcessTest {

  @RegisterExtension
  static ProcessEngineCoverageExtension engine = ProcessEngineCoverageExtension.builder("camunda-unit.cfg.xml")
      .assertClassCoverageAtLeast(1.0).build();

  static final String PROJECT = "01BTGNYV6HRNK8K8VKZASZCFP0";
  static final String GROUP = "01JX2X0N5RTR012AYDTA83QWP1";

  ProcessEngine processEngine;
  final Deque<String> statuses = new ArrayDeque<>();
  int conflicts;

  @BeforeEach
  void scripts() {
    BpmnAwareTests.init(processEngine);
    JobPolling polling = DiagramTests.polling();
    Mocks.register("jobPolling", polling);
    Mocks.register("removalStart", new RemovalStart());
    Mocks.register("removalDecisions", new RemovalDecisions());
    Mocks.register("startRemoveAllJob", (JavaDelegate) ex -> {
      if (conflicts-- > 0) {
        throw new BpmnError("CINT_CONFLICT", "an upload still runs");
      }
      polling.start(ex, "remove");
    });
    Mocks.register("checkRemoveAllJob", (JavaDelegate) ex -> {
      String status = statuses.pop();
      ex.setVariable("removeJobStatus", status);
      if ("PROCESSING".equals(status)) {
        polling.backOff(ex, "remove");
      }
    });
  }

  @AfterEach
  void clear() {
    Mocks.reset();
  }

  ProcessInstance start() {
    ProcessInstance instance = processEngine.getRuntimeService().startProcessInstanceByKey("cintRemoveRecontacts",
        Map.of("accountId", 101, "projectId", PROJECT, "targetGroupId", GROUP));
    BpmnAwareTests.assertThat(instance).isWaitingAt("StartRemoveAllJob");
    return instance;
  }

  void runJobs(int count) {
    for (int i = 0; i < count; i++) {
      execute(job());
    }
  }

  @Test
  void removedAfterPollingUntilCompleted() {
    statuses.addAll(List.of("PROCESSING", "COMPLETED"));
    ProcessInstance instance = start();
    runJobs(4);
    BpmnAwareTests.assertThat(instance).isEnded().hasPassed("RecontactsRemoved")
        .variables().containsEntry("removalOutcome", "REMOVED");
  }

  @Test
  void conflictWaitsThenRemoves() {
    conflicts = 1;
    statuses.add("COMPLETED");
    ProcessInstance instance = start();
    execute(job());
    BpmnAwareTests.assertThat(instance).isWaitingAt("WaitForRunningRemoval");
    runJobs(4);
    BpmnAwareTests.assertThat(instance).isEnded().hasPassed("RemovalConflict", "RecontactsRemoved");
  }

  @Test
  void failedThenRetriedThenRemoved() {
    statuses.addAll(List.of("FAILED", "COMPLETED"));
    ProcessInstance instance = start();
    runJobs(3);
    BpmnAwareTests.assertThat(instance).isWaitingAt("ReviewRemovalFailure");
    complete(task(), withVariables("removalDecision", "retry"));
    runJobs(3);
    BpmnAwareTests.assertThat(instance).isEnded().hasPassed("ReviewRemovalFailure", "RecontactsRemoved");
  }

  @Test
  void deadlineThenKeepWaiting() {
    statuses.addAll(List.of("DEADLINE", "COMPLETED"));
    ProcessInstance instance = start();
    runJobs(3);
    complete(task(), withVariables("removalDecision", "retry"));
    BpmnAwareTests.assertThat(instance).isWaitingAt("WaitForRemoveAllJob");
    runJobs(1);
    BpmnAwareTests.assertThat(instance).isEnded().hasPassed("RecontactsRemoved");
  }

  @Test
  void failedThenAborted() {
    statuses.add("FAILED");
    ProcessInstance instance = start();
    runJobs(3);
    BpmnAwareTests.assertThat(task()).hasName("Review removal failure: target group " + GROUP);
    complete(task(), withVariables("removalDecision", "abort", "decisionComment", "Cint support is on it"));
    BpmnAwareTests.assertThat(instance).isEnded().hasPassed("RemovalAborted")
        .variables().containsEntry("removalOutcome", "ABORTED").containsEntry("decisionComment",
            "Cint support is on it");
  }

  @Test
  void aStartWithMissingOrWrongVariablesIsRefusedAndLeavesNoInstance() {
    assertThatThrownBy(() -> processEngine.getRuntimeService().startProcessInstanceByKey("cintRemoveRecontacts",
        Map.of("accountId", "101", "projectId", PROJECT)))
        .hasMessageContaining("accountId is '101' (String): expected the Cint account id")
        .hasMessageContaining("targetGroupId is missing");
    assertThat(processEngine.getRuntimeService().createProcessInstanceQuery().count()).isZero();
  }
}
