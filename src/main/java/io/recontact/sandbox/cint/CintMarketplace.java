package io.recontact.sandbox.cint;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.recontact.sandbox.SandboxProperties;
import io.recontact.sandbox.faults.FaultStorm;
import io.recontact.sandbox.faults.InjectedFaults;
import io.recontact.sandbox.faults.InjectedFaults.Fault;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import org.springframework.stereotype.Component;

/**
 * State and rules of the simulated Cint marketplace: target groups, recontact ID stores, asynchronous jobs, plus the
 * admin-controlled settings, faults and call counts.
 *
 * <p>Jobs are settled lazily: a job is {@code Processing} until its due time; any access to its target group first
 * settles every due job of that group in due-time order, applying its effect exactly once. All state sits behind this
 * object's monitor, which is simple and cheap at simulator volumes.
 */
@Component
class CintMarketplace {

  static final int CAPACITY = 100_000;
  static final long MAX_FILE_BYTES = 5_000_000;

  enum Kind { UPLOAD, REMOVE_ALL, LAUNCH }

  static final class TargetGroup {
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

  static final class Job {
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

  /** Mutable copy of the configured settings; the admin API changes it, reset restores it. */
  static final class Settings {
    Duration jobBase;
    // Per-ID time of a job is drawn per job between the low and high rate (equal by default: no spread).
    Duration jobPerId;
    Duration jobPerIdMax;
    Duration removalPerId;
    Duration removalPerIdMax;
    Duration launch;
    Set<String> refusedIds;
    double refusedFraction;
    long tokenTtlSeconds;
  }

  private final SandboxProperties.Cint config;
  private final AtomicLong sequence = new AtomicLong();
  private final Map<String, TargetGroup> targetGroups = new LinkedHashMap<>();
  private final Map<String, Job> jobs = new HashMap<>();
  private final Map<String, AtomicLong> calls = new ConcurrentHashMap<>();
  private final InjectedFaults faults = new InjectedFaults("cint", true);
  private volatile Settings settings;

  CintMarketplace(SandboxProperties properties) {
    this.config = properties.cint();
    this.settings = defaults();
  }

  private Settings defaults() {
    Settings s = new Settings();
    s.jobBase = config.jobBaseDuration();
    s.jobPerId = config.jobPerIdDuration();
    s.jobPerIdMax = s.jobPerId;
    // Cint quotes 3-5 min per 10,000 removed vs 10-15 min per 10,000 uploaded: a third of the upload rate.
    s.removalPerId = s.jobPerId.dividedBy(3);
    s.removalPerIdMax = s.removalPerId;
    s.launch = config.launchDuration();
    s.refusedIds = lower(config.refusedIds());
    s.refusedFraction = config.refusedFraction();
    s.tokenTtlSeconds = config.tokenTtl().toSeconds();
    return s;
  }

  private static Set<String> lower(Collection<String> ids) {
    Set<String> out = new HashSet<>();
    ids.forEach(id -> out.add(id.trim().toLowerCase(Locale.ROOT)));
    return out;
  }

  SandboxProperties.Cint config() {
    return config;
  }

  Settings settings() {
    return settings;
  }

  // ---------------------------------------------------------------- admin: calls, faults, settings, reset

  /**
   * Counts the call and applies an injected fault: either throws the faulted status (before any side effect) or
   * sleeps and lets the call continue normally.
   */
  void enter(String operation) {
    calls.computeIfAbsent(operation, k -> new AtomicLong()).incrementAndGet();
    Fault fault = faults.take(operation);
    if (fault == null || fault.delayMillis() > 0) {
      return;
    }
    throw switch (fault.status()) {
      case 429 -> new SimulatedError(429, "too_many_requests_problem_details",
          "Too many requests. Retry after " + fault.retryAfterSeconds() + " seconds.", null,
          Map.of("Retry-After", String.valueOf(fault.retryAfterSeconds())));
      case 503 -> new SimulatedError(503, "service_unavailable_error", "the service is temporarily unavailable",
          null, fault.retryAfterSeconds() > 0 ? Map.of("Retry-After", String.valueOf(fault.retryAfterSeconds())) : Map.of());
      default -> new SimulatedError(fault.status(), "unexpected_internal_error",
          "an internal error has led to the failure of this operation");
    };
  }

  FaultStorm storm() {
    return faults.storm();
  }

  void addFault(String operation, Fault fault) {
    faults.add(operation, fault);
  }

  void clearFaults() {
    faults.clear();
  }

  Map<String, Fault> faults() {
    return faults.oneShot();
  }

  Map<String, Long> callCounts() {
    Map<String, Long> out = new TreeMap<>();
    calls.forEach((k, v) -> out.put(k, v.get()));
    return out;
  }

