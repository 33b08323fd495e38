package io.recontact.cint.client;

import feign.Headers;
import feign.Param;
import feign.QueryMap;
import feign.RequestLine;
import feign.Response;
import feign.form.FormData;
import io.recontact.cint.client.CintModel.CreatedDraftTargetGroupResponse;
import io.recontact.cint.client.CintModel.DraftTargetGroup;
import io.recontact.cint.client.CintModel.DraftTargetGroupRequest;
import io.recontact.cint.client.CintModel.JobCreated;
import io.recontact.cint.client.CintModel.LaunchFromDraftRequest;
import io.recontact.cint.client.CintModel.LaunchJob;
import io.recontact.cint.client.CintModel.RecontactJob;
import io.recontact.cint.client.CintModel.RecontactOverview;
import io.recontact.cint.client.CintModel.RsidPage;
import io.recontact.cint.client.CintModel.TargetGroupOverview;
import io.recontact.cint.client.CintModel.TargetGroupPerformance;
import io.recontact.cint.client.CintModel.TargetGroupsList;
import io.recontact.cint.client.CintModel.BulkCompleteJob;
import io.recontact.cint.client.CintModel.BulkCompleteRequest;
import io.recontact.cint.client.CintModel.FieldingRunsList;
import io.recontact.cint.client.CintModel.UploadJobsPage;
import java.util.Map;

/**
 * The Demand API endpoints of the recontact workflow, paths relative to {@code .../v1}. Authorization and
 * {@code Cint-API-Version} (and {@code Accept: application/json} where a method sets none) are added by an interceptor. Use {@link CintClient}, not this interface, from process code.
 */
interface CintApi {

  String TG = "/demand/accounts/{accountId}/projects/{projectId}/target-groups/{targetGroupId}";
  String RECONTACTS = TG + "/recontacts";

  @RequestLine("POST /demand/accounts/{accountId}/projects/{projectId}/target-groups")
  @Headers("Content-Type: application/json")
  CreatedDraftTargetGroupResponse createTargetGroup(@Param("accountId") int accountId,
      @Param("projectId") String projectId, DraftTargetGroupRequest body);

  @RequestLine("GET " + TG)
  DraftTargetGroup getTargetGroup(@Param("accountId") int accountId, @Param("projectId") String projectId,
      @Param("targetGroupId") String targetGroupId);

  @RequestLine("PUT " + TG)
  @Headers("Content-Type: application/json")
  void updateTargetGroup(@Param("accountId") int accountId, @Param("projectId") String projectId,
      @Param("targetGroupId") String targetGroupId, DraftTargetGroupRequest body);

  /** Query keys: {@code target_group_customer_reference_numbers}, {@code status} (lists), {@code page_size}, ... */
  @RequestLine("GET /demand/accounts/{accountId}/projects/{projectId}/target-groups")
  TargetGroupsList listTargetGroups(@Param("accountId") int accountId, @Param("projectId") String projectId,
      @QueryMap Map<String, Object> query);

  @RequestLine("POST " + RECONTACTS + "/jobs/upload-respondents-by-file?entity_type={entityType}")
  @Headers("Content-Type: multipart/form-data")
  JobCreated createUploadJob(@Param("accountId") int accountId, @Param("projectId") String projectId,
      @Param("targetGroupId") String targetGroupId, @Param("entityType") String entityType,
      @Param("file") FormData file);

  @RequestLine("GET " + RECONTACTS + "/jobs/upload-respondents-by-file/{jobId}")
  RecontactJob getUploadJob(@Param("accountId") int accountId, @Param("projectId") String projectId,
      @Param("targetGroupId") String targetGroupId, @Param("jobId") String jobId);

  @RequestLine("GET " + RECONTACTS + "/jobs/upload-respondents-by-file?page_size={pageSize}&start_after={startAfter}")
  UploadJobsPage listUploadJobs(@Param("accountId") int accountId, @Param("projectId") String projectId,
      @Param("targetGroupId") String targetGroupId, @Param("pageSize") int pageSize,
      @Param("startAfter") String startAfter);

  @RequestLine("GET " + RECONTACTS + "/jobs/upload-respondents-by-file/{jobId}/download")
  @Headers("Accept: application/octet-stream")
  Response downloadUploadJobFile(@Param("accountId") int accountId, @Param("projectId") String projectId,
      @Param("targetGroupId") String targetGroupId, @Param("jobId") String jobId);

