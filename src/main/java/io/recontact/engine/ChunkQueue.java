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
 * {@code recontact.jobs.chunk-priority}: a chunk step's next chunk, or the first chunk after a control step) is due
 * when the threads are expected to reach it, not at once: at its place in the queue of chunk work ahead of it,
 * {@code now + queued × chunk time / threads}. {@code queued} is the chunk jobs in the job table not locked (due or
 * planned, every node's: the table is shared); {@code chunk time} the running mean of this node's chunk jobs' run
 * time (from {@code chunk-budget} until the first ends); {@code threads} the threads that take chunk work: while chunk
 * jobs are due and not taken, the chunk jobs running now (control jobs, a loaded CPU or fewer nodes leave fewer),
 * otherwise the larger of this node's job executor pool and the chunk jobs running (other nodes at work). Plans that
 * came out too early leave chunk jobs due, so the next plans count the threads really at chunk work; plans too late
 * leave none due, so the next count every thread: no correction with a memory that could run away. So quotas take
 * their chunks in turn, a fair queue, and the jobs due are those a thread can take; control jobs still go first by
 * priority. The node's own job executor is woken at each planned due date ({@link TimerWakeUp}). A plan is capped at
 * {@code chunk-plan-limit} (0: every chunk job is due at once, as before).
 */
@Component
public class ChunkQueue {

  /** Weight of the newest run time in the running mean: a few chunks follow a change in the work. */
  static final double WEIGHT = 0.2;
  /** The chunk job the current thread runs, once it planned its successor: its end is a run time to note. */
  private static final ThreadLocal<ChunkQueue> ENDING = new ThreadLocal<>();

  private final long chunkPriority;
  private final long limitMillis;
  /**
   * Longest run time noted: a job that went on past its budget because no job wanted its thread (idle-chunk-budget)
   * stops within a call once one does, so it holds a thread no longer than a budgeted one when it counts.
   */
  private final long longestMillis;
  private volatile double meanMillis;
  private volatile int threads;

  public ChunkQueue(JobSchedulingProperties properties) {
    this.chunkPriority = properties.chunkPriority();
    this.limitMillis = properties.chunkPlanLimit().toMillis();
    this.meanMillis = properties.chunkBudget().toMillis();
    this.longestMillis = 2 * properties.chunkBudget().toMillis();
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
    JobEntity current = context.getCurrentJob();
    if (current != null && current.getPriority() == chunkPriority && Context.getJobExecutorContext() != null) {
      ENDING.set(this);
    }
    ProcessEngineConfigurationImpl configuration = context.getProcessEngineConfiguration();
    Backlog backlog = backlog(context, configuration.getDatabaseTablePrefix() + "ACT_RU_JOB", now,
        current == null ? "" : current.getId());
    long wait = waitMillis(backlog, threads(configuration.getJobExecutor()));
    if (wait > 0) {
      job.setDuedate(Date.from(now.plusMillis(wait)));
    }
  }

  /**
   * Chunk jobs not locked ({@code queued}; {@code due} of them due now) and locked ({@code running}), the job
   * creating this one left out (it is ending; executed by hand it is not even locked).
   */
  record Backlog(long queued, long due, long running) {
  }

  /** The planned wait for a new chunk job behind this backlog on a node with {@code localThreads}. */
  long waitMillis(Backlog backlog, int localThreads) {
    long running = backlog.running() + 1; // the ending job's thread is about to take the next chunk
    long capacity = backlog.due() > 0 ? running : Math.max(localThreads, running);
    return Math.min(limitMillis, Math.round(backlog.queued() * meanMillis / Math.max(1, capacity)));
  }

  /** Called as each job's command ends (JobScheduling): a chunk job that planned its successor notes its run time. */
  static void jobEnded(Instant started, Instant ended) {
    ChunkQueue queue = ENDING.get();
    if (queue != null) {
      ENDING.remove();
      queue.ranFor(Duration.between(started, ended));
    }
  }

  synchronized void ranFor(Duration runTime) {
    meanMillis = meanMillis * (1 - WEIGHT) + Math.min(longestMillis, Math.max(0, runTime.toMillis())) * WEIGHT;
  }

  double meanMillis() {
    return meanMillis;
  }

  private Backlog backlog(CommandContext context, String table, Instant now, String currentJobId) {
    Connection connection = context.getDbSqlSession().getSqlSession().getConnection();
    try (PreparedStatement count = connection.prepareStatement("select "
        + "sum(case when LOCK_EXP_TIME_ is null or LOCK_EXP_TIME_ < ? then 1 else 0 end), "
        + "sum(case when (LOCK_EXP_TIME_ is null or LOCK_EXP_TIME_ < ?) and DUEDATE_ <= ? then 1 else 0 end), "
        + "sum(case when LOCK_EXP_TIME_ >= ? then 1 else 0 end) from " + table
        + " where TYPE_ = 'message' and PRIORITY_ = ? and SUSPENSION_STATE_ = 1 and RETRIES_ > 0"
        + " and EXCEPTION_STACK_ID_ is null and ID_ <> ?")) {
      Timestamp at = Timestamp.from(now);
      count.setTimestamp(1, at);
      count.setTimestamp(2, at);
      count.setTimestamp(3, at);
      count.setTimestamp(4, at);
      count.setLong(5, chunkPriority);
      count.setString(6, currentJobId);
      try (ResultSet row = count.executeQuery()) {
        row.next();
        return new Backlog(row.getLong(1), row.getLong(2), row.getLong(3));
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
