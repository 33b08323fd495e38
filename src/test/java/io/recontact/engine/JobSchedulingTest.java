package io.recontact.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BooleanSupplier;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.ProcessEngineConfiguration;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.persistence.entity.JobEntity;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.test.mock.MockExpressionManager;
import org.camunda.bpm.engine.test.mock.Mocks;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.support.StaticListableBeanFactory;

/**
 * The central job-scheduling rule on a real engine (in memory, no job executor: jobs are executed by hand): chunk steps
 * get the low priority and non-exclusive jobs, everything else the control priority; a priority on the element wins;
 * every job has a due date; a chunk's time budget is spent only inside a job.
 */
class JobSchedulingTest {

  static final JobSchedulingProperties PROPERTIES = new JobSchedulingProperties(Duration.ofMillis(200), 100, 0,
      Duration.ofMinutes(5), Duration.ofSeconds(30));
  static ProcessEngine engine;
  final List<Boolean> budgetLeft = new CopyOnWriteArrayList<>();

  @BeforeAll
  static void engine() {
    StaticListableBeanFactory beans = new StaticListableBeanFactory(Map.of("steps",
        new ChunkSteps("chunked", Set.of("Chunk"))));
    ProcessEngineConfigurationImpl configuration = (ProcessEngineConfigurationImpl) ProcessEngineConfiguration
        .createStandaloneInMemProcessEngineConfiguration()
        .setJdbcUrl("jdbc:h2:mem:job-scheduling-test;DB_CLOSE_DELAY=-1")
        .setProcessEngineName("job-scheduling-test")
        .setJobExecutorActivate(false);
    configuration.setExpressionManager(new MockExpressionManager());
    configuration.setEnforceHistoryTimeToLive(false);
    configuration.setProcessEnginePlugins(List.of(new JobScheduling(PROPERTIES,
        beans.getBeanProvider(ChunkSteps.class))));
    engine = configuration.buildProcessEngine();
  }

  @AfterAll
  static void close() {
    engine.close();
  }

  @AfterEach
  void reset() {
    Mocks.reset();
    engine.getRepositoryService().createDeploymentQuery().list()
        .forEach(d -> engine.getRepositoryService().deleteDeployment(d.getId(), true));
  }

  @Test
  void chunkStepsGoAfterControlStepsAndAreNotChainedOnTheirThread() {
    ChunkBudget budget = new ChunkBudget(PROPERTIES);
    Mocks.register("step", (JavaDelegate) execution -> {
      Thread.sleep(300);
      BooleanSupplier left = budget.left();
      budgetLeft.add(left.getAsBoolean());
      budgetLeft.add(left.getAsBoolean());
    });
    deploy(Bpmn.createExecutableProcess("chunked").startEvent()
        .serviceTask("Control").camundaAsyncBefore().camundaExpression("${step.execute(execution)}")
        .serviceTask("Chunk").camundaAsyncBefore().camundaExpression("${step.execute(execution)}")
        .serviceTask("Declared").camundaAsyncBefore().camundaJobPriority("7")
        .camundaExpression("${step.execute(execution)}")
        .endEvent().done());
    String instance = engine.getRuntimeService().startProcessInstanceByKey("chunked").getId();

    JobEntity control = job(instance);
    assertThat(control.getPriority()).isEqualTo(100);
    assertThat(control.isExclusive()).isTrue();
    assertThat(control.getDuedate()).as("an async continuation is due from its creation").isNotNull();
    engine.getManagementService().executeJob(control.getId());

    JobEntity chunk = job(instance);
    assertThat(chunk.getPriority()).isEqualTo(0);
    assertThat(chunk.isExclusive()).as("its next job queues instead of running on at once").isFalse();
    assertThat(chunk.getDuedate()).isNotNull();
    engine.getManagementService().executeJob(chunk.getId());

    JobEntity declared = job(instance);
    assertThat(declared.getPriority()).as("camunda:jobPriority on the element wins").isEqualTo(7);
    engine.getManagementService().executeJob(declared.getId());

    assertThat(budgetLeft).as("300 ms into a job with a 200 ms budget: one more call (progress), then spent")
        .containsExactly(true, false, true, false, true, false);
    assertThat(budget.left().getAsBoolean()).as("outside a job the budget is never spent").isTrue();
  }

  @Test
  void aChunkStepWithoutAsyncContinuationFailsTheDeployment() {
    assertThatThrownBy(() -> deploy(Bpmn.createExecutableProcess("chunked").startEvent()
        .serviceTask("Chunk").camundaExpression("${true}").endEvent().done()))
        .hasMessageContaining("Chunk steps of chunked without an async continuation: [Chunk]");
  }

  private static void deploy(BpmnModelInstance model) {
    engine.getRepositoryService().createDeployment().addModelInstance("chunked.bpmn", model).deploy();
  }

  private static JobEntity job(String instance) {
    Job job = engine.getManagementService().createJobQuery().processInstanceId(instance).singleResult();
    return (JobEntity) job;
  }
}