  @RequestLine("POST " + RECONTACTS + "/jobs/remove-all-rsids")
  JobCreated createRemoveAllJob(@Param("accountId") int accountId, @Param("projectId") String projectId,
      @Param("targetGroupId") String targetGroupId);

  @RequestLine("GET " + RECONTACTS + "/jobs/remove-all-rsids/{jobId}")
  RecontactJob getRemoveAllJob(@Param("accountId") int accountId, @Param("projectId") String projectId,
      @Param("targetGroupId") String targetGroupId, @Param("jobId") String jobId);

  @RequestLine("GET " + RECONTACTS + "/overview")
  RecontactOverview getOverview(@Param("accountId") int accountId, @Param("projectId") String projectId,
      @Param("targetGroupId") String targetGroupId);

  @RequestLine("GET " + RECONTACTS + "/rsids?page_size={pageSize}&start_after={startAfter}")
  RsidPage listEligibleRsids(@Param("accountId") int accountId, @Param("projectId") String projectId,
      @Param("targetGroupId") String targetGroupId, @Param("pageSize") int pageSize,
      @Param("startAfter") String startAfter);

  /** 201 without a declared body: the job id is the last segment of {@code Location}. */
  @RequestLine("POST " + TG + "/fielding-run-jobs/launch-from-draft")
  @Headers({"Content-Type: application/json", "idempotency-key: {idempotencyKey}"})
  Response createLaunchJob(@Param("accountId") int accountId, @Param("projectId") String projectId,
      @Param("targetGroupId") String targetGroupId, @Param("idempotencyKey") String idempotencyKey,
      LaunchFromDraftRequest body);

  @RequestLine("GET " + TG + "/fielding-run-jobs/launch-from-draft/{jobId}")
  LaunchJob getLaunchJob(@Param("accountId") int accountId, @Param("projectId") String projectId,
      @Param("targetGroupId") String targetGroupId, @Param("jobId") String jobId);

  // ---------------------------------------------------------------- fielding (a launched target group)

  String RUNS = TG + "/fielding-runs";
  String BATCH_COMPLETE = "/demand/accounts/{accountId}/projects/{projectId}/batch-jobs/"
      + "complete-fielding-runs-by-target-group-id";

  @RequestLine("GET " + TG + "/overview")
  TargetGroupOverview getTargetGroupOverview(@Param("accountId") int accountId, @Param("projectId") String projectId,
      @Param("targetGroupId") String targetGroupId);

  @RequestLine("GET " + TG + "/performance")
  TargetGroupPerformance getTargetGroupPerformance(@Param("accountId") int accountId,
      @Param("projectId") String projectId, @Param("targetGroupId") String targetGroupId);

  @RequestLine("GET " + RUNS)
  FieldingRunsList listFieldingRuns(@Param("accountId") int accountId, @Param("projectId") String projectId,
      @Param("targetGroupId") String targetGroupId);

  /** 200 with the run and its {@code ETag}, which pause and resume need in {@code If-Match}. */
  @RequestLine("GET " + RUNS + "/{runId}")
  Response getFieldingRun(@Param("accountId") int accountId, @Param("projectId") String projectId,
      @Param("targetGroupId") String targetGroupId, @Param("runId") String runId);

  @RequestLine("POST " + RUNS + "/{runId}/pause")
  @Headers("If-Match: {etag}")
  Response pauseFieldingRun(@Param("accountId") int accountId, @Param("projectId") String projectId,
      @Param("targetGroupId") String targetGroupId, @Param("runId") String runId, @Param("etag") String etag);

  @RequestLine("POST " + RUNS + "/{runId}/resume")
  @Headers("If-Match: {etag}")
  Response resumeFieldingRun(@Param("accountId") int accountId, @Param("projectId") String projectId,
      @Param("targetGroupId") String targetGroupId, @Param("runId") String runId, @Param("etag") String etag);

  /** 201 without a body: the job id is the last segment of {@code Location}. */
  @RequestLine("POST " + BATCH_COMPLETE)
  @Headers({"Content-Type: application/json", "Idempotency-Key: {idempotencyKey}"})
  Response createCompleteJob(@Param("accountId") int accountId, @Param("projectId") String projectId,
      @Param("idempotencyKey") String idempotencyKey, BulkCompleteRequest body);

  @RequestLine("GET " + BATCH_COMPLETE + "/{jobId}")
  BulkCompleteJob getCompleteJob(@Param("accountId") int accountId, @Param("projectId") String projectId,
      @Param("jobId") String jobId);
}
