package io.recontact.cint.replacerecontacts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.Mockito.mock;

import io.recontact.cint.respondentfile.RespondentFileIntake;
import io.recontact.cint.respondentfile.RespondentFileStore;
import io.recontact.engine.CalledProcessStub;
import io.recontact.engine.DiagramTests;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.delegate.BpmnError;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.test.Deployment;
import org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests;
import org.camunda.bpm.engine.test.mock.Mocks;
import org.camunda.bpm.engine.variable.Variables;
import org.camunda.community.process_test_coverage.junit5.platform7.ProcessEngineCoverageExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Every path of {@code bpmn/cint-replace-recontacts.bpmn}, every flow node and sequence flow covered. The removal and
 * the upload are stubs with scripted outcomes; their own diagrams have their own tests.
 */
@Deployment(resources = {"bpmn/cint-replace-recontacts.bpmn", "stubs/cintRemoveRecontacts.bpmn",
    "stubs/cintUploadRespondents.bpmn"})
class CintReplaceRecontactsProcessTest {

  @RegisterExtension
  static ProcessEngineCoverageExtension engine = ProcessEngineCoverageExtension.builder("camunda-unit.cfg.xml")
      .assertClassCoverageAtLeast(1.0).build();

  ProcessEngine processEngine;
  boolean invalid;
  final CalledProcessStub removal = new CalledProcessStub("removalOutcome", "REMOVED");
  final CalledProcessStub upload = new CalledProcessStub("uploadOutcome", "UPLOADED");

  @BeforeEach
  void scripts() {
    BpmnAwareTests.init(processEngine);
    RespondentFileStore files = mock(RespondentFileStore.class);
    Mocks.register("replacementStart", new ReplacementStart(files, new RespondentFileIntake(files)));
    Mocks.register("removalStub", removal);
    Mocks.register("uploadStub", upload);
    Mocks.register("prepareReplacementFile", (JavaDelegate) ex -> {
      if (invalid) {
        throw new BpmnError("INVALID_REQUEST", "completesGoal is required");
      }
      ex.setVariable("respondentFileId", 1L);
    });
  }

  @AfterEach
  void clear() {
    Mocks.reset();
  }

  ProcessInstance start() {
    ProcessInstance instance = processEngine.getRuntimeService().startProcessInstanceByKey("cintReplaceRecontacts",
        "rp-1", Variables.createVariables().putValue("accountId", 101)
            .putValue("projectId", "01BTGNYV6HRNK8K8VKZASZCFP0").putValue("targetGroupId", "01JX2X0N5RTR012AYDTA83QWP1")
            .putValue("completesGoal", 3).putValue("respondentFile", Variables.fileValue("new.csv")
                .file("0f1ce179-a917-49ff-9d50-b05fc91f7bd4\n".getBytes(StandardCharsets.UTF_8)).create()));
    BpmnAwareTests.assertThat(instance).isWaitingAt("PrepareReplacementFile");
    return instance;
  }

  void runJobs(int max) {
    DiagramTests.runJobs(max);
  }

  @Test
  void removesThenUploads() {
    ProcessInstance instance = start();
    runJobs(20);
    BpmnAwareTests.assertThat(instance).isEnded().hasPassedInOrder("RemoveRecontacts", "UploadRespondents",
        "RecontactsReplaced");
  }

  @Test
  void invalidRequestRemovesNothing() {
    invalid = true;
    ProcessInstance instance = start();
    runJobs(1);
    BpmnAwareTests.assertThat(instance).isEnded().hasPassed("ReplacementRejected").hasNotPassed("RemoveRecontacts");
  }

  @Test
  void abortedRemovalAbortsTheReplacement() {
    removal.willEndWith("ABORTED");
    ProcessInstance instance = start();
    runJobs(5);
    BpmnAwareTests.assertThat(instance).isEnded().hasPassed("ReplacementAborted").hasNotPassed("UploadRespondents");
  }

  @Test
  void abortedUploadAbortsTheReplacement() {
    upload.willEndWith("ABORTED");
    ProcessInstance instance = start();
    runJobs(10);
    BpmnAwareTests.assertThat(instance).isEnded().hasPassed("UploadRespondents", "ReplacementAborted");
  }

  @Test
  void aStartWithMissingOrWrongVariablesIsRefusedAndLeavesNoInstance() {
    assertThatThrownBy(() -> processEngine.getRuntimeService().startProcessInstanceByKey("cintReplaceRecontacts",
        Map.of("accountId", 101, "projectId", "01BTGNYV6HRNK8K8VKZASZCFP0", "targetGroupId", "TG",
            "completesGoal", 0)))
        .hasMessageContaining("targetGroupId is 'TG' (String)")
        .hasMessageContaining("completesGoal is '0' (Integer)")
        .hasMessageContaining("respondentFile is missing");
    assertThat(processEngine.getRuntimeService().createProcessInstanceQuery().count()).isZero();
  }
}
