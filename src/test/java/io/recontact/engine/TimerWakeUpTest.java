package io.recontact.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.ProcessEngineConfiguration;
import org.camunda.bpm.engine.history.HistoricActivityInstance;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.jobexecutor.JobExecutor;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.junit.jupiter.api.Test;

/**
 * With the product's job-executor settings (acquisition pause 5 s, max wait 5 s) a timer of 1 s fires within a few
 * hundred milliseconds of its due time when this node created it; without the wake it waited for the next
 * acquisition, up to 5 s (horizon 0 below shows it).
 */
class TimerWakeUpTest {

  static final BpmnModelInstance THREE_TIMERS = Bpmn.createExecutableProcess("threeTimers")
      .camundaHistoryTimeToLive(1)
      .startEvent("Start")
      .intermediateCatchEvent("Wait1").timerWithDuration("PT1S")
      .intermediateCatchEvent("Wait2").timerWithDuration("PT1S")
      .intermediateCatchEvent("Wait3").timerWithDuration("PT1S")
      .endEvent("End")
      .done();

  @Test
  void timersFireOnTimeAtTheProductsAcquisitionPause() throws Exception {
    List<Long> lags = lags(Duration.ofHours(1));
    assertThat(lags).as("ms each 1 s timer fired after its due time").hasSize(3).allSatisfy(
        lag -> assertThat(lag).isLessThan(1_000));
  }

  @Test
  void withoutTheWakeATimerWaitsForTheNextAcquisition() throws Exception {
    List<Long> lags = lags(Duration.ZERO);
    // Each acquisition pause is 5 s: three timers cannot all be met within a second of their due time.
    assertThat(lags.stream().mapToLong(Long::longValue).sum()).isGreaterThan(1_000);
  }

  private List<Long> lags(Duration horizon) throws InterruptedException {
    PollingProperties polling = PollingProperties.of(Duration.ofSeconds(1), 2, Duration.ofSeconds(30),
        Duration.ofHours(4), Duration.ofSeconds(5), 0.09, Duration.ofHours(1));
    polling = new PollingProperties(polling.initialInterval(), polling.factor(), polling.maxInterval(),
        polling.deadline(), polling.conflictWait(), polling.lagShare(), polling.maxPlannedInterval(),
        polling.earlyInterval(), polling.earlyWindow(), polling.spreadFactor(), polling.approachFrom(),
        polling.approachShare(), polling.lateAfter(), polling.lateFactor(), horizon);
    TimerWakeUp wake = new TimerWakeUp(polling, new ChunkQueue(JobSchedulingTest.PROPERTIES));
    ProcessEngineConfigurationImpl configuration = (ProcessEngineConfigurationImpl) ProcessEngineConfiguration
        .createStandaloneInMemProcessEngineConfiguration()
        .setJdbcUrl("jdbc:h2:mem:timer-wake-" + UUID.randomUUID())
        .setHistory(ProcessEngineConfiguration.HISTORY_FULL)
        .setJobExecutorActivate(true);
    configuration.setProcessEngineName("timer-wake-" + UUID.randomUUID());
    configuration.setProcessEnginePlugins(List.of(wake));
    ProcessEngine engine = configuration.buildProcessEngine();
    try {
      JobExecutor executor = configuration.getJobExecutor();
      // The product's settings (application.yaml: max-wait 5000; Camunda's pause 5000).
      executor.setWaitTimeInMillis(5_000);
      executor.setMaxWait(5_000);
      engine.getRepositoryService().createDeployment().addModelInstance("three-timers.bpmn", THREE_TIMERS).deploy();
      // Let the idle acquisition settle into its 5 s pause first.
      Thread.sleep(1_500);
      String id = engine.getRuntimeService().startProcessInstanceByKey("threeTimers").getId();
      long deadline = System.currentTimeMillis() + 60_000;
      while (engine.getHistoryService().createHistoricProcessInstanceQuery().processInstanceId(id).finished()
          .count() == 0 && System.currentTimeMillis() < deadline) {
        Thread.sleep(50);
      }
      List<HistoricActivityInstance> waits = engine.getHistoryService().createHistoricActivityInstanceQuery()
          .processInstanceId(id).activityType("intermediateTimer").finished().list().stream()
          .sorted(Comparator.comparing(HistoricActivityInstance::getStartTime)).toList();
      return waits.stream().map(w -> w.getDurationInMillis() - 1_000).toList();
    } finally {
      engine.close();
      wake.destroy();
    }
  }
}
