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
 */
@ConfigurationProperties("recontact.jobs")
public record JobSchedulingProperties(
    @DefaultValue("2s") Duration chunkBudget,
    @DefaultValue("100") long controlPriority,
    @DefaultValue("0") long chunkPriority,
    @DefaultValue("5m") Duration chunkPlanLimit) {

  public JobSchedulingProperties {
    if (chunkBudget == null || chunkBudget.isNegative() || chunkBudget.isZero()) {
      throw new IllegalArgumentException("recontact.jobs.chunk-budget must be positive");
    }
    if (chunkPlanLimit == null || chunkPlanLimit.isNegative()) {
      throw new IllegalArgumentException("recontact.jobs.chunk-plan-limit must not be negative");
    }
    if (chunkPriority >= controlPriority) {
      throw new IllegalArgumentException("recontact.jobs.chunk-priority must be below control-priority");
    }
  }
}
