package io.recontact.engine;

import java.lang.management.ManagementFactory;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.List;
import org.camunda.bpm.engine.OptimisticLockingException;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.interceptor.CommandExecutor;
import org.camunda.bpm.engine.impl.jobexecutor.JobExecutor;
import org.camunda.bpm.engine.impl.persistence.entity.JobEntity;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Gives the job executor this node's stable lock owner ({@link NodeLockOwner}) and, when the engine is built and before
 * the job executor acquires (it starts on the application-ready event), unlocks the jobs that owner still holds. The
 * process that locked them is dead: nothing a node locked before it started can still be running, and its unfinished
 * transaction was rolled back with it, so each such job runs again at once instead of after its lock time (5 min).
 *
 * <p>Only jobs locked before this process started are released (lock expiry minus lock time before the JVM's start):
 * a job locked later under this owner belongs to another live node that was given the same owner by mistake; it is
 * left to its lock and an error is logged. Each job is unlocked in a command of its own through the engine's entity
 * (revision checked, like Camunda's own unlock at shutdown), so a job another node took meanwhile is not touched.
 * An unlock writes no history or job log entry; the job's next run is logged as usual.
 */
@Component
public class OwnStaleLocks extends AbstractProcessEnginePlugin {

  private static final Logger LOG = LoggerFactory.getLogger(OwnStaleLocks.class);

  private final NodeLockOwner.Owner owner;
  private final boolean release;
  private final long processStartMillis;

  @Autowired
  public OwnStaleLocks(NodeProperties properties, @Value("${server.port:8080}") int port) {
    this(NodeLockOwner.of(properties.lockOwner(), port, NodeLockOwner::localHostName), properties.releaseOwnLocks(),
        ManagementFactory.getRuntimeMXBean().getStartTime());
  }

  OwnStaleLocks(NodeLockOwner.Owner owner, boolean release, long processStartMillis) {
    this.owner = owner;
    this.release = release;
    this.processStartMillis = processStartMillis;
  }

  public String owner() {
    return owner.name();
  }

  /**
   * This node's owner when it stays the same across restarts, so that what the owner claimed before this process
   * started (job locks, outbox leases) is known to belong to a dead process; empty otherwise.
   */
  public java.util.Optional<String> stableOwner() {
    return release && owner.stable() ? java.util.Optional.of(owner.name()) : java.util.Optional.empty();
  }

  /** When this process (JVM) started. */
  public java.time.Instant processStart() {
    return java.time.Instant.ofEpochMilli(processStartMillis);
  }

  /** After every preInit: the starter's job configuration has set the job executor by then. */
  @Override
  public void postInit(ProcessEngineConfigurationImpl configuration) {
    JobExecutor executor = configuration.getJobExecutor();
    if (executor != null) {
      executor.setLockOwner(owner.name());
    }
  }

  @Override
  public void postProcessEngineBuild(ProcessEngine engine) {
    ProcessEngineConfigurationImpl configuration = (ProcessEngineConfigurationImpl) engine
        .getProcessEngineConfiguration();
    JobExecutor executor = configuration.getJobExecutor();
    if (!release || !owner.stable() || executor == null) {
      LOG.info("Job lock owner {}; own stale locks not released at start ({})", owner.name(),
          !release ? "recontact.node.release-own-locks=false" : "owner not stable across restarts");
      return;
    }
    if (executor.isActive()) {
      // Its acquisition may already hold jobs under this owner that are running now.
      LOG.warn("Job executor already active at engine build: own stale locks of {} not released", owner.name());
      return;
    }
    CommandExecutor commands = configuration.getCommandExecutorTxRequired();
    long lockedBefore = processStartMillis + executor.getLockTimeInMillis();
    String table = configuration.getDatabaseTablePrefix() + "ACT_RU_JOB";
    List<String> stale = commands.execute(context -> lockedJobs(context.getDbSqlSession().getSqlSession()
        .getConnection(), table, "LOCK_EXP_TIME_ < ?", lockedBefore));
    List<String> foreign = commands.execute(context -> lockedJobs(context.getDbSqlSession().getSqlSession()
        .getConnection(), table, "LOCK_EXP_TIME_ >= ?", lockedBefore));
    int released = 0;
    for (String jobId : stale) {
      released += unlock(commands, jobId) ? 1 : 0;
    }
    LOG.info("Job lock owner {}: released {} job(s) locked by this node's previous process", owner.name(), released);
    if (!foreign.isEmpty()) {
      LOG.error("{} job(s) were locked by owner {} after this process started: another live node uses the same lock "
          + "owner. Give each node its own recontact.node.lock-owner; those jobs are left to their lock.",
          foreign.size(), owner.name());
    }
  }

  private List<String> lockedJobs(Connection connection, String table, String lockCondition, long lockedBefore) {
    try (PreparedStatement query = connection.prepareStatement("select ID_ from " + table
        + " where LOCK_OWNER_ = ? and " + lockCondition)) {
      query.setString(1, owner.name());
      query.setTimestamp(2, new Timestamp(lockedBefore));
      List<String> ids = new ArrayList<>();
      try (ResultSet rows = query.executeQuery()) {
        while (rows.next()) {
          ids.add(rows.getString(1));
        }
      }
      return ids;
    } catch (SQLException e) {
      throw new ProcessEngineException("Could not read the jobs locked by " + owner.name(), e);
    }
  }

  /** Unlocks the job if this owner still holds it; false when it is gone or another node changed it meanwhile. */
  private boolean unlock(CommandExecutor commands, String jobId) {
    try {
      return commands.execute(context -> {
        JobEntity job = context.getJobManager().findJobById(jobId);
        if (job == null || !owner.name().equals(job.getLockOwner())) {
          return false;
        }
        job.unlock();
        return true;
      });
    } catch (OptimisticLockingException e) {
      return false;
    }
  }
}
