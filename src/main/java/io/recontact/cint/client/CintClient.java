package io.recontact.cint.client;

import io.recontact.cint.client.CintModel.DownloadedFile;
import io.recontact.cint.client.CintModel.DraftTargetGroup;
import io.recontact.cint.client.CintModel.DraftTargetGroupRequest;
import io.recontact.cint.client.CintModel.EntityType;
import io.recontact.cint.client.CintModel.LaunchJob;
import io.recontact.cint.client.CintModel.RecontactJob;
import io.recontact.cint.client.CintModel.TargetGroupsListItem;
import io.recontact.cint.client.CintModel.UploadJobSummary;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * What the processes need from Cint Exchange (buyer side), hiding cursors, tokens and the places where Cint's guide
 * and its OpenAPI disagree. Errors are {@link CintApiException}; I/O failures and timeouts are Feign's
 * {@code RetryableException}.
 */
public interface CintClient {

  /** Cint stores at most this many recontact IDs per target group (more are refused, not queued). */
  int MAX_RECONTACT_IDS = 100_000;

  /** Creates a draft target group; not idempotent at Cint, so look it up by reference first. Returns its id. */
  String createDraftTargetGroup(int accountId, String projectId, DraftTargetGroupRequest request);

  DraftTargetGroup getDraftTargetGroup(TargetGroupRef targetGroup);

  void updateDraftTargetGroup(TargetGroupRef targetGroup, DraftTargetGroupRequest request);

  /** All target groups of a project, optionally only those in the given statuses (e.g. {@code draft}, {@code live}). */
  List<TargetGroupsListItem> listTargetGroups(int accountId, String projectId, Collection<String> statuses);

  Optional<TargetGroupsListItem> findTargetGroupByCustomerReference(int accountId, String projectId,
      String customerReferenceNumber);

  /** Starts an upload-by-file job (multipart part {@code file}); returns the job id. */
  String createUploadJob(TargetGroupRef targetGroup, EntityType entityType, String fileName, byte[] content);

  RecontactJob getUploadJob(TargetGroupRef targetGroup, String jobId);

  /** Every upload job of the target group, newest first, following {@code next_cursor} to the end. */
  List<UploadJobSummary> listUploadJobs(TargetGroupRef targetGroup);

  DownloadedFile downloadUploadJobFile(TargetGroupRef targetGroup, String jobId);

  String createRemoveAllJob(TargetGroupRef targetGroup);

  RecontactJob getRemoveAllJob(TargetGroupRef targetGroup, String jobId);

  int savedRespondentIdsCount(TargetGroupRef targetGroup);

  /** Streams the eligible RSIDs page by page (lists run to 100,000), following {@code next_cursor} to the end. */
  void forEachEligibleRsidPage(TargetGroupRef targetGroup, Consumer<List<String>> page);

  /** Starts a launch-from-draft job. The same {@code idempotencyKey} returns the same job. Returns the job id. */
  String createLaunchJob(TargetGroupRef targetGroup, String idempotencyKey, Instant endFieldingAt);

  LaunchJob getLaunchJob(TargetGroupRef targetGroup, String jobId);

  /** The overview of a launched target group: status, progress (completes, prescreens, goal), rates, cost. */
  CintModel.TargetGroupOverview getTargetGroupOverview(TargetGroupRef targetGroup);

  CintModel.TargetGroupPerformance getTargetGroupPerformance(TargetGroupRef targetGroup);

  /** The target group's one fielding run with its ETag, or empty when it has none. */
  Optional<CintModel.VersionedFieldingRun> currentFieldingRun(TargetGroupRef targetGroup);

  /**
   * Pauses the fielding run with {@code If-Match}: a 412 (someone changed the run) reads it again and retries, a 422
   * means it is not live (already paused).
   */
  CintModel.RunChange pauseFielding(TargetGroupRef targetGroup);

  /** Resumes a paused fielding run, as {@link #pauseFielding}; 422 means it is not paused (already live). */
  CintModel.RunChange resumeFielding(TargetGroupRef targetGroup);

  /** Starts the batch job that completes the target group's run; the same key returns the same job. */
  String createCompleteJob(TargetGroupRef targetGroup, String idempotencyKey);

  CintModel.BulkCompleteJob getCompleteJob(TargetGroupRef targetGroup, String jobId);
}
