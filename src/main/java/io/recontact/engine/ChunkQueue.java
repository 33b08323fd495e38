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
 * executor pool and the chunk jobs locked now (several nodes at work). So quotas take their chunks in turn, a fair
 * queue, and the jobs due are those a thread can take; control jobs still go first by priority. The node's own job
 * executor is woken at each planned due date ({@link TimerWakeUp}). A plan is capped at {@code chunk-plan-limit}
 * (0: every chunk job is due at once, as before). Throughput does not depend on it: the threads still take the next
 * chunk as soon as one is due, and one is planned for each thread coming free.
 */
@Component
public class ChunkQueue {

  /** Weight of the newest run time in the running mean: a few chunks follow a change in the work. */
  static final double WEIGHT = 0.2;

  private final long chunkPriority;
  private final long limitMillis;
  private volatile double meanMillis;
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
    return Math.min(limitMillis, Math.round(queued * meanMillis / capacity));
  }

  /** A chunk job creating the next one is about to end: its time so far is its run time. */
  private void noteRunTime(JobEntity current, Instant now) {
    Instant started = ChunkBudget.startOfCurrentJob();
    if (current != null && started != null && current.getPriority() == chunkPriority) {
      ranFor(Duration.between(started, now));
    }
  }

  synchronized void ranFor(Duration runTime) {
    meanMillis = meanMillis * (1 - WEIGHT) + Math.max(0, runTime.toMillis()) * WEIGHT;
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
