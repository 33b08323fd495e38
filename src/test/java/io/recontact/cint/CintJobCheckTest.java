package io.recontact.cint;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.doAnswer;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import io.recontact.cint.CintJobCheck.Outcome;
import io.recontact.cint.client.CintModel.FailureReason;
import io.recontact.cint.client.CintModel.JobStatus;
import io.recontact.engine.DiagramTests;
import io.recontact.metrics.RecontactMetrics;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.junit.jupiter.api.Test;

/** Cint's job status becomes the diagram's outcome the same way for every job loop. */
class CintJobCheckTest {

  static final CintJobCheck.Loop LOOP = new CintJobCheck.Loop("launch", RecontactMetrics.LAUNCH, "reason");

  final CintJobCheck check = new CintJobCheck(DiagramTests.polling(), RecontactMetrics.none());
  final Map<String, Object> variables = new HashMap<>();
  final DelegateExecution execution = execution(variables);

  static DelegateExecution execution(Map<String, Object> variables) {
    DelegateExecution execution = mock(DelegateExecution.class);
    when(execution.getVariable(anyString())).thenAnswer(call -> variables.get(call.<String>getArgument(0)));
    doAnswer(call -> variables.put(call.getArgument(0), call.getArgument(1))).when(execution)
        .setVariable(anyString(), org.mockito.ArgumentMatchers.any());
    return execution;
  }

  @Test
  void completedAndFailedJobsAreDoneAndAFailureNamesCintsReason() {
    assertThat(check.outcome(execution, LOOP, "job", JobStatus.COMPLETED, null)).isEqualTo(Outcome.COMPLETED);
    assertThat(variables).doesNotContainKey("reason");
    assertThat(check.outcome(execution, LOOP, "job", JobStatus.FAILED,
        new FailureReason("TargetGroupInvalidState", "not a draft", List.of()))).isEqualTo(Outcome.FAILED);
    assertThat(variables).containsEntry("reason", "TargetGroupInvalidState: not a draft");
    assertThat(check.outcome(execution, LOOP, "job", JobStatus.FAILED, null)).isEqualTo(Outcome.FAILED);
    assertThat(variables).containsEntry("reason", "Cint gave no failure_reason");
  }

  @Test
  void aRunningJobIsPolledAgainUntilTheDeadlineThenHandedToAPerson() {
    variables.put("launchPollStartedAt", Instant.now().toString());
    assertThat(check.outcome(execution, LOOP, "Cint launch job 1", JobStatus.PROCESSING, null))
        .isEqualTo(Outcome.PROCESSING);
    assertThat(variables).containsEntry("launchPollCount", 1).doesNotContainKey("reason");
    assertThat(check.outcome(execution, LOOP, "Cint launch job 1", JobStatus.UNKNOWN, null))
        .isEqualTo(Outcome.PROCESSING);
    variables.put("launchPollStartedAt", Instant.now().minusSeconds(2 * 3600).toString());
    assertThat(check.outcome(execution, LOOP, "Cint launch job 1", JobStatus.PROCESSING, null))
        .isEqualTo(Outcome.DEADLINE);
    assertThat((String) variables.get("reason")).startsWith("Cint launch job 1 is still PROCESSING after PT1H");
  }
}
