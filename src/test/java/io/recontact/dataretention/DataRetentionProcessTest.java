package io.recontact.dataretention;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.history.HistoricVariableInstance;
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

/**
 * Every path of {@code bpmn/data-retention.bpmn}: the timer and a requested start, the chunk loop through every kind
 * (one job per chunk), history cleanup, the end figures, and a start with variables refused.
 */
@Deployment(resources = "bpmn/data-retention.bpmn")
class DataRetentionProcessTest {

  static final Instant NOW = Instant.parse("2026-12-06T03:30:00Z");

  @RegisterExtension
  static ProcessEngineCoverageExtension engine = ProcessEngineCoverageExtension.builder("camunda-unit.cfg.xml")
      .assertClassCoverageAtLeast(1.0).build();

  ProcessEngine processEngine;
  /** The chunks each kind hands out, in order: rows removed and whether more is left. */
  static final List<String> chunks = new ArrayList<>();

  @BeforeAll
  static void beansForDeployment() {
    register();
  }

  @BeforeEach
  void setUp() {
    BpmnAwareTests.init(processEngine);
    register();
    chunks.clear();
  }

  @AfterEach
  void clear() {
    Mocks.reset();
  }

  static void register() {
    RetentionProperties properties = new RetentionProperties("R/PT1M", Duration.ofDays(90), 2, 1);
    Mocks.register("retention", new RetentionSettings(properties));
    Mocks.register("retentionStart", new RetentionStart(properties, Clock.fixed(NOW, ZoneOffset.UTC)));
    // Files: two chunks (the first says more), then one chunk per other kind.
    Mocks.register("removeRetainedRows", (JavaDelegate) ex -> {
      RetentionVariables vars = new RetentionVariables(ex);
      RetainedKind kind = vars.kind();
      boolean more = kind == RetainedKind.RESPONDENT_FILES && vars.cursor() == null;
      chunks.add(kind + (more ? " more" : " done"));
      vars.chunk(kind, new RetainedRows.Removed(1, 10, "7", more));
    });
    Mocks.register("cleanUpHistory", (JavaDelegate) ex -> new RetentionVariables(ex).history(3, "job j due now"));
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
  void aRequestedRunRemovesChunkByChunkThenCleansUpHistoryAndEndsWithItsFigures() {
    ProcessInstance run = processEngine.getRuntimeService().startProcessInstanceByKey("dataRetention");
    BpmnAwareTests.assertThat(run).isWaitingAt("RemoveRetainedRows");
    assertThat(processEngine.getRuntimeService().getVariable(run.getId(), RetentionVariables.CUTOFF))
        .as("fixed once at the start").isEqualTo("2026-09-07T03:30:00Z");
    runJobs(run.getId());
    BpmnAwareTests.assertThat(run).isEnded().hasPassed("RetentionDue", "JoinChunks", "RemoveRetainedRows",
        "MoreToRemove", "CleanUpHistory", "RetentionDone");
    assertThat(chunks).containsExactly("RESPONDENT_FILES more", "RESPONDENT_FILES done", "UPLOAD_BATCH_IDS done",
        "QUOTA_MEMBERS done", "INVITE_BODIES done");
    Map<String, Object> end = endVariables(run.getId());
    assertThat(end).containsEntry(RetentionVariables.FILES_REMOVED, 2L)
        .containsEntry("respondentFileRowsRemoved", 20L).containsEntry("uploadBatchIdsRemoved", 10L)
        .containsEntry("quotaMemberRowsRemoved", 10L).containsEntry("inviteBodiesRemoved", 10L)
        .containsEntry(RetentionVariables.HISTORY_DUE, 3L).containsEntry(RetentionVariables.KIND, "DONE")
        .containsEntry(RetentionVariables.HISTORY_CLEANUP, "job j due now");
    assertThat((String) end.get(RetentionVariables.SUMMARY)).startsWith("before 2026-09-07T03:30:00Z:")
        .contains("respondentFilesRemoved=2").contains("historyInstancesDue=3");
  }

  @Test
  void theTimerStartsARunAndSchedulesTheNext() {
    Job timer = processEngine.getManagementService().createJobQuery().timers().activityId("RetentionDue")
        .singleResult();
    assertThat(timer).as("the timer start event is scheduled when the diagram is deployed").isNotNull();
    processEngine.getManagementService().executeJob(timer.getId());
    ProcessInstance run = processEngine.getRuntimeService().createProcessInstanceQuery()
        .processDefinitionKey("dataRetention").singleResult();
    runJobs(run.getId());
    BpmnAwareTests.assertThat(run).isEnded().hasPassed("RetentionDue", "RetentionDone");
    assertThat(processEngine.getManagementService().createJobQuery().timers().activityId("RetentionDue").count())
        .as("the cycle schedules the next run").isEqualTo(1);
  }

  @Test
  void aStartWithVariablesIsRefusedAndLeavesNoInstance() {
    assertThatThrownBy(() -> processEngine.getRuntimeService().startProcessInstanceByKey("dataRetention",
        Map.of("afterEnd", "P1D")))
        .hasMessageContaining("dataRetention was not started: takes no variables")
        .hasMessageContaining("remove [afterEnd]");
    assertThat(processEngine.getRuntimeService().createProcessInstanceQuery().processDefinitionKey("dataRetention")
        .count()).isZero();
  }

  @Test
  void theDefaultCycleIsACronCamundaSchedulesDaily() {
    RetentionProperties defaults = new RetentionProperties("0 30 3 * * ?", Duration.ofDays(90), 1000, 10);
    java.util.Date next = new org.camunda.bpm.engine.impl.calendar.CycleBusinessCalendar()
        .resolveDuedate(defaults.cycle());
    assertThat(next).isAfter(new java.util.Date());
    assertThat(Duration.between(Instant.now(), next.toInstant())).isLessThanOrEqualTo(Duration.ofDays(1));
  }

  Map<String, Object> endVariables(String processInstanceId) {
    Map<String, Object> values = new java.util.HashMap<>();
    for (HistoricVariableInstance v : processEngine.getHistoryService().createHistoricVariableInstanceQuery()
        .processInstanceId(processInstanceId).list()) {
      values.put(v.getName(), v.getValue());
    }
    return values;
  }
}
