package io.recontact.cint.recontact;

import static org.mockito.Mockito.mock;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.complete;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.execute;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.job;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.task;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.withVariables;

import io.recontact.cint.respondentfile.RespondentFileIntake;
import io.recontact.cint.respondentfile.RespondentFileStore;
import io.recontact.engine.CalledProcessStub;
import io.recontact.engine.DiagramTests;
import io.recontact.engine.JobPolling;
import java.nio.charset.StandardCharsets;
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
import org.camunda.bpm.engine.variable.VariableMap;
import org.camunda.bpm.engine.variable.Variables;
import org.camunda.community.process_test_coverage.junit5.platform7.ProcessEngineCoverageExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Every path of {@code bpmn/cint-recontact.bpmn}, every flow node and sequence flow covered. The called upload
 * process is a stub with a scripted outcome; its own paths are covered by {@code CintUploadRespondentsProcessTest}.
 */
@Deployment(resources = {"bpmn/cint-recontact.bpmn", "stubs/cintUploadRespondents.bpmn",
    "forms/review-respondent-file.form", "forms/review-launch-failure.form"})
class CintRecontactProcessTest {

  @RegisterExtension
  static ProcessEngineCoverageExtension engine = ProcessEngineCoverageExtension.builder("camunda-unit.cfg.xml")
      .assertClassCoverageAtLeast(1.0).build();

  ProcessEngine processEngine;

  boolean fileNeedsReview;
  boolean invalidRequest;
  boolean targetGroupRejected;
  boolean launchRejected;
  final CalledProcessStub upload = new CalledProcessStub("uploadOutcome", "UPLOADED");
  final Deque<String> launchStatuses = new ArrayDeque<>();

  int liveHooks;

  @BeforeEach
  void scripts() {
    BpmnAwareTests.init(processEngine);
    JobPolling polling = DiagramTests.polling();
    Mocks.register("jobPolling", polling);
    RespondentFileStore files = mock(RespondentFileStore.class);
    Mocks.register("recontactStart", new RecontactStart(files, new RespondentFileIntake(files),
        new CintRecontactProperties(null, null)));
    Mocks.register("fileDecisions", new FileDecisions());
    Mocks.register("launchDecisions", new LaunchDecisions());
    Mocks.register("targetGroupLive", new io.recontact.cint.TargetGroupLive(null) {
      @Override
      public void reached(org.camunda.bpm.engine.delegate.DelegateExecution execution) {
        liveHooks++;
      }
    });
    Mocks.register("uploadStub", upload);
    Mocks.register("prepareRespondentFile", (JavaDelegate) ex -> {
      if (invalidRequest) {
        throw new BpmnError("INVALID_REQUEST", "targetGroup.live_url must contain [%RECONTACT_RSID%]");
      }
      ex.setVariable("fileNeedsReview", fileNeedsReview);
      ex.setVariable("completesGoal", 10);
      ex.setVariable("respondentFileId", 1L);
      ex.setVariable("entityType", "RSID");
    });
    Mocks.register("createDraftTargetGroup", (JavaDelegate) ex -> {
      if (targetGroupRejected) {
        throw new BpmnError("CINT_REJECTED", "Cint answered 400 bad_request_error");
      }
      ex.setVariable("targetGroupId", "TG1");
    });
    Mocks.register("updateCompletesGoal", (JavaDelegate) ex -> { });
    Mocks.register("startLaunchJob", (JavaDelegate) ex -> {
      if (launchRejected) {
        launchRejected = false;
        throw new BpmnError("CINT_REJECTED", "Cint answered 400 to the launch");
      }
      polling.start(ex, "launch");
    });
    Mocks.register("checkLaunchJob", (JavaDelegate) ex -> {
      String status = launchStatuses.pop();
      ex.setVariable("launchJobStatus", status);
      if ("PROCESSING".equals(status)) {
        polling.backOff(ex, "launch");
      }
    });
  }

  @AfterEach
  void clear() {
    Mocks.reset();
  }

  /** A usable request and file: the start listener checks them (the scripted delegates take it from there). */
  static VariableMap startVariables() {
    return Variables.createVariables()
        .putValue("request", CintRecontactIntegrationTest.request(10, true,
            "https://s.example.com/?r=[%RECONTACT_RSID%]"))
        .putValue("respondentFile", Variables.fileValue("ids.csv")
            .file("0f1ce179-a917-49ff-9d50-b05fc91f7bd4\n".getBytes(StandardCharsets.UTF_8)).create());
  }

  ProcessInstance start(boolean launch) {
    ProcessInstance instance = processEngine.getRuntimeService().startProcessInstanceByKey("cintRecontact", "rc-1",
        startVariables().putValue("launch", launch));
    BpmnAwareTests.assertThat(instance).isWaitingAt("PrepareRespondentFile");
    execute(job());
    return instance;
  }

  void runJobs(int max) {
    DiagramTests.runJobs(max);
  }

  void createAndUpload(ProcessInstance instance) {
    BpmnAwareTests.assertThat(instance).isWaitingAt("CreateDraftTargetGroup");
    runJobs(4); // create (before and after), call activity, UpdateCompletesGoal
  }

  @Test
  void cleanFileIsUploadedAndLaunched() {
    launchStatuses.addAll(List.of("PROCESSING", "COMPLETED"));
    ProcessInstance instance = start(true);
    runJobs(20);
    BpmnAwareTests.assertThat(instance).isEnded().hasPassedInOrder("CreateDraftTargetGroup", "UploadRespondents",
        "StartLaunchJob", "WaitForLaunchJob", "WaitForLaunchJob", "TargetGroupLive");
    org.assertj.core.api.Assertions.assertThat(liveHooks).as("the shared start hook, told once").isEqualTo(1);
    org.assertj.core.api.Assertions.assertThat(processEngine.getHistoryService().createHistoricVariableInstanceQuery()
        .processInstanceId(instance.getId()).variableName("launchPollInterval").singleResult().getValue())
        .as("backed off after one processing answer").isEqualTo("PT2S");
  }

