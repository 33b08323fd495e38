package io.recontact.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.recontact.cint.client.CintApiException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.test.Deployment;
import org.camunda.bpm.engine.test.mock.Mocks;
import org.camunda.community.process_test_coverage.junit5.platform7.ProcessEngineCoverageExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** A 429 waits for its Retry-After without using up a retry; other failures follow the retry cycle. */
@Deployment(resources = "stubs/rate-limited-call.bpmn")
class RateLimitRetryPluginTest {

  @RegisterExtension
  static ProcessEngineCoverageExtension engine = ProcessEngineCoverageExtension.builder("camunda-unit.cfg.xml")
      .build();

  ProcessEngine processEngine;

  @AfterEach
  void clear() {
    Mocks.reset();
  }

  @Test
  void rateLimitReschedulesAfterRetryAfterKeepingRetries() {
    Mocks.register("marketplaceCall", (JavaDelegate) execution -> {
      throw new CintApiException("CintApi#createLaunchJob", 429, null, "too_many_requests_problem_details",
          "slow down", List.of(), Duration.ofSeconds(120));
    });
    Job job = startAndFail();

    assertThat(job.getRetries()).as("a 429 uses up no retry").isEqualTo(3);
    assertThat(job.getDuedate().toInstant()).isBetween(Instant.now().plusSeconds(110), Instant.now().plusSeconds(125));
    assertThat(job.getExceptionMessage()).contains("Rate limited", "120 s", "slow down");
    assertThat(processEngine.getRuntimeService().createIncidentQuery().count()).isZero();
  }

  @Test
  void serverErrorUsesTheRetryCycle() {
    Mocks.register("marketplaceCall", (JavaDelegate) execution -> {
      throw new CintApiException("CintApi#getOverview", 503, null, null, "unavailable", List.of(), null);
    });
    Job job = startAndFail();

    assertThat(job.getRetries()).isEqualTo(2);
    assertThat(job.getDuedate().toInstant()).isBetween(Instant.now().plusSeconds(5), Instant.now().plusSeconds(15));
  }

  private Job startAndFail() {
    ProcessInstance instance = processEngine.getRuntimeService().startProcessInstanceByKey("rateLimitedCall");
    Job job = processEngine.getManagementService().createJobQuery().processInstanceId(instance.getId())
        .singleResult();
    assertThatThrownBy(() -> processEngine.getManagementService().executeJob(job.getId()))
        .isInstanceOf(CintApiException.class);
    return processEngine.getManagementService().createJobQuery().processInstanceId(instance.getId())
        .singleResult();
  }
}
