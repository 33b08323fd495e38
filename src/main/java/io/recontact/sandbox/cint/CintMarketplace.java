package io.recontact.sandbox.cint;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.recontact.sandbox.AdminSettings;
import io.recontact.sandbox.SandboxProperties;
import io.recontact.sandbox.cint.Job.Kind;
import io.recontact.sandbox.faults.FaultStorm;
import io.recontact.sandbox.faults.InjectedFaults;
import io.recontact.sandbox.faults.InjectedFaults.Fault;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.springframework.stereotype.Component;

/**
 * State and rules of the simulated Cint marketplace: target groups, recontact ID stores, asynchronous jobs, plus the
 * admin-controlled settings, faults and call counts.
 *
 * <p>Jobs are settled lazily ({@link JobSettling}): any access to a target group first settles its due jobs. All state
 * sits behind this object's monitor, which is simple and cheap at simulator volumes.
 */
@Component
class CintMarketplace {

  static final int CAPACITY = 100_000;
  static final long MAX_FILE_BYTES = 5_000_000;

  private final SandboxProperties.Cint config;
  private final AtomicLong sequence = new AtomicLong();
  private final Map<String, TargetGroup> targetGroups = new LinkedHashMap<>();
  private final Map<String, Job> jobs = new HashMap<>();
  private final Map<String, AtomicLong> calls = new ConcurrentHashMap<>();
  private final InjectedFaults faults = new InjectedFaults("cint", true);
  private volatile CintSettings settings;
  private final BulkCompleteJobs bulkJobs = new BulkCompleteJobs();

  CintMarketplace(SandboxProperties properties) {
    this.config = properties.cint();
    this.settings = CintSettings.defaults(config);
  }

  SandboxProperties.Cint config() {
    return config;
  }

  CintSettings settings() {
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

  synchronized void updateSettings(AdminSettings patch) {
    settings = settings.patched(patch);
  }

  synchronized void reset() {
    targetGroups.clear();
    bulkJobs.clear();
    jobs.clear();
    faults.reset();
    calls.clear();
    settings = CintSettings.defaults(config);
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
    JobSettling.settle(tg, settings);
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
        JobSettling.settle(tg, settings);
        out.add(tg);
      }
    }
    out.sort(Comparator.comparingLong((TargetGroup t) -> t.seq).reversed());
    return out;
  }

  synchronized List<TargetGroup> allTargetGroups() {
    targetGroups.values().forEach(tg -> JobSettling.settle(tg, settings));
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
    job.dueAt = job.createdAt.plus(settings.uploadTime(JobFiles.lines(file).size()));
    return job;
  }

  synchronized Job createRemoveAll(TargetGroup tg, String createdBy, String traceId) {
    rejectIfRecontactJobRunning(tg);
    Job job = newJob(Kind.REMOVE_ALL, tg, createdBy, traceId);
    job.dueAt = job.createdAt.plus(settings.removalTime(tg.rsids.size()));
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
    JobSettling.settle(tg, settings);
    Job job = jobs.get(jobId);
    if (job == null || job.tg != tg || job.kind != kind) {
      throw SimulatedError.notFound();
    }
    return job;
  }

  /** Upload jobs of the group, newest first. */
  synchronized List<Job> uploads(TargetGroup tg) {
    JobSettling.settle(tg, settings);
    List<Job> out = new ArrayList<>(tg.jobs.stream().filter(j -> j.kind == Kind.UPLOAD).toList());
    out.sort(Comparator.comparingLong((Job j) -> j.seq).reversed());
    return out;
  }

  synchronized List<String> rsids(TargetGroup tg) {
    JobSettling.settle(tg, settings);
    return new ArrayList<>(tg.rsids);
  }

  /** One webhook event to send: its type and the target group's coordinates. */
  record WebhookEvent(String type, int account, String project, String targetGroupId) {
  }

  /** Plays every live target group up to now and takes the webhook events that produced. */
  synchronized List<WebhookEvent> takeWebhookEvents() {
    List<WebhookEvent> out = new ArrayList<>();
    for (TargetGroup tg : targetGroups.values()) {
      JobSettling.settle(tg, settings);
      tg.pendingEvents.forEach(type -> out.add(new WebhookEvent(type, tg.account, tg.project, tg.id)));
      tg.pendingEvents.clear();
    }
    return out;
  }

  // ---------------------------------------------------------------- fielding runs

  /** The launched target group's run, 404 for a draft or an unknown run id. */
  synchronized TargetGroup fieldingRun(TargetGroup tg, String runId) {
    return RunChanges.run(tg, runId, settings);
  }

  /** Pause or resume under this marketplace's lock ({@link RunChanges#change}). */
  synchronized void changeRun(TargetGroup tg, String runId, String ifMatch, String from, String to) {
    RunChanges.change(tg, runId, ifMatch, from, to, settings);
  }

  synchronized void concurrentChange(TargetGroup tg, int count) {
    tg.concurrentChanges += count;
  }

  /** Same key under the same account and project = the same job; completes at {@code launch}'s time. */
  synchronized BulkCompleteJobs.BulkComplete createBulkComplete(int account, String project, String key,
      List<String> ids, String createdBy) {
    return bulkJobs.create(account, project, key, ids, createdBy, settings.launch);
  }

  /** The bulk job, settled: once due every listed target group is completed (or fails). */
  synchronized BulkCompleteJobs.BulkComplete bulkComplete(int account, String project, String jobId) {
    return bulkJobs.settled(account, project, jobId, id -> {
      TargetGroup tg = targetGroups.get(id);
      if (tg != null) {
        JobSettling.settle(tg, settings);
      }
      return tg;
    });
  }

  private void rejectIfRecontactJobRunning(TargetGroup tg) {
    JobSettling.settle(tg, settings);
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
}
