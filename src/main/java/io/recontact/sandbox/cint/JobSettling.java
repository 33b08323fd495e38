package io.recontact.sandbox.cint;

import java.time.Instant;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Jobs are settled lazily: a job is {@code Processing} until its due time; any access to its target group first
 * settles every due job of that group in due-time order, applying its effect exactly once. Called under
 * {@link CintMarketplace}'s monitor.
 */
final class JobSettling {

  private JobSettling() {
  }

  static void settle(TargetGroup tg, CintSettings settings) {
    Instant now = Instant.now();
    tg.jobs.stream()
        .filter(j -> "Processing".equals(j.status) && !j.dueAt.isAfter(now))
        .sorted(Comparator.comparing((Job j) -> j.dueAt).thenComparingLong(j -> j.seq))
        .toList()
        .forEach(job -> complete(job, settings));
    FieldingPlay.play(tg, settings, now);
  }

  private static void complete(Job job, CintSettings settings) {
    TargetGroup tg = job.tg;
    job.completedAt = job.dueAt;
    job.status = "Completed";
    switch (job.kind) {
      case UPLOAD -> applyUpload(job, settings);
      case REMOVE_ALL -> tg.rsids.clear();
      case LAUNCH -> applyLaunch(job);
    }
  }

  private static void applyUpload(Job job, CintSettings settings) {
    TargetGroup tg = job.tg;
    Set<String> accepted = new HashSet<>();
    int failed = 0;
    boolean rids = "RID".equals(job.entityType) || "RESPONSE_ID".equals(job.entityType);
    List<String> lines = JobFiles.lines(job.file);
    for (String line : lines) {
      String rsid = rids ? JobFiles.ridToRsid(line.trim()) : JobFiles.rsidOf(line.trim());
      if (rsid == null || settings.refused(line.trim(), rsid) || (job.legacy && accepted.contains(rsid))) {
        failed++;
      } else {
        accepted.add(rsid);
      }
    }
    // Duplicates within the file and IDs already stored count as uploaded but are stored once.
    int ok = lines.size() - failed;
    job.uploaded = ok;
    job.failed = failed;
    Set<String> merged = new HashSet<>(tg.rsids);
    merged.addAll(accepted);
    if (merged.size() > CintMarketplace.CAPACITY) {
      job.fail("RecontactCapacityExceeded", "The upload would store " + merged.size()
          + " respondent IDs; a target group holds at most " + CintMarketplace.CAPACITY + ". Nothing was stored.");
      return;
    }
    if (accepted.isEmpty()) {
      job.fail("RecontactNoValidRespondentIds", "The file contains no valid respondent IDs. Nothing was stored.");
      return;
    }
    tg.rsids.addAll(accepted);
    if (failed > 0) {
      job.partialSuccess = "Upload partially successful. " + ok + " respondent IDs uploaded successfully, " + failed
          + " failed (invalid or empty).";
    }
  }

  private static void applyLaunch(Job job) {
    TargetGroup tg = job.tg;
    if (!"draft".equals(tg.status)) {
      job.fail("TargetGroupInvalidState", "The target group is not in a draft state and cannot be launched.");
    } else if ("recontact".equals(tg.studyType()) && tg.rsids.isEmpty()) {
      job.fail("RecontactNoRespondentIds",
          "The recontact target group has no saved respondent IDs and cannot be launched.");
    } else if ("recontact".equals(tg.studyType()) && tg.body.path("completes_goal").asLong() > tg.rsids.size()) {
      job.fail("RecontactCompletesGoalExceedsSavedIds", "The completes goal (" + tg.body.path("completes_goal").asLong()
          + ") exceeds the number of saved respondent IDs (" + tg.rsids.size() + ").");
    } else {
      tg.fieldingRunId = Ulid.next();
      tg.startFieldingAt = job.dueAt;
      tg.endFieldingAt = CintTargetGroupValidator.parseDateTime(job.endFieldingAt);
      tg.playedUntil = job.dueAt;
      tg.runChanged("live", job.dueAt);
      job.fieldingRunId = tg.fieldingRunId;
    }
  }
}
