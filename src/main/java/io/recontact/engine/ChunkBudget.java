package io.recontact.engine;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BooleanSupplier;
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
  private final Duration budget;

  public ChunkBudget(JobSchedulingProperties properties) {
    this.budget = properties.chunkBudget();
  }

  /**
   * True while the current job has budget left (and always outside a job); read it before each new call. Its first
   * answer is always true, so every job makes progress even when it reached its calls after the budget (a slow
   * database, a loaded machine) instead of handing an empty chunk to the next job forever.
   */
  public BooleanSupplier left() {
    Instant started = JOB_STARTED.get();
    if (started == null) {
      return () -> true;
    }
    Instant end = started.plus(budget);
    AtomicBoolean first = new AtomicBoolean(true);
    return () -> first.getAndSet(false) || Instant.now().isBefore(end);
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
