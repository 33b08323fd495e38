package io.recontact.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.List;
import java.util.UUID;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.ProcessEngineConfiguration;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.cfg.StandaloneInMemProcessEngineConfiguration;
import org.camunda.bpm.engine.impl.jobexecutor.DefaultJobExecutor;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.junit.jupiter.api.Test;

/**
 * A restarted node's engine, built on the database its dead predecessor used: the jobs that node's owner locked before
 * the restart are free again before the job executor starts; jobs of another owner, and jobs locked under the same
 * owner after the process started (a second live node given the same owner by mistake), keep their locks.
 */
class OwnStaleLocksTest {

  static final long LOCK_TIME = 300_000;
  final String url = "jdbc:h2:mem:own-stale-locks-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1";

  @Test
  void aRestartReleasesOnlyItsOwnLocksFromBeforeItStarted() throws Exception {
    long started = System.currentTimeMillis();
    List<String> jobs;
    ProcessEngine first = engine("first", new OwnStaleLocks(new NodeLockOwner.Owner("vm:8080", true), true, 0));
    try {
      first.getRepositoryService().createDeployment().addModelInstance("wait.bpmn", Bpmn.createExecutableProcess("wait")
          .startEvent().serviceTask("Step").camundaAsyncBefore().camundaExpression("${true}").endEvent().done())
          .deploy();
      for (int i = 0; i < 4; i++) {
        first.getRuntimeService().startProcessInstanceByKey("wait");
      }
      jobs = first.getManagementService().createJobQuery().list().stream().map(Job::getId).sorted().toList();
      // The dead process's locks (taken a minute before this one started), another node's, and one taken under
      // this owner after the start.
      lock(first, jobs.get(0), "vm:8080", started - 60_000 + LOCK_TIME);
      lock(first, jobs.get(1), "vm:8080", started - 10_000 + LOCK_TIME);
      lock(first, jobs.get(2), "vm:8081", started - 60_000 + LOCK_TIME);
      lock(first, jobs.get(3), "vm:8080", started + 5_000 + LOCK_TIME);
    } finally {
      first.close();
    }

    OwnStaleLocks plugin = new OwnStaleLocks(new NodeLockOwner.Owner("vm:8080", true), true, started);
    ProcessEngine restarted = engine("restarted", plugin);
    try {
      ProcessEngineConfigurationImpl configuration =
          (ProcessEngineConfigurationImpl) restarted.getProcessEngineConfiguration();
      assertThat(configuration.getJobExecutor().getLockOwner()).isEqualTo("vm:8080");
      assertThat(lockOwner(restarted, jobs.get(0))).isNull();
      assertThat(lockOwner(restarted, jobs.get(1))).isNull();
      assertThat(lockOwner(restarted, jobs.get(2))).isEqualTo("vm:8081");
      assertThat(lockOwner(restarted, jobs.get(3))).isEqualTo("vm:8080");
    } finally {
      restarted.close();
    }
  }

  @Test
  void anOwnerThatIsNotStableReleasesNothing() throws Exception {
    ProcessEngine first = engine("first", new OwnStaleLocks(new NodeLockOwner.Owner("x", true), true, 0));
    String job;
    try {
      first.getRepositoryService().createDeployment().addModelInstance("wait.bpmn", Bpmn.createExecutableProcess("wait")
          .startEvent().serviceTask("Step").camundaAsyncBefore().camundaExpression("${true}").endEvent().done())
          .deploy();
      first.getRuntimeService().startProcessInstanceByKey("wait");
      job = first.getManagementService().createJobQuery().singleResult().getId();
      lock(first, job, "random-owner", System.currentTimeMillis() - 60_000 + LOCK_TIME);
    } finally {
      first.close();
    }
    ProcessEngine restarted = engine("restarted",
        new OwnStaleLocks(new NodeLockOwner.Owner("random-owner", false), true, System.currentTimeMillis()));
    try {
      assertThat(lockOwner(restarted, job)).isEqualTo("random-owner");
    } finally {
      restarted.close();
    }
  }

  private ProcessEngine engine(String name, OwnStaleLocks plugin) {
    StandaloneInMemProcessEngineConfiguration configuration = (StandaloneInMemProcessEngineConfiguration)
        ProcessEngineConfiguration.createStandaloneInMemProcessEngineConfiguration();
    configuration.setProcessEngineName("own-stale-locks-" + name + "-" + UUID.randomUUID());
    configuration.setJdbcUrl(url);
    configuration.setDatabaseSchemaUpdate(ProcessEngineConfiguration.DB_SCHEMA_UPDATE_TRUE);
    configuration.setJobExecutorActivate(false);
    configuration.setEnforceHistoryTimeToLive(false);
    configuration.setDbMetricsReporterActivate(false);
    DefaultJobExecutor executor = new DefaultJobExecutor();
    executor.setLockTimeInMillis((int) LOCK_TIME);
    configuration.setJobExecutor(executor);
    configuration.setProcessEnginePlugins(List.of(plugin));
    return configuration.buildProcessEngine();
  }

  private static void lock(ProcessEngine engine, String jobId, String owner, long expiresAt) throws SQLException {
    try (Connection connection = ((ProcessEngineConfigurationImpl) engine.getProcessEngineConfiguration())
        .getDataSource().getConnection();
        PreparedStatement update = connection.prepareStatement(
            "update ACT_RU_JOB set LOCK_OWNER_ = ?, LOCK_EXP_TIME_ = ?, REV_ = REV_ + 1 where ID_ = ?")) {
      update.setString(1, owner);
      update.setTimestamp(2, new Timestamp(expiresAt));
      update.setString(3, jobId);
      assertThat(update.executeUpdate()).isEqualTo(1);
    }
  }

  private static String lockOwner(ProcessEngine engine, String jobId) {
    return ((ProcessEngineConfigurationImpl) engine.getProcessEngineConfiguration()).getCommandExecutorTxRequired()
        .execute(context -> context.getJobManager().findJobById(jobId).getLockOwner());
  }
}
