package io.recontact.cintreplacerecontacts;

import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.complete;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.execute;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.jobQuery;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.taskQuery;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.withVariables;

import io.recontact.cintremoverecontacts.RemovalDecisions;
import io.recontact.cintuploadrespondents.UploadDecisions;
import io.recontact.process.JobPolling;
import io.recontact.process.PollingProperties;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.delegate.BpmnError;
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

/**
 * Every path of {@code bpmn/cint-replace-recontacts.bpmn}. The removal and the upload are the real called diagrams
 * with scripted delegates; their own paths are covered by their own tests.
 */
@Deployment(resources = {"bpmn/cint-replace-recontacts.bpmn", "bpmn/cint-remove-recontacts.bpmn",
    "bpmn/cint-upload-respondents.bpmn", "forms/review-removal-failure.form", "forms/review-partial-upload.form"})
class CintReplaceRecontactsProcessTest {

  @RegisterExtension
  static ProcessEngineCoverageExtension engine = ProcessEngineCoverageExtension.builder("camunda-unit.cfg.xml")
      .build();

  ProcessEngine processEngine;
  boolean invalid;
  boolean removalFails;
  boolean goalMissed;

  @BeforeEach
  void scripts() {
    BpmnAwareTests.init(processEngine);
    JobPolling polling = new JobPolling(new PollingProperties(Duration.ofSeconds(1), 2, Duration.ofSeconds(8),
        Duration.ofHours(1), Duration.ofSeconds(2)));
    Mocks.register("jobPolling", polling);
    Mocks.register("removalDecisions", new RemovalDecisions());
    Mocks.register("uploadDecisions", new UploadDecisions());
    Mocks.register("prepareReplacementFile", (JavaDelegate) ex -> {
      if (invalid) {
        throw new BpmnError("INVALID_REQUEST", "completesGoal is required");
      }
      ex.setVariable("respondentFileId", 1L);
    });
    Mocks.register("startRemoveAllJob", (JavaDelegate) ex -> polling.start(ex, "remove"));
    Mocks.register("checkRemoveAllJob", (JavaDelegate) ex -> ex.setVariable("removeJobStatus",
        removalFails ? "FAILED" : "COMPLETED"));
    Mocks.register("planUploadBatches", (JavaDelegate) ex -> ex.setVariable("nextBatchId", null));
    Mocks.register("checkSavedCount", (JavaDelegate) ex -> {
      ex.setVariable("savedCount", 3);
      ex.setVariable("goalMet", !goalMissed);
    });
    Mocks.register("prepareUploadReview", (JavaDelegate) ex -> ex.setVariable("uploadJobStatus", "GOAL_NOT_MET"));
    Mocks.register("applyUploadDecision", (JavaDelegate) ex -> ex.setVariable("nextBatchId", null));
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
    for (int i = 0; i < max; i++) {
      List<Job> jobs = jobQuery().withRetriesLeft().list();
      if (jobs.isEmpty()) {
        return;
      }
      execute(jobs.get(0));
    }
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
    removalFails = true;
    ProcessInstance instance = start();
    runJobs(5);
    complete(taskQuery().taskDefinitionKey("ReviewRemovalFailure").singleResult(),
        withVariables("removalDecision", "abort"));
    runJobs(5);
    BpmnAwareTests.assertThat(instance).isEnded().hasPassed("ReplacementAborted").hasNotPassed("UploadRespondents");
  }

  @Test
  void abortedUploadAbortsTheReplacement() {
    goalMissed = true;
    ProcessInstance instance = start();
    runJobs(10);
    complete(taskQuery().taskDefinitionKey("ReviewPartialUpload").singleResult(),
        withVariables("uploadDecision", "abort", "completesGoal", 3));
    runJobs(5);
    BpmnAwareTests.assertThat(instance).isEnded().hasPassed("UploadRespondents", "ReplacementAborted");
  }
}