  synchronized void updateSettings(JsonNode patch) {
    Settings s = new Settings();
    Settings old = settings;
    s.jobBase = patch.has("jobBaseMillis") ? Duration.ofMillis(patch.get("jobBaseMillis").asLong()) : old.jobBase;
    s.jobPerId = micros(patch, "jobPerIdMicros", old.jobPerId);
    s.jobPerIdMax = micros(patch, "jobPerIdMaxMicros", patch.has("jobPerIdMicros") ? s.jobPerId : old.jobPerIdMax);
    s.removalPerId = micros(patch, "removalPerIdMicros", patch.has("jobPerIdMicros") ? s.jobPerId.dividedBy(3)
        : old.removalPerId);
    s.removalPerIdMax = micros(patch, "removalPerIdMaxMicros", patch.has("removalPerIdMicros")
        || patch.has("jobPerIdMicros") ? s.removalPerId : old.removalPerIdMax);
    s.launch = patch.has("launchMillis") ? Duration.ofMillis(patch.get("launchMillis").asLong()) : old.launch;
    s.refusedIds = old.refusedIds;
    if (patch.has("refusedIds")) {
      List<String> ids = new ArrayList<>();
      patch.get("refusedIds").forEach(n -> ids.add(n.asText()));
      s.refusedIds = lower(ids);
    }
    s.refusedFraction = patch.has("refusedFraction") ? patch.get("refusedFraction").asDouble() : old.refusedFraction;
    s.tokenTtlSeconds = patch.has("tokenTtlSeconds") ? patch.get("tokenTtlSeconds").asLong() : old.tokenTtlSeconds;
    settings = s;
  }

  private static Duration micros(JsonNode patch, String field, Duration otherwise) {
    return patch.has(field) ? Duration.ofNanos(patch.get(field).asLong() * 1000) : otherwise;
  }

  /** Per-ID rate times count, the rate drawn uniformly between low and high for this job. */
  private static Duration drawn(Duration low, Duration high, long count) {
    long lowNanos = low.toNanos();
    long spread = Math.max(0, high.toNanos() - lowNanos);
    double perId = lowNanos + (spread == 0 ? 0 : ThreadLocalRandom.current().nextDouble() * spread);
    return Duration.ofNanos(Math.round(perId * count));
  }

  synchronized void reset() {
    targetGroups.clear();
    jobs.clear();
    faults.reset();
    calls.clear();
    settings = defaults();
  }

  // ---------------------------------------------------------------- target groups

  synchronized TargetGroup createTargetGroup(int account, String project, ObjectNode body) {
    TargetGroup tg = new TargetGroup(account, project, Ulid.next(), sequence.incrementAndGet(), body);
    targetGroups.put(tg.id, tg);
    return tg;
  }

  /** The target group with all due jobs settled; 404 when it does not exist under this account and project. */
  synchronized TargetGroup targetGroup(int account, String project, String id) {
    TargetGroup tg = targetGroups.get(id);
    if (tg == null || tg.account != account || !tg.project.equals(project)) {
      throw SimulatedError.notFound();
    }
    settle(tg);
    return tg;
  }

  synchronized void updateTargetGroup(TargetGroup tg, ObjectNode body) {
    if (!"draft".equals(tg.status)) {
      throw SimulatedError.notDraft(tg.status);
    }
    tg.body = body;
    tg.updatedAt = Instant.now();
  }

  /** Target groups of one project, newest first, all settled. */
  synchronized List<TargetGroup> targetGroups(int account, String project) {
    List<TargetGroup> out = new ArrayList<>();
    for (TargetGroup tg : targetGroups.values()) {
      if (tg.account == account && tg.project.equals(project)) {
        settle(tg);
        out.add(tg);
      }
    }
    out.sort(Comparator.comparingLong((TargetGroup t) -> t.seq).reversed());
    return out;
  }

  synchronized List<TargetGroup> allTargetGroups() {
    targetGroups.values().forEach(this::settle);
    return new ArrayList<>(targetGroups.values());
  }

  synchronized List<Job> allJobs() {
    return new ArrayList<>(jobs.values());
  }

  // ---------------------------------------------------------------- recontact jobs

  synchronized Job createUpload(TargetGroup tg, String entityType, boolean legacy, byte[] file, String fileName,
      String createdBy, String traceId) {
    rejectIfRecontactJobRunning(tg);
    Job job = newJob(Kind.UPLOAD, tg, createdBy, traceId);
    job.file = file;
    job.fileName = fileName;
    job.entityType = entityType;
    job.legacy = legacy;
    job.dueAt = job.createdAt.plus(settings.jobBase).plus(drawn(settings.jobPerId, settings.jobPerIdMax,
        lines(file).size()));
    return job;
  }

  synchronized Job createRemoveAll(TargetGroup tg, String createdBy, String traceId) {
    rejectIfRecontactJobRunning(tg);
    Job job = newJob(Kind.REMOVE_ALL, tg, createdBy, traceId);
    job.dueAt = job.createdAt.plus(settings.jobBase).plus(drawn(settings.removalPerId, settings.removalPerIdMax,
        tg.rsids.size()));
    return job;
  }

