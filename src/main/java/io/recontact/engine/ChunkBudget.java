package io.recontact.engine;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.function.BooleanSupplier;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.jobexecutor.JobExecutor;
import org.springframework.stereotype.Component;

/**
 * The time budget of a chunk job ({@code recontact.jobs.chunk-budget}), counted from the start of the job the
 * current thread executes ({@link JobScheduling} notes it). A chunk step asks {@link #left()} before each new call and
 * stops when it turns false: what it did is recorded in its tables, what it did not stays for the next job, so exactly
 * once holds as with a count-bounded chunk. Outside a job (a step run in a web request's transaction) the budget is
 * never spent and the chunk's count bounds it alone.
 */
@Component
public class ChunkBudget {

  private static final ThreadLocal<Instant> JOB_STARTED = new ThreadLocal<>();
  /** How often a job past its budget looks at the job executor's threads. */
  static final long LOOK_NANOS = 20_000_000L;

  private final Duration budget;
  private final Duration idleBudget;

  public ChunkBudget(JobSchedulingProperties properties) {
    this.budget = properties.chunkBudget();
    this.idleBudget = properties.idleChunkBudget();
  }

  /**
   * True while the current job has budget left (and always outside a job); read it before each new call. Its first
   * answer is always true, so every job makes progress even when it reached its calls after the budget (a slow
   * database, a loaded machine) instead of handing an empty chunk to the next job forever. Past the budget it stays
   * true, up to {@code idle-chunk-budget}, while the job executor running the job has a thread free and no job
   * waiting ({@link ExecutorThreads#threadFree}) and still acquires (not stopping); once false, it stays false.
   */
  public BooleanSupplier left() {
    // Only a job the job executor runs goes on past its budget (not one run by hand, e.g. from Cockpit), and not
    // once the node is stopping (the executor acquires no more: running jobs should end soon).
    JobExecutor executor = Context.getJobExecutorContext() == null || Context.getProcessEngineConfiguration() == null
        ? null : Context.getProcessEngineConfiguration().getJobExecutor();
    return executor == null ? left(null, () -> false) : left(ExecutorThreads.poolOf(executor), executor::isActive);
  }

  /** {@link #left()} of a job that {@code pool}'s threads run (null: none) while {@code acquiring}. */
  BooleanSupplier left(ThreadPoolExecutor pool, BooleanSupplier acquiring) {
    Instant started = JOB_STARTED.get();
    if (started == null) {
      return () -> true;
    }
    Instant end = started.plus(budget);
    Instant idleEnd = started.plus(idleBudget);
    return new BooleanSupplier() {
      private boolean asked;
      private long lookedAt;
      private boolean spent;

      @Override
      public synchronized boolean getAsBoolean() {
        if (!asked) {
          asked = true;
          return true;
        }
        Instant now = Instant.now();
        if (spent || !now.isBefore(end) && !goesOn(now)) {
          spent = true; // once spent, always: the step's callers ask again to tell "more" from "done"
          return false;
        }
        return true;
      }

      /** Past the budget: on while nothing else wants this thread (idle-chunk-budget), looked at every few ms. */
      private boolean goesOn(Instant now) {
        if (pool == null || !now.isBefore(idleEnd) || !acquiring.getAsBoolean()) {
          return false;
        }
        long nanos = System.nanoTime();
        if (lookedAt != 0 && nanos - lookedAt < LOOK_NANOS) {
          return true;
        }
        lookedAt = nanos;
        return ExecutorThreads.threadFree(pool);
      }
    };
  }

  /** When the job the current thread executes started; null outside a job. */
  static Instant startOfCurrentJob() {
    return JOB_STARTED.get();
  }

  static void jobStarted(Instant at) {
    JOB_STARTED.set(at);
  }

  static void jobEnded() {
    JOB_STARTED.remove();
  }
}
