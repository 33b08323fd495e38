package io.recontact.sandbox.cint;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/** One simulated target group: its body, status, stored RSIDs and jobs. Guarded by CintMarketplace's monitor. */
final class TargetGroup {
  final int account;
  final String project;
  final String id;
  final String humanReadableId = Ulid.random(7);
  final Instant createdAt = Instant.now();
  final long seq;
  Instant updatedAt = createdAt;
  ObjectNode body;
  String status = "draft";
  String fieldingRunId;
  final TreeSet<String> rsids = new TreeSet<>();
  final List<Job> jobs = new ArrayList<>();
  final Map<String, Job> launchKeys = new HashMap<>();
  // the fielding run after launch, played by FieldingPlay; status above is the run's status too
  Instant startFieldingAt;
  Instant endFieldingAt;
  Instant playedUntil;
  Instant lastChangedAt;
  Instant firstComplete;
  Instant lastComplete;
  int runVersion;
  double completes;
  /** Admin: someone else changes the run right before our next pause or resume (a stale If-Match, 412). */
  int concurrentChanges;
  /** Webhook event types the play produced, sent and cleared by CintWebhooks. */
  final List<String> pendingEvents = new ArrayList<>();

  int goal() {
    return (int) Math.max(1, body.path("completes_goal").asLong(1));
  }

  String etag() {
    return "W/\"" + runVersion + "\"";
  }

  /** A change of the run: new version, new ETag. */
  void runChanged(String newStatus, Instant at) {
    if (!newStatus.equals(status) && !pendingEvents.contains("target-group-updated")) {
      pendingEvents.add("target-group-updated");
    }
    status = newStatus;
    runVersion++;
    lastChangedAt = at;
    updatedAt = at;
  }

  TargetGroup(int account, String project, String id, long seq, ObjectNode body) {
    this.account = account;
    this.project = project;
    this.id = id;
    this.seq = seq;
    this.body = body;
  }

  String studyType() {
    return body.path("study_type_code").asText("adhoc");
  }

  String path() {
    return "/demand/accounts/" + account + "/projects/" + project + "/target-groups/" + id;
  }
}
