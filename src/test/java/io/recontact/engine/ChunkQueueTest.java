package io.recontact.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.Duration;
import java.util.Comparator;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.ProcessEngineConfiguration;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.jobexecutor.DefaultJobExecutor;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.support.StaticListableBeanFactory;

/**
 * A new chunk job is due at its place in the queue of chunk work (on a real engine, jobs executed by hand): the first
 * at once, each further one a chunk run time over the threads later; control jobs at once; with
 * {@code chunk-plan-limit} 0 all at once as before. The engine's clock is the real one: Camunda's {@code ClockUtil} is
 * one clock for every engine in the JVM, and a fixed clock here dated the other test contexts' jobs and instances
 * (a sweep started meanwhile ranked newest for good). Due dates are read relative to the first chunk job's, with a
 * margin for the time the loop itself takes.
 */
class ChunkQueueTest {

  /** The loop that creates the jobs runs this long at most between two chunk jobs. */
  static final long SLACK_MILLIS = 300;
  ProcessEngine engine;

  @AfterEach
  void close() {
    if (engine != null) {
      engine.close();
    }
  }

  @Test
  void eachNewChunkJobIsDueWhenTheThreadsReachIt() {
    List<Job> chunks = chunkJobsOfFiveQuotas(Duration.ofMinutes(5));
    // Mean chunk time 400 ms (the budget before any chunk ran); the first chunk is due and none runs (no executor
    // here), so one thread is counted at chunk work: each further place 400 ms later.
    assertPlanned(chunks, 0, 400, 800, 1_200, 1_600);
    assertThat(chunks).allSatisfy(j -> assertThat(j.getPriority()).isZero());
  }

  @Test
  void aPlanIsCappedAndZeroSwitchesPlanningOff() {
    assertPlanned(chunkJobsOfFiveQuotas(Duration.ofMillis(500)), 0, 400, 500, 500, 500);
    engine.close();
    assertPlanned(chunkJobsOfFiveQuotas(Duration.ZERO), 0, 0, 0, 0, 0);
  }

  @Test
  void theWaitIsTheQueueOverTheThreadsAtChunkWork() {
    ChunkQueue queue = new ChunkQueue(properties(Duration.ofMinutes(1)));
    assertThat(queue.waitMillis(new ChunkQueue.Backlog(40, 0, 9), 10))
        .as("40 queued, none due: every thread of the pool, 400 ms each").isEqualTo(1_600);
    assertThat(queue.waitMillis(new ChunkQueue.Backlog(40, 5, 5), 10))
        .as("chunk jobs due and not taken: only the 6 threads at chunk work count").isEqualTo(2_667);
    assertThat(queue.waitMillis(new ChunkQueue.Backlog(40, 0, 19), 10))
        .as("20 chunk jobs running: a second node at work").isEqualTo(800);
    assertThat(queue.waitMillis(new ChunkQueue.Backlog(0, 0, 9), 10)).isZero();
    assertThat(queue.waitMillis(new ChunkQueue.Backlog(1_000_000, 0, 0), 1)).as("capped").isEqualTo(60_000);
    queue.ranFor(Duration.ofMillis(800));
    assertThat(queue.meanMillis()).as("running mean moves a fifth of the way").isCloseTo(480, within(0.01));
    queue.ranFor(Duration.ofSeconds(30));
    assertThat(queue.meanMillis()).as("a job that went on, idle, past its budget counts as twice the budget")
        .isCloseTo(544, within(0.01));
  }

  /** Each job's due date after the first one's: its planned wait, plus at most the loop's time since the first. */
  private static void assertPlanned(List<Job> chunks, long... waits) {
    long first = chunks.get(0).getDuedate().getTime();
    assertThat(chunks).hasSize(waits.length);
    for (int i = 0; i < waits.length; i++) {
      assertThat(chunks.get(i).getDuedate().getTime() - first).as("chunk job %d", i)
          .isBetween(waits[i], waits[i] + SLACK_MILLIS * i);
    }
  }

  /** Five instances each past their control step: the chunk jobs, oldest first. */
  private List<Job> chunkJobsOfFiveQuotas(Duration limit) {
    JobSchedulingProperties properties = properties(limit);
    StaticListableBeanFactory beans = new StaticListableBeanFactory(Map.of("steps",
        new ChunkSteps("queued", Set.of("Chunk"))));
    ProcessEngineConfigurationImpl configuration = (ProcessEngineConfigurationImpl) ProcessEngineConfiguration
        .createStandaloneInMemProcessEngineConfiguration()
        .setJdbcUrl("jdbc:h2:mem:chunk-queue-" + UUID.randomUUID())
        .setProcessEngineName("chunk-queue-" + UUID.randomUUID())
        .setJobExecutorActivate(false);
    configuration.setEnforceHistoryTimeToLive(false);
    configuration.setProcessEnginePlugins(List.of(new JobScheduling(properties,
        beans.getBeanProvider(ChunkSteps.class)), new TimerWakeUp(PollingProperties.of(Duration.ofSeconds(1), 2,
        Duration.ofSeconds(30), Duration.ofHours(4), Duration.ofSeconds(5), 0.09, Duration.ofHours(1)),
        new ChunkQueue(properties))));
    DefaultJobExecutor executor = new DefaultJobExecutor();
    executor.setMaxPoolSize(2);
    configuration.setJobExecutor(executor);
    engine = configuration.buildProcessEngine();
    engine.getRepositoryService().createDeployment().addModelInstance("queued.bpmn", Bpmn
        .createExecutableProcess("queued").startEvent()
        .serviceTask("Control").camundaAsyncBefore().camundaExpression("${true}")
        .serviceTask("Chunk").camundaAsyncBefore().camundaExpression("${true}")
        .endEvent().done()).deploy();
    for (int i = 0; i < 5; i++) {
      String instance = engine.getRuntimeService().startProcessInstanceByKey("queued").getId();
      Job control = engine.getManagementService().createJobQuery().processInstanceId(instance).singleResult();
      assertThat(control.getDuedate()).as("a control job is due at once").isCloseTo(new Date(), SLACK_MILLIS);
      engine.getManagementService().executeJob(control.getId());
    }
    return engine.getManagementService().createJobQuery().list().stream()
        .sorted(Comparator.comparing(Job::getDuedate)).toList();
  }

  static JobSchedulingProperties properties(Duration limit) {
    return new JobSchedulingProperties(Duration.ofMillis(400), 100, 0, limit, Duration.ofMillis(400));
  }
}
