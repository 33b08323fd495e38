package io.recontact.sandbox.cint;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The simulator's {@code complete-fielding-runs-by-target-group-id} batch jobs: one job per idempotency key under an
 * account and project, settled lazily once due. Not thread-safe on its own: {@link CintMarketplace} calls it under
 * its monitor, like all simulator state.
 */
class BulkCompleteJobs {

  private final Map<String, BulkComplete> byId = new HashMap<>();
  private final Map<String, BulkComplete> byKey = new HashMap<>();

  BulkComplete create(int account, String project, String key, List<String> ids, String createdBy, Duration takes) {
    String scoped = account + "/" + project + "/" + key;
    BulkComplete existing = byKey.get(scoped);
    if (existing != null) {
      return existing;
    }
    BulkComplete job = new BulkComplete(Ulid.next(), account, project, List.copyOf(ids), Instant.now(),
        Instant.now().plus(takes), createdBy);
    byKey.put(scoped, job);
    byId.put(job.id(), job);
    return job;
  }

  /** The job; once due, every listed target group ({@code settledGroup}: null when unknown) is completed. */
  BulkComplete settled(int account, String project, String jobId, Function<String, TargetGroup> settledGroup) {
    BulkComplete job = byId.get(jobId);
    if (job == null || job.account() != account || !job.project().equals(project)) {
      throw SimulatedError.notFound();
    }
    if (job.updated() != null || job.dueAt().isAfter(Instant.now())) {
      return job;
    }
    List<String> updated = new ArrayList<>();
    Map<String, String> failed = new LinkedHashMap<>();
    for (String id : job.targetGroupIds()) {
      TargetGroup tg = settledGroup.apply(id);
      if (tg == null || tg.account != account || !tg.project.equals(project)) {
        failed.put(id, "TargetGroupNotFound");
      } else if (tg.fieldingRunId == null) {
        failed.put(id, "StatusTransitionNotAllowed");
      } else {
        if (!"completed".equals(tg.status)) {
          tg.runChanged("completed", job.dueAt());
        }
        updated.add(id);
      }
    }
    BulkComplete done = job.settled(updated, failed);
    byId.put(jobId, done);
    return done;
  }

  void clear() {
    byId.clear();
    byKey.clear();
  }

  record BulkComplete(String id, int account, String project, List<String> targetGroupIds, Instant createdAt,
      Instant dueAt, String createdBy, List<String> updated, Map<String, String> failed) {

    BulkComplete(String id, int account, String project, List<String> ids, Instant createdAt, Instant dueAt,
        String createdBy) {
      this(id, account, project, ids, createdAt, dueAt, createdBy, null, null);
    }

    BulkComplete settled(List<String> updatedIds, Map<String, String> failedIds) {
      return new BulkComplete(id, account, project, targetGroupIds, createdAt, dueAt, createdBy, updatedIds,
          failedIds);
    }

    String status() {
      return updated == null ? "Processing" : "Completed";
    }
  }
}
