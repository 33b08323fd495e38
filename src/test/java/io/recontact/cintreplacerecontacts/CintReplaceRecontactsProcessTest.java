package io.recontact.cintreplacerecontacts;


import io.recontact.process.CalledProcessStub;
import java.util.Map;
import io.recontact.process.DiagramTests;
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
        "rp-1", Map.of("accountId", 101, "projectId", "P", "targetGroupId", "TG", "completesGoal", 3));
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
}
