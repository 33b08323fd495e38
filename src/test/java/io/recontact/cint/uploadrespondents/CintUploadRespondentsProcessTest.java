package io.recontact.cint.uploadrespondents;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.complete;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.execute;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.job;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.task;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.withVariables;

import io.recontact.cint.respondentfile.RespondentFileStore;
import io.recontact.engine.DiagramTests;
import io.recontact.engine.JobPolling;
import java.util.ArrayDeque;
import java.util.Deque;
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

/** Every path of {@code bpmn/cint-upload-respondents.bpmn}, with the Cint-facing delegates replaced by scripts. */
@Deployment(resources = {"bpmn/cint-upload-respondents.bpmn", "forms/review-partial-upload.form"})
class CintUploadRespondentsProcessTest {

  @RegisterExtension
  static ProcessEngineCoverageExtension engine = ProcessEngineCoverageExtension.builder("camunda-unit.cfg.xml")
      .assertClassCoverageAtLeast(1.0).build();

  ProcessEngine processEngine;

  /** What CheckUploadJob reports, poll by poll. */
  final Deque<String> jobStatuses = new ArrayDeque<>();
  /** Batches still to send after planning. */
  int batchesLeft;
  int conflictsLeft;
  boolean goalMet = true;
  boolean technicalFailure;

  @BeforeEach
  void scripts() {
    BpmnAwareTests.init(processEngine);
    JobPolling polling = DiagramTests.polling();
    Mocks.register("jobPolling", polling);
    RespondentFileStore files = mock(RespondentFileStore.class);
    when(files.exists(1L)).thenReturn(true);
    Mocks.register("uploadStart", new UploadStart(files));
    Mocks.register("uploadDecisions", new UploadDecisions());
    Mocks.register("planUploadBatches", (JavaDelegate) ex -> {
      ex.setVariable("batchCount", batchesLeft);
      ex.setVariable("nextBatchId", batchesLeft > 0 ? 1L : null);
    });
    Mocks.register("startUploadJob", (JavaDelegate) ex -> {
      if (technicalFailure) {
        throw new IllegalStateException("Cint unreachable");
      }
      if (conflictsLeft-- > 0) {
        throw new BpmnError("CINT_CONFLICT", "another job runs");
      }
      batchesLeft--;
      ex.setVariable("uploadJobId", "JOB");
      polling.start(ex, "upload");
    });
    Mocks.register("checkUploadJob", (JavaDelegate) ex -> {
      String status = jobStatuses.pop();
      ex.setVariable("uploadJobStatus", status);
      if ("PROCESSING".equals(status)) {
        polling.backOff(ex, "upload");
      }
      if ("COMPLETED".equals(status)) {
        ex.setVariable("nextBatchId", batchesLeft > 0 ? 2L : null);
      }
    });
    Mocks.register("checkSavedCount", (JavaDelegate) ex -> {
      ex.setVariable("savedCount", 10);
      ex.setVariable("goalMet", goalMet);
      if (!goalMet) {
        ex.setVariable("uploadJobStatus", "GOAL_NOT_MET");
      }
      goalMet = true;
    });
    Mocks.register("prepareUploadReview", (JavaDelegate) ex -> {
      ex.setVariable("savedCount", 10);
      ex.setVariable("failedIdCount", 2);
    });
    Mocks.register("applyUploadDecision", (JavaDelegate) ex -> {
      if ("resubmit".equals(ex.getVariable("uploadDecision"))
          && !"DEADLINE".equals(ex.getVariable("uploadJobStatus"))) {
        batchesLeft++;
        ex.setVariable("nextBatchId", 3L);
      } else {
        ex.setVariable("nextBatchId", null);
      }
    });
  }

  @AfterEach
  void clear() {
    Mocks.reset();
  }

  ProcessInstance start() {
    ProcessInstance instance = processEngine.getRuntimeService().startProcessInstanceByKey("cintUploadRespondents",
        "bk-1", Map.of("accountId", 101, "projectId", "01BTGNYV6HRNK8K8VKZASZCFP0", "targetGroupId",
        "01JX2X0N5RTR012AYDTA83QWP1", "respondentFileId", 1L, "completesGoal", 10, "entityType", "RSID"));
    BpmnAwareTests.assertThat(instance).isWaitingAt("PlanUploadBatches");
    execute(job());
    return instance;
  }

