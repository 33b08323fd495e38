package io.recontact.sandbox.cint;

import java.time.Instant;

/**
 * One asynchronous job of a target group (upload, remove-all, launch): {@code Processing} until its due time, then
 * settled by {@link JobSettling}. Guarded by {@link CintMarketplace}'s monitor.
 */
final class Job {

  enum Kind { UPLOAD, REMOVE_ALL, LAUNCH }

  final Kind kind;
  final String id = Ulid.next();
  final TargetGroup tg;
  final long seq;
  final Instant createdAt = Instant.now();
  final String createdBy;
  final String traceId;
  Instant dueAt;
  Instant completedAt;
  String status = "Processing";
  String failureCode;
  String failureDescription;
  String partialSuccess;
  // uploads
  byte[] file;
  String fileName;
  String entityType;
  boolean legacy;
  int uploaded;
  int failed;
  // launch
  String endFieldingAt;
  String fieldingRunId;

  Job(Kind kind, TargetGroup tg, long seq, String createdBy, String traceId) {
    this.kind = kind;
    this.tg = tg;
    this.seq = seq;
    this.createdBy = createdBy;
    this.traceId = traceId;
  }

  void fail(String code, String description) {
    status = "Failed";
    failureCode = code;
    failureDescription = description;
  }
}
