package io.recontact.engine;

import java.util.Set;

/**
 * The steps of one process whose jobs do bulk work in chunks (marketplace calls for many members, large reads), as a
 * flow declares them with a bean of this type. {@link JobScheduling} gives their jobs the low priority and runs each
 * as a job of its own (not chained on the thread of the job before it), so short control steps go first; the steps
 * themselves stop after {@link ChunkBudget}'s time budget and continue in the next job.
 *
 * @param processKey the process definition key
 * @param activityIds the chunk steps' ids (the elements whose async continuation creates the chunk job)
 */
public record ChunkSteps(String processKey, Set<String> activityIds) {

  public ChunkSteps {
    activityIds = Set.copyOf(activityIds);
  }
}