  /** Same idempotency key on the same target group = the same job (no expiry; body differences are ignored). */
  synchronized Job createLaunch(TargetGroup tg, String idempotencyKey, String endFieldingAt, String createdBy,
      String traceId) {
    Job existing = tg.launchKeys.get(idempotencyKey);
    if (existing != null) {
      return existing;
    }
    Job job = newJob(Kind.LAUNCH, tg, createdBy, traceId);
    job.endFieldingAt = endFieldingAt;
    job.dueAt = job.createdAt.plus(settings.launch);
    tg.launchKeys.put(idempotencyKey, job);
    return job;
  }

  synchronized Job job(TargetGroup tg, String jobId, Kind kind) {
    settle(tg);
    Job job = jobs.get(jobId);
    if (job == null || job.tg != tg || job.kind != kind) {
      throw SimulatedError.notFound();
    }
    return job;
  }

  /** Upload jobs of the group, newest first. */
  synchronized List<Job> uploads(TargetGroup tg) {
    settle(tg);
    List<Job> out = new ArrayList<>(tg.jobs.stream().filter(j -> j.kind == Kind.UPLOAD).toList());
    out.sort(Comparator.comparingLong((Job j) -> j.seq).reversed());
    return out;
  }

  synchronized List<String> rsids(TargetGroup tg) {
    settle(tg);
    return new ArrayList<>(tg.rsids);
  }

  private void rejectIfRecontactJobRunning(TargetGroup tg) {
    settle(tg);
    boolean running = tg.jobs.stream().anyMatch(j -> j.kind != Kind.LAUNCH && "Processing".equals(j.status));
    if (running) {
      throw SimulatedError.conflict("Another recontact job is still processing for this target group.");
    }
  }

  private Job newJob(Kind kind, TargetGroup tg, String createdBy, String traceId) {
    Job job = new Job(kind, tg, sequence.incrementAndGet(), createdBy, traceId);
    jobs.put(job.id, job);
    tg.jobs.add(job);
    return job;
  }

  // ---------------------------------------------------------------- settling

  private void settle(TargetGroup tg) {
    Instant now = Instant.now();
    tg.jobs.stream()
        .filter(j -> "Processing".equals(j.status) && !j.dueAt.isAfter(now))
        .sorted(Comparator.comparing((Job j) -> j.dueAt).thenComparingLong(j -> j.seq))
        .toList()
        .forEach(this::complete);
  }

  private void complete(Job job) {
    TargetGroup tg = job.tg;
    job.completedAt = job.dueAt;
    job.status = "Completed";
    switch (job.kind) {
      case UPLOAD -> applyUpload(job);
      case REMOVE_ALL -> tg.rsids.clear();
      case LAUNCH -> applyLaunch(job);
    }
  }

  private void applyUpload(Job job) {
    TargetGroup tg = job.tg;
    Set<String> accepted = new HashSet<>();
    int failed = 0;
    boolean rids = "RID".equals(job.entityType) || "RESPONSE_ID".equals(job.entityType);
    List<String> lines = lines(job.file);
    for (String line : lines) {
      String rsid = rids ? ridToRsid(line.trim()) : rsidOf(line.trim());
      if (rsid == null || refused(line.trim(), rsid) || (job.legacy && accepted.contains(rsid))) {
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
    if (merged.size() > CAPACITY) {
      job.fail("RecontactCapacityExceeded", "The upload would store " + merged.size()
          + " respondent IDs; a target group holds at most " + CAPACITY + ". Nothing was stored.");
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

  private void applyLaunch(Job job) {
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
      tg.status = "live";
      tg.fieldingRunId = Ulid.next();
      tg.updatedAt = job.dueAt;
      job.fieldingRunId = tg.fieldingRunId;
    }
  }

  /** Lines split on LF or CRLF; a final trailing newline does not start another line. */
  static List<String> lines(byte[] file) {
    String text = new String(file, StandardCharsets.UTF_8);
    if (text.isEmpty()) {
      return List.of();
    }
    List<String> out = new ArrayList<>(List.of(text.split("\r?\n", -1)));
    if (text.endsWith("\n")) {
      out.remove(out.size() - 1);
    }
    return out;
  }

  static String rsidOf(String token) {
    return CintTargetGroupValidator.isUuid(token) ? token.toLowerCase(Locale.ROOT) : null;
  }

  /**
   * The simulator's stand-in for Cint's internal RID table: a name-based (v3) UUID of the lowercased RID, so the same
   * RID always maps to the same RSID.
   */
  static String ridToRsid(String rid) {
    if (!rid.matches("^[A-Za-z0-9_-]{1,128}$")) {
      return null;
    }
    return UUID.nameUUIDFromBytes(("rid:" + rid.toLowerCase(Locale.ROOT)).getBytes(StandardCharsets.UTF_8)).toString();
  }

  private boolean refused(String raw, String rsid) {
    Settings s = settings;
    if (s.refusedIds.contains(raw.toLowerCase(Locale.ROOT)) || s.refusedIds.contains(rsid)) {
      return true;
    }
    // Deterministic: the same RSID is always refused or always accepted for a given fraction.
    return s.refusedFraction > 0 && Math.floorMod(rsid.hashCode(), 10_000) < s.refusedFraction * 10_000;
  }
}