  void sendAndPoll(ProcessInstance instance) {
    BpmnAwareTests.assertThat(instance).isWaitingAt("StartUploadJob");
    execute(job());
    BpmnAwareTests.assertThat(instance).isWaitingAt("StartUploadJob"); // asyncAfter: the upload is committed
    execute(job());
    BpmnAwareTests.assertThat(instance).isWaitingAt("WaitForUploadJob");
    execute(job());
  }

  @Test
  void oneCleanBatchIsUploaded() {
    batchesLeft = 1;
    jobStatuses.add("COMPLETED");
    ProcessInstance instance = start();
    sendAndPoll(instance);
    BpmnAwareTests.assertThat(instance).isWaitingAt("CheckSavedCount");
    execute(job());
    BpmnAwareTests.assertThat(instance).isEnded().hasPassed("RespondentsUploaded")
        .variables().containsEntry("uploadOutcome", "UPLOADED");
  }

  @Test
  void pollingBacksOffWhileProcessingAndSendsBatchesOneAfterAnother() {
    batchesLeft = 2;
    jobStatuses.addAll(java.util.List.of("PROCESSING", "PROCESSING", "COMPLETED", "COMPLETED"));
    ProcessInstance instance = start();
    sendAndPoll(instance);
    BpmnAwareTests.assertThat(instance).isWaitingAt("WaitForUploadJob").variables()
        .containsEntry("uploadPollInterval", "PT2S");
    execute(job());
    BpmnAwareTests.assertThat(instance).isWaitingAt("WaitForUploadJob").variables()
        .containsEntry("uploadPollInterval", "PT4S");
    execute(job());
    sendAndPoll(instance);
    BpmnAwareTests.assertThat(instance).isWaitingAt("CheckSavedCount");
    execute(job());
    BpmnAwareTests.assertThat(instance).isEnded().hasPassedInOrder("StartUploadJob", "StartUploadJob",
        "RespondentsUploaded");
  }

  @Test
  void conflictWaitsOnATimerThenSucceeds() {
    batchesLeft = 1;
    conflictsLeft = 1;
    jobStatuses.add("COMPLETED");
    ProcessInstance instance = start();
    execute(job());
    BpmnAwareTests.assertThat(instance).isWaitingAt("WaitForRunningJob");
    execute(job());
    sendAndPoll(instance);
    execute(job());
    BpmnAwareTests.assertThat(instance).isEnded().hasPassed("UploadJobConflict", "RespondentsUploaded");
  }

  @Test
  void partialThenResubmitThenComplete() {
    batchesLeft = 1;
    jobStatuses.addAll(java.util.List.of("PARTIAL", "COMPLETED"));
    ProcessInstance instance = start();
    sendAndPoll(instance);
    execute(job()); // PrepareUploadReview
    BpmnAwareTests.assertThat(instance).isWaitingAt("ReviewPartialUpload");
    complete(task(), withVariables("uploadDecision", "resubmit", "completesGoal", 10));
    execute(job()); // ApplyUploadDecision
    sendAndPoll(instance);
    execute(job());
    BpmnAwareTests.assertThat(instance).isEnded().hasPassed("RespondentsUploaded");
  }

  @Test
  void partialThenAcceptWithLoweredGoal() {
    batchesLeft = 1;
    jobStatuses.add("PARTIAL");
    ProcessInstance instance = start();
    sendAndPoll(instance);
    execute(job());
    complete(task(), withVariables("uploadDecision", "accept", "completesGoal", 8L));
    execute(job());
    BpmnAwareTests.assertThat(instance).isWaitingAt("CheckSavedCount").variables().containsEntry("completesGoal", 8);
    execute(job());
    BpmnAwareTests.assertThat(instance).isEnded().hasPassed("RespondentsUploaded");
  }

