package io.recontact.engine;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.interceptor.CommandContext;
import org.camunda.bpm.engine.impl.jobexecutor.DefaultJobExecutor;
import org.camunda.bpm.engine.impl.jobexecutor.JobExecutor;
import org.camunda.bpm.engine.impl.jobexecutor.ThreadPoolJobExecutor;
import org.camunda.bpm.engine.impl.persistence.entity.JobEntity;
import org.camunda.bpm.engine.impl.persistence.entity.MessageEntity;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.spring.components.jobexecutor.SpringJobExecutor;
import org.springframework.scheduling.concurrent.ThreadPoolTaskExecutor;
import org.springframework.stereotype.Component;

/**
 * Only runnable chunk work is due (docs/reliability.md, "Job scheduling"). A new chunk job (a job at
 * {@code recontact.jobs.chunk-priority}, i.e. a chunk step's next chunk or the first chunk after a control step) is
 * due when the threads are expected to reach it, not at once: its due date is its place in the queue of chunk work
 * ahead of it, {@code now + queued × chunk time / threads}, where {@code queued} is the chunk jobs in the job table
 * not locked (due or planned, on every node: the table is shared), {@code chunk time} the mean run time of this
 * node's recent chunk jobs (starting from {@code chunk-budget}), and {@code threads} the larger of this node's job
 * executor pool and the chunk jobs locked now (several nodes at work), times a correction that follows how late
 * this node's chunk jobs actually start (aiming at {@value #TARGET_LATENESS_MILLIS} ms, {@link #startedLate}). So
 * quotas take their chunks in turn, a fair queue, and the jobs due are those a thread can take; control jobs still
 * go first by priority. The node's own job
 * executor is woken at each planned due date ({@link TimerWakeUp}). A plan is capped at {@code chunk-plan-limit}
 * (0: every chunk job is due at once, as before). Throughput should not depend on it: the plans aim at a small
 * lateness, so a thread coming free finds a chunk due rather than waiting for one.
 */
@Component
public class ChunkQueue {

  /** Weight of the newest run time in the running mean: a few chunks follow a change in the work. */
  static final double WEIGHT = 0.2;
  /**
   * The start after its due date a chunk job aims at: a little late, so that a thread coming free always finds a
   * chunk due (none idle while work waits), and far inside the goal of 10 s.
   */
  static final long TARGET_LATENESS_MILLIS = 1_000;
  /** How fast the correction follows the lateness seen: about 5 % per chunk job at most. */
  static final double GAIN = 0.05;
  static final double MIN_CORRECTION = 0.25;
  static final double MAX_CORRECTION = 8;

  private final long chunkPriority;
  private final long limitMillis;
  private volatile double meanMillis;
  private volatile double correction = 1;
  private volatile int threads;

  public ChunkQueue(JobSchedulingProperties properties) {
    this.chunkPriority = properties.chunkPriority();
    this.limitMillis = properties.chunkPlanLimit().toMillis();
    this.meanMillis = properties.chunkBudget().toMillis();
  }

  /**
   * Plans a new message job's due date if it is chunk work; called in the creating transaction before the job is
   * inserted, so its history entry and the executor's hint see the planned date.
   */
  void plan(MessageEntity job) {
    if (limitMillis <= 0 || job.getPriority() != chunkPriority) {
      return;
    }
    CommandContext context = Context.getCommandContext();
    Instant now = ClockUtil.getCurrentTime().toInstant();
    noteRunTime(context.getCurrentJob(), now);
    ProcessEngineConfigurationImpl configuration = context.getProcessEngineConfiguration();
    JobEntity current = context.getCurrentJob();
    long[] backlog = backlog(context, configuration.getDatabaseTablePrefix() + "ACT_RU_JOB", now,
        current == null ? "" : current.getId());
    long wait = waitMillis(backlog[0], backlog[1], threads(configuration.getJobExecutor()));
    if (wait > 0) {
      job.setDuedate(Date.from(now.plusMillis(wait)));
    }
  }

