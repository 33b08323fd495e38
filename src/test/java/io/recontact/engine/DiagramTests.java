package io.recontact.engine;

import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.execute;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.jobQuery;

import java.time.Duration;
import java.util.List;
import org.camunda.bpm.engine.runtime.Job;

/** Shared fixtures of the diagram tests (in-memory engine, scripted delegates). */
public final class DiagramTests {

  private DiagramTests() {
  }

  /** The real polling rules with small numbers: 1 s first, doubling to 8 s, deadline 1 h, 2 s after a 409. */
  public static JobPolling polling() {
    return new JobPolling(PollingProperties.of(Duration.ofSeconds(1), 2, Duration.ofSeconds(8), Duration.ofHours(1),
        Duration.ofSeconds(2), 0.07, Duration.ofMinutes(10)));
  }

  /**
   * Runs jobs of any instance (parent or called) until none with retries is left, at most {@code max}. Timers are
   * included: the test does not wait for their due dates.
   */
  public static void runJobs(int max) {
    for (int i = 0; i < max; i++) {
      List<Job> jobs = jobQuery().withRetriesLeft().list();
      if (jobs.isEmpty()) {
        return;
      }
      execute(jobs.get(0));
    }
  }
}
