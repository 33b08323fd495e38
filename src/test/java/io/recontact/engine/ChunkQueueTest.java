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
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.support.StaticListableBeanFactory;

/**
 * A new chunk job is due at its place in the queue of chunk work (on a real engine, jobs executed by hand with a
 * fixed clock): the first at once, each further one a chunk run time over the threads later; control jobs at once;
 * with {@code chunk-plan-limit} 0 all at once as before.
 */
class ChunkQueueTest {

  static final Date NOW = new Date(1_800_000_000_000L);
  ProcessEngine engine;

  @AfterEach
  void close() {
    ClockUtil.reset();
    if (engine != null) {
      engine.close();
    }
  }

  @Test
  void eachNewChunkJobIsDueWhenTheThreadsReachIt() {
    List<Job> chunks = chunkJobsOfFiveQuotas(Duration.ofMinutes(5));
    // Mean chunk time 400 ms (the budget before any chunk ran); the first chunk is due and none runs (no executor
    // here), so one thread is counted at chunk work: each further place 400 ms later.
    assertThat(chunks).extracting(j -> j.getDuedate().getTime() - NOW.getTime())
        .containsExactly(0L, 400L, 800L, 1_200L, 1_600L);
    assertThat(chunks).allSatisfy(j -> assertThat(j.getPriority()).isZero());
  }

  @Test
  void aPlanIsCappedAndZeroSwitchesPlanningOff() {
    assertThat(chunkJobsOfFiveQuotas(Duration.ofMillis(500))).extracting(j -> j.getDuedate().getTime()
        - NOW.getTime()).containsExactly(0L, 400L, 500L, 500L, 500L);
    engine.close();
    assertThat(chunkJobsOfFiveQuotas(Duration.ZERO)).extracting(j -> j.getDuedate().getTime() - NOW.getTime())
        .containsOnly(0L);
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
    queue.ranFor(Duration.ofMillis(1_400));
    assertThat(queue.meanMillis()).as("running mean moves a fifth of the way").isCloseTo(600, within(0.01));
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
    ClockUtil.setCurrentTime(NOW);
    for (int i = 0; i < 5; i++) {
      String instance = engine.getRuntimeService().startProcessInstanceByKey("queued").getId();
      Job control = engine.getManagementService().createJobQuery().processInstanceId(instance).singleResult();
      assertThat(control.getDuedate()).as("a control job is due at once").isEqualTo(NOW);
      engine.getManagementService().executeJob(control.getId());
    }
    return engine.getManagementService().createJobQuery().list().stream()
        .sorted(Comparator.comparing(Job::getDuedate)).toList();
  }

  static JobSchedulingProperties properties(Duration limit) {
    return new JobSchedulingProperties(Duration.ofMillis(400), 100, 0, limit);
  }
}