  /** The planned wait for a job with {@code queued} chunk jobs ahead and {@code running} chunk jobs locked. */
  long waitMillis(long queued, long running, int localThreads) {
    long capacity = Math.max(1, Math.max(localThreads, running));
    return Math.min(limitMillis, Math.round(correction * queued * meanMillis / capacity));
  }

  /**
   * A chunk job the job executor runs creates the next one and is about to end: its time so far is its run time,
   * and how late it started after its due date shows how good the plans are.
   */
  private void noteRunTime(JobEntity current, Instant now) {
    Instant started = ChunkBudget.startOfCurrentJob();
    if (current != null && started != null && current.getPriority() == chunkPriority
        && Context.getJobExecutorContext() != null) {
      ranFor(Duration.between(started, now));
      if (current.getDuedate() != null) {
        startedLate(Duration.between(current.getDuedate().toInstant(), started));
      }
    }
  }

  synchronized void ranFor(Duration runTime) {
    meanMillis = meanMillis * (1 - WEIGHT) + Math.max(0, runTime.toMillis()) * WEIGHT;
  }

  /**
   * The estimate leaves out what the threads also do (control jobs first, commits, a loaded CPU, other nodes): a
   * correction follows the lateness seen, later plans while chunk jobs start later than the target, earlier ones
   * while they start on time (a thread may have waited for them).
   */
  synchronized void startedLate(Duration lateness) {
    double error = (lateness.toMillis() - TARGET_LATENESS_MILLIS) / (double) TARGET_LATENESS_MILLIS;
    correction = Math.max(MIN_CORRECTION, Math.min(MAX_CORRECTION,
        correction * Math.exp(GAIN * Math.max(-1, Math.min(1, error)))));
  }

  double correction() {
    return correction;
  }

  double meanMillis() {
    return meanMillis;
  }

  /**
   * Chunk jobs not locked (due or planned; failed ones waiting for a retry left out) and those locked now; the job
   * creating this one left out (ending; when executed by hand it is not locked).
   */
  private long[] backlog(CommandContext context, String table, Instant now, String currentJobId) {
    Connection connection = context.getDbSqlSession().getSqlSession().getConnection();
    try (PreparedStatement count = connection.prepareStatement("select sum(case when LOCK_EXP_TIME_ is null or "
        + "LOCK_EXP_TIME_ < ? then 1 else 0 end), sum(case when LOCK_EXP_TIME_ >= ? then 1 else 0 end) from " + table
        + " where TYPE_ = 'message' and PRIORITY_ = ? and SUSPENSION_STATE_ = 1 and RETRIES_ > 0 and "
        + "EXCEPTION_STACK_ID_ is null and ID_ <> ?")) {
      Timestamp at = Timestamp.from(now);
      count.setTimestamp(1, at);
      count.setTimestamp(2, at);
      count.setLong(3, chunkPriority);
      count.setString(4, currentJobId);
      try (ResultSet row = count.executeQuery()) {
        row.next();
        return new long[] {row.getLong(1), row.getLong(2)};
      }
    } catch (SQLException e) {
      throw new ProcessEngineException("could not count the chunk jobs queued", e);
    }
  }

  /** This node's job executor threads (its pool's maximum); 1 when it cannot tell. */
  private int threads(JobExecutor executor) {
    if (threads == 0) {
      int found = 1;
      if (executor instanceof SpringJobExecutor spring
          && spring.getTaskExecutor() instanceof ThreadPoolTaskExecutor pool) {
        found = pool.getMaxPoolSize();
      } else if (executor instanceof DefaultJobExecutor pool) {
        found = pool.getMaxPoolSize();
      } else if (executor instanceof ThreadPoolJobExecutor pool && pool.getThreadPoolExecutor() != null) {
        found = pool.getThreadPoolExecutor().getMaximumPoolSize();
      }
      threads = Math.max(1, found);
    }
    return threads;
  }
}
