package io.recontact.engine;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How the job executor shares its threads between short steps and chunk work ({@link JobScheduling}).
 *
 * @param chunkBudget a chunk job starts no new marketplace call after it has run this long and continues in the
 *     next job; so a job executor thread held by chunk work is free again within about this time (plus the calls in
 *     flight), and a due control step, which is acquired first, waits no longer than that
 * @param controlPriority job priority of every step that is not chunk work (approvals being applied, sweeps, wake-ups,
 *     timers, Cint steps); a priority set on a BPMN element or a job definition still wins
 * @param chunkPriority job priority of the chunk steps ({@link ChunkSteps}); below {@code control-priority}
 * @param chunkPlanLimit a new chunk job is due when the threads are expected to reach it (its place in the queue of
 *     chunk jobs not yet running, times the recent chunk run time, over the threads: {@link ChunkQueue}), at most this
 *     far ahead; 0 makes every chunk job due at once (chunk work then waits due in the queue)
 * @param idleChunkBudget a chunk job that has spent {@code chunk-budget} goes on, up to this long in all, while this
 *     node's job executor has a thread free and no job waiting for one: nothing else wants its thread, and a quota
 *     alone on a node runs its calls in a few jobs instead of one per {@code chunk-budget} (each job's end and start
 *     cost the calls in flight, its rows read ahead and a commit); it stops within a call once a job waits or the
 *     node stops. At least {@code chunk-budget} (equal: off); keep it well below the job lock time
 */
@ConfigurationProperties("recontact.jobs")
public record JobSchedulingProperties(
    @DefaultValue("2s") Duration chunkBudget,
    @DefaultValue("100") long controlPriority,
    @DefaultValue("0") long chunkPriority,
    @DefaultValue("5m") Duration chunkPlanLimit,
    @DefaultValue("30s") Duration idleChunkBudget) {

  public JobSchedulingProperties {
    if (chunkBudget == null || chunkBudget.isNegative() || chunkBudget.isZero()) {
      throw new IllegalArgumentException("recontact.jobs.chunk-budget must be positive");
    }
    if (chunkPlanLimit == null || chunkPlanLimit.isNegative()) {
      throw new IllegalArgumentException("recontact.jobs.chunk-plan-limit must not be negative");
    }
    if (idleChunkBudget == null || idleChunkBudget.compareTo(chunkBudget) < 0) {
      throw new IllegalArgumentException("recontact.jobs.idle-chunk-budget must be at least chunk-budget");
    }
    if (chunkPriority >= controlPriority) {
      throw new IllegalArgumentException("recontact.jobs.chunk-priority must be below control-priority");
    }
  }
}