  @Test
  void withoutLaunchTheTargetGroupStaysReady() {
    ProcessInstance instance = start(false);
    createAndUpload(instance);
    BpmnAwareTests.assertThat(instance).isEnded().hasPassed("TargetGroupReady").hasNotPassed("StartLaunchJob");
  }

  @Test
  void fileReviewApprovedWithLoweredGoal() {
    fileNeedsReview = true;
    ProcessInstance instance = start(false);
    BpmnAwareTests.assertThat(instance).isWaitingAt("ReviewRespondentFile").task()
        .hasCandidateGroup("recontact-approvers");
    complete(task(), withVariables("fileDecision", "approve", "completesGoal", 7L));
    BpmnAwareTests.assertThat(instance).variables().containsEntry("completesGoal", 7);
    createAndUpload(instance);
    BpmnAwareTests.assertThat(instance).isEnded().hasPassed("ReviewRespondentFile", "TargetGroupReady");
  }

  @Test
  void fileReviewRejected() {
    fileNeedsReview = true;
    ProcessInstance instance = start(true);
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> complete(task(), withVariables("fileDecision", "ok",
        "completesGoal", 10))).hasMessageContaining("fileDecision must be one of");
    BpmnAwareTests.assertThat(task()).hasName("Review respondent file: Wave 2 recontact (rc-1)")
        .hasDescription("Target group 'Wave 2 recontact'; business key rc-1");
    complete(task(), withVariables("fileDecision", "reject", "completesGoal", 10, "decisionComment",
        "Wrong wave: these respondents took part last week"));
    BpmnAwareTests.assertThat(instance).isEnded().hasPassed("Rejected").hasNotPassed("CreateDraftTargetGroup")
        .variables().containsEntry("decisionComment", "Wrong wave: these respondents took part last week")
        .containsEntry("targetGroupName", "Wave 2 recontact");
  }

  @Test
  void invalidRequestIsRejectedWithAReason() {
    invalidRequest = true;
    ProcessInstance instance = processEngine.getRuntimeService().startProcessInstanceByKey("cintRecontact", "rc-2",
        startVariables());
    BpmnAwareTests.assertThat(instance).isWaitingAt("PrepareRespondentFile");
    execute(job());
    BpmnAwareTests.assertThat(instance).isEnded().hasPassed("RequestInvalid", "Rejected");
    org.assertj.core.api.Assertions.assertThat(processEngine.getHistoryService().createHistoricVariableInstanceQuery()
        .processInstanceId(instance.getId()).variableName("rejectionReason").singleResult().getValue())
        .asString().contains("RECONTACT_RSID");
  }

  @Test
  void targetGroupRejectedByCintAborts() {
    targetGroupRejected = true;
    ProcessInstance instance = start(true);
    execute(job());
    BpmnAwareTests.assertThat(instance).isEnded().hasPassed("TargetGroupRejected", "Aborted");
  }

  @Test
  void abortedUploadAborts() {
    upload.willEndWith("ABORTED");
    ProcessInstance instance = start(true);
    createAndUpload(instance);
    BpmnAwareTests.assertThat(instance).isEnded().hasPassed("UploadRespondents", "Aborted")
        .variables().containsEntry("uploadOutcome", "ABORTED");
  }

  @Test
  void launchFailureThenRetrySucceeds() {
    launchStatuses.addAll(List.of("FAILED", "COMPLETED"));
    ProcessInstance instance = start(true);
    createAndUpload(instance);
    runJobs(3);
    BpmnAwareTests.assertThat(instance).isWaitingAt("ReviewLaunchFailure");
    complete(task(), withVariables("launchDecision", "retry"));
    runJobs(3);
    BpmnAwareTests.assertThat(instance).isEnded().hasPassed("ReviewLaunchFailure", "TargetGroupLive");
  }

  @Test
  void launchRejectedThenAbort() {
    launchRejected = true;
    ProcessInstance instance = start(true);
    createAndUpload(instance);
    runJobs(1);
    BpmnAwareTests.assertThat(instance).isWaitingAt("ReviewLaunchFailure").hasPassed("LaunchRejected");
    BpmnAwareTests.assertThat(task()).hasName("Review launch failure: Wave 2 recontact (rc-1)");
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> complete(task(), withVariables("launchDecision",
        "abort", "decisionComment", 42))).hasMessageContaining("decisionComment must be text");
    complete(task(), withVariables("launchDecision", "abort", "decisionComment", "Fielding moved to May"));
    BpmnAwareTests.assertThat(instance).isEnded().hasPassed("Aborted").variables()
        .containsEntry("decisionComment", "Fielding moved to May");
  }

  @Test
  void aStartWithMissingOrWrongVariablesIsRefusedAndLeavesNoInstance() {
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> processEngine.getRuntimeService()
            .startProcessInstanceByKey("cintRecontact", Map.of("request", "{\"accountId\": \"abc\"}")))
        .hasMessageContaining("request: The recontact request has a value of the wrong type at accountId")
        .hasMessageContaining("respondentFile is missing");
    org.assertj.core.api.Assertions.assertThat(processEngine.getRuntimeService().createProcessInstanceQuery().count())
        .isZero();
  }
}
