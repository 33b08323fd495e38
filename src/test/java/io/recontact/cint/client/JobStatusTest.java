package io.recontact.cint.client;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.recontact.cint.client.CintModel.JobStatus;
import io.recontact.cint.client.CintModel.LaunchJob;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class JobStatusTest {

  @ParameterizedTest
  @CsvSource({"Processing,PROCESSING", "Completed,COMPLETED", "succeeded,COMPLETED", "Success,COMPLETED",
      "completed,COMPLETED", "Failed,FAILED", "failed,FAILED", "Paused,UNKNOWN"})
  void specAndGuideSpellingsAreUnderstood(String wire, JobStatus expected) {
    assertThat(JobStatus.parse(wire)).isEqualTo(expected);
  }

  @Test
  void unknownStatusIsNeverDone() {
    assertThat(JobStatus.UNKNOWN.isDone()).isFalse();
    assertThat(JobStatus.PROCESSING.isDone()).isFalse();
  }

  @Test
  void launchJobFromGuideParses() throws Exception {
    ObjectMapper mapper = CintClients.objectMapper();
    LaunchJob job = mapper.readValue("""
        {"job_id":"01BTGNYV6HRNK8K8VKZASZCFP1","created_fielding_run_id":"01BTGNYV6HRNK8K8VKZASZCFP2",
         "created_at":"2023-01-01T23:00:00.000Z","created_by":"b551326b-ac9d-4d32-8823-4f025787dab9",
         "status":"succeeded","failure_reason":null,"job_trace_id":null,"something_new":1}""", LaunchJob.class);

    assertThat(job.isDone()).isTrue();
    assertThat(job.status()).isEqualTo(JobStatus.COMPLETED);
    assertThat(job.createdFieldingRunId()).isEqualTo("01BTGNYV6HRNK8K8VKZASZCFP2");
  }

  @Test
  void createResponseAcceptsIdAndTargetGroupId() throws Exception {
    ObjectMapper mapper = CintClients.objectMapper();
    assertThat(mapper.readValue("{\"id\":\"A\"}", CintModel.CreatedDraftTargetGroupResponse.class).id())
        .isEqualTo("A");
    assertThat(mapper.readValue("{\"target_group_id\":\"B\"}", CintModel.CreatedDraftTargetGroupResponse.class)
        .id()).isEqualTo("B");
  }

  @Test
  void instantsAreWrittenWithMilliseconds() throws Exception {
    String json = CintClients.objectMapper().writeValueAsString(
        new CintModel.LaunchFromDraftRequest(java.time.Instant.parse("2026-12-31T23:59:59Z")));
    assertThat(json).isEqualTo("{\"end_fielding_at\":\"2026-12-31T23:59:59.000Z\"}");
  }
}
