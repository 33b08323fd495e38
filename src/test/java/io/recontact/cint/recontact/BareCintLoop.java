package io.recontact.cint.recontact;

import io.recontact.cint.client.CintClient;
import io.recontact.cint.client.CintJobRates;
import io.recontact.cint.client.CintModel.EntityType;
import io.recontact.cint.client.CintModel.JobStatus;
import io.recontact.cint.client.CintModel.TargetGroupsListItem;
import io.recontact.cint.client.TargetGroupRef;
import io.recontact.cint.respondentfile.HygieneResult;
import io.recontact.cint.respondentfile.RespondentFileHygiene;
import io.recontact.cint.respondentfile.UploadChunks;
import io.recontact.cint.uploadrespondents.UploadProperties;
import io.recontact.engine.JobPolling;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.UUID;

/**
 * The Cint recontact without engine or database: the same Cint calls as the cintRecontact and cintUploadRespondents
 * diagrams, in the same order, with the same file cuts and the same timing rule for the job checks (JobPolling), made
 * with the application's Feign client. What it leaves out is exactly what the process adds: storing the file,
 * planning batches in tables, jobs, timers and history.
 */
final class BareCintLoop {

  /** {@code createMillis} and {@code checkMillis}: the upload calls and the upload checks alone (no sleeps). */
  record Result(long totalMillis, long hygieneMillis, long uploadMillis, long launchMillis, int accepted, int files,
      int uploadChecks, int launchChecks, int saved, long createMillis, long checkMillis) {
  }

  private final CintClient cint;
  private final JobPolling polling;
  private final CintJobRates rates;
  private final UploadProperties limits;

  BareCintLoop(CintClient cint, JobPolling polling, CintJobRates rates, UploadProperties limits) {
    this.cint = cint;
    this.polling = polling;
    this.rates = rates;
    this.limits = limits;
  }

  Result run(String requestJson, byte[] file) throws InterruptedException {
    long start = System.currentTimeMillis();
    // What /api/cint/recontacts checks before it starts anything: the request and the file's hygiene.
    RecontactRequest request = RecontactVariables.parse(requestJson).withDefaults(null, null);
    if (!request.problems().isEmpty()) {
      throw new IllegalArgumentException(request.problems().toString());
    }
    HygieneResult hygiene = new RespondentFileHygiene().check(file, request.entity());
    long hygieneDone = System.currentTimeMillis();

    // CreateDraftTargetGroup: looked up by reference first, then created.
    String reference = RecontactVariables.customerReference("loop-" + UUID.randomUUID());
    int goal = request.targetGroup().completesGoal();
    String id = cint.findTargetGroupByCustomerReference(request.accountId(), request.projectId(), reference)
        .map(TargetGroupsListItem::id)
        .orElseGet(() -> cint.createDraftTargetGroup(request.accountId(), request.projectId(),
            request.toDraft(reference, goal)));
    TargetGroupRef tg = new TargetGroupRef(request.accountId(), request.projectId(), id);

    // PlanUploadBatches: room left at Cint, files cut the same way.
    int saved = cint.savedRespondentIdsCount(tg);
    List<String> ids = hygiene.accepted().subList(0, Math.min(hygiene.acceptedCount(),
        Math.max(0, CintClient.MAX_RECONTACT_IDS - saved)));
    List<UploadChunks.Chunk> chunks = UploadChunks.plan(ids.iterator(), limits.maxBytesPerFile(),
        Math.min(CintClient.MAX_RECONTACT_IDS, limits.maxIdsPerFile()));
    int uploadChecks = 0;
    long createMillis = 0;
    long checkMillis = 0;
    for (UploadChunks.Chunk chunk : chunks) {
      String fileName = reference + "-" + (chunk.index() + 1) + ".csv";
      // StartUploadJob: looks for a job of that file name first, then uploads.
      cint.listUploadJobs(tg).stream().filter(j -> fileName.equals(j.fileName())).findFirst();
      long createStart = System.currentTimeMillis();
      byte[] body = chunk.render(ids.subList(chunk.firstSeq() - 1, chunk.lastSeq()));
      String jobId = cint.createUploadJob(tg, request.entity(), fileName, body);
      createMillis += System.currentTimeMillis() - createStart;
      Duration expected = rates.upload(chunk.idCount());
      long jobStart = System.currentTimeMillis();
      Duration wait = polling.planned(Duration.ZERO, expected);
      while (true) {
        Thread.sleep(wait.toMillis());
        uploadChecks++;
        long checkStart = System.currentTimeMillis();
        JobStatus status = cint.getUploadJob(tg, jobId).status();
        checkMillis += System.currentTimeMillis() - checkStart;
        if (status == JobStatus.COMPLETED || status == JobStatus.FAILED) {
          break;
        }
        wait = polling.planned(Duration.ofMillis(System.currentTimeMillis() - jobStart), expected);
      }
    }
    // CheckSavedCount.
    int savedAfter = cint.savedRespondentIdsCount(tg);
    long uploaded = System.currentTimeMillis();

    // StartLaunchJob and its checks (plain back-off: no rate is known for launches).
    String key = UUID.nameUUIDFromBytes((id + ":launch:1").getBytes(StandardCharsets.UTF_8)).toString();
    String launchJob = cint.createLaunchJob(tg, key, RecontactRequest.instant(request.endFieldingAt()));
    int launchChecks = 0;
    while (true) {
      Thread.sleep(polling.interval(launchChecks).toMillis());
      launchChecks++;
      JobStatus status = cint.getLaunchJob(tg, launchJob).status();
      if (status == JobStatus.COMPLETED || status == JobStatus.FAILED) {
        break;
      }
    }
    long end = System.currentTimeMillis();
    return new Result(end - start, hygieneDone - start, uploaded - hygieneDone, end - uploaded,
        hygiene.acceptedCount(), chunks.size(), uploadChecks, launchChecks, savedAfter, createMillis, checkMillis);
  }
}