  @Test
  void failedJobThenAbort() {
    batchesLeft = 1;
    jobStatuses.add("FAILED");
    ProcessInstance instance = start();
    sendAndPoll(instance);
    execute(job());
    // Tasklist lists the task by its name: target group and business key tell it apart from other uploads.
    BpmnAwareTests.assertThat(task()).hasName("Review partial upload: target group 01JX2X0N5RTR012AYDTA83QWP1 (bk-1)");
    assertThat(processEngine.getTaskService().getVariable(task().getId(), "reviewSubject"))
        .isEqualTo("Target group 01JX2X0N5RTR012AYDTA83QWP1; business key bk-1");
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> complete(task(), withVariables(
            "uploadDecision", "abort", "completesGoal", 10, "decisionComment", "x".repeat(501))))
        .hasMessageContaining("decisionComment must be at most 500 characters, not 501");
    complete(task(), withVariables("uploadDecision", "abort", "completesGoal", 10, "decisionComment",
        "  Cint refuses these panelists: wrong account  "));
    execute(job());
    BpmnAwareTests.assertThat(instance).isEnded().hasPassed("UploadAborted")
        .variables().containsEntry("uploadOutcome", "ABORTED")
        .containsEntry("decisionComment", "Cint refuses these panelists: wrong account");
  }

  @Test
  void deadlineReachedThenKeepWaiting() {
    batchesLeft = 1;
    jobStatuses.addAll(java.util.List.of("DEADLINE", "COMPLETED"));
    ProcessInstance instance = start();
    sendAndPoll(instance);
    execute(job());
    BpmnAwareTests.assertThat(instance).isWaitingAt("ReviewPartialUpload");
    complete(task(), withVariables("uploadDecision", "resubmit", "completesGoal", 10));
    execute(job());
    BpmnAwareTests.assertThat(instance).isWaitingAt("WaitForUploadJob");
    execute(job());
    execute(job());
    BpmnAwareTests.assertThat(instance).isEnded().hasPassed("RespondentsUploaded");
  }

  @Test
  void savedCountBelowGoalAsksAPerson() {
    batchesLeft = 0;
    goalMet = false;
    ProcessInstance instance = start();
    execute(job()); // CheckSavedCount
    execute(job()); // PrepareUploadReview
    BpmnAwareTests.assertThat(instance).isWaitingAt("ReviewPartialUpload");
    complete(task(), withVariables("uploadDecision", "accept", "completesGoal", 10));
    execute(job());
    execute(job());
    BpmnAwareTests.assertThat(instance).isEnded().hasPassed("RespondentsUploaded");
  }

  @Test
  void acceptingAGoalAboveTheSavedCountIsRefused() {
    batchesLeft = 1;
    jobStatuses.add("PARTIAL");
    ProcessInstance instance = start();
    sendAndPoll(instance);
    execute(job());
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> complete(task(), withVariables(
            "uploadDecision", "accept", "completesGoal", 11)))
        .hasMessageContaining("lower the completes goal to at most 10");
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> complete(task(), withVariables(
            "uploadDecision", "maybe", "completesGoal", 10)))
        .hasMessageContaining("uploadDecision must be one of");
    BpmnAwareTests.assertThat(instance).isWaitingAt("ReviewPartialUpload");
  }

  @Test
  void technicalErrorBecomesAnIncidentAndRetryResumes() {
    batchesLeft = 1;
    technicalFailure = true;
    jobStatuses.add("COMPLETED");
    ProcessInstance instance = start();
    // The back-off cycle (PT10S,PT1M,PT5M,PT15M): each failed attempt uses up a retry, then an incident is raised.
    for (int attempt = 0; attempt < 10 && processEngine.getRuntimeService().createIncidentQuery()
        .processInstanceId(instance.getId()).count() == 0; attempt++) {
      try {
        execute(job());
      } catch (RuntimeException expected) {
        assertThat(expected).hasMessageContaining("Cint unreachable");
      }
    }
    assertThat(processEngine.getRuntimeService().createIncidentQuery().processInstanceId(instance.getId())
        .singleResult().getIncidentMessage()).contains("Cint unreachable");
    technicalFailure = false;
    processEngine.getManagementService().setJobRetries(job().getId(), 1); // "Retry" in Cockpit
    sendAndPoll(instance);
    execute(job());
    BpmnAwareTests.assertThat(instance).isEnded().hasPassed("RespondentsUploaded");
  }

  @Test
  void aStartWithMissingOrWrongVariablesIsRefusedAndLeavesNoInstance() {
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> processEngine.getRuntimeService()
            .startProcessInstanceByKey("cintUploadRespondents", Map.of("entityType", "EMAIL", "respondentFileId", 7L)))
        .hasMessageContaining("entityType is 'EMAIL' (String): expected one of [RESPONDENT_ID, RESPONSE_ID, RID, RSID]")
        .hasMessageContaining("accountId is missing")
        .hasMessageContaining("respondentFileId 7 is not a stored respondent file");
    assertThat(processEngine.getRuntimeService().createProcessInstanceQuery().count()).isZero();
  }
}
