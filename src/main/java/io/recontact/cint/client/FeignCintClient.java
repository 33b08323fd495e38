package io.recontact.cint.client;

import feign.Response;
import feign.codec.ErrorDecoder;
import feign.form.FormData;
import io.recontact.cint.client.CintModel.DownloadedFile;
import io.recontact.cint.client.CintModel.DraftTargetGroup;
import io.recontact.cint.client.CintModel.DraftTargetGroupRequest;
import io.recontact.cint.client.CintModel.EntityType;
import io.recontact.cint.client.CintModel.LaunchFromDraftRequest;
import io.recontact.cint.client.CintModel.LaunchJob;
import io.recontact.cint.client.CintModel.RecontactJob;
import io.recontact.cint.client.CintModel.RsidPage;
import io.recontact.cint.client.CintModel.TargetGroupsList;
import io.recontact.cint.client.CintModel.TargetGroupsListItem;
import io.recontact.cint.client.CintModel.UploadJobSummary;
import io.recontact.cint.client.CintModel.UploadJobsPage;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.recontact.marketplace.CallRetry;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * {@link CintClient} over the Feign {@link CintApi}; re-fetches the token once when Cint answers 401. Reads, the PUT
 * and the launch (idempotency-key) go through the bounded {@link CallRetry}; the creates of target groups, upload
 * and remove-all jobs do not (a lost answer there is resolved by the process's look-up before it creates again).
 */
class FeignCintClient implements CintClient {

  private final CintApi api;
  private final CintTokenProvider tokens;
  private final CintResponses responses;
  private final int pageSize;
  private final CallRetry retry;
  private final FieldingRuns runs;

  FeignCintClient(CintApi api, CintTokenProvider tokens, ErrorDecoder errorDecoder, ObjectMapper mapper,
      int pageSize, CallRetry retry) {
    this.retry = retry;
    this.pageSize = pageSize;
    this.api = api;
    this.tokens = tokens;
    this.responses = new CintResponses(errorDecoder, mapper);
    this.runs = new FieldingRuns(api, responses, this);
  }

  @Override
  public String createDraftTargetGroup(int accountId, String projectId, DraftTargetGroupRequest request) {
    String id = call(() -> api.createTargetGroup(accountId, projectId, request)).id();
    if (id == null || id.isBlank()) {
      throw new IllegalStateException("Cint created a target group but its answer carried neither id nor "
          + "target_group_id");
    }
    return id;
  }

  @Override
  public DraftTargetGroup getDraftTargetGroup(TargetGroupRef tg) {
    return repeatable(() -> api.getTargetGroup(tg.accountId(), tg.projectId(), tg.targetGroupId()));
  }

  @Override
  public void updateDraftTargetGroup(TargetGroupRef tg, DraftTargetGroupRequest request) {
    repeatable(() -> {
      api.updateTargetGroup(tg.accountId(), tg.projectId(), tg.targetGroupId(), request);
      return null;
    });
  }

  @Override
  public List<TargetGroupsListItem> listTargetGroups(int accountId, String projectId, Collection<String> statuses) {
    Map<String, Object> query = new LinkedHashMap<>();
    if (statuses != null && !statuses.isEmpty()) {
      query.put("status", List.copyOf(statuses));
    }
    return allTargetGroups(accountId, projectId, query);
  }

  @Override
  public Optional<TargetGroupsListItem> findTargetGroupByCustomerReference(int accountId, String projectId,
      String reference) {
    Map<String, Object> query = new LinkedHashMap<>();
    query.put("target_group_customer_reference_numbers", List.of(reference));
    // Filter again locally: the reference is our idempotency key, so a lenient server filter must not fool us.
    return allTargetGroups(accountId, projectId, query).stream()
        .filter(tg -> reference.equals(tg.targetGroupCustomerReferenceNumber()))
        .findFirst();
  }

  private List<TargetGroupsListItem> allTargetGroups(int accountId, String projectId, Map<String, Object> filter) {
    List<TargetGroupsListItem> all = new ArrayList<>();
    CintCursor cursor = new CintCursor("target groups");
    do {
      Map<String, Object> query = new LinkedHashMap<>(filter);
      query.put("page_size", pageSize);
      if (cursor.value() != null) {
        query.put("start_after", cursor.value());
      }
      TargetGroupsList page = repeatable(() -> api.listTargetGroups(accountId, projectId, query));
      if (page.targetGroups() != null) {
        all.addAll(page.targetGroups());
      }
      cursor.advance(page.nextCursor());
    } while (cursor.value() != null);
    return all;
  }

  @Override
  public String createUploadJob(TargetGroupRef tg, EntityType entityType, String fileName, byte[] content) {
    FormData file = new FormData("text/csv", fileName, content);
    return CintResponses.jobId(call(() -> api.createUploadJob(tg.accountId(), tg.projectId(), tg.targetGroupId(),
        entityType.name(), file)), "upload");
  }

  @Override
  public RecontactJob getUploadJob(TargetGroupRef tg, String jobId) {
    return repeatable(() -> api.getUploadJob(tg.accountId(), tg.projectId(), tg.targetGroupId(), jobId));
  }

  @Override
  public List<UploadJobSummary> listUploadJobs(TargetGroupRef tg) {
    List<UploadJobSummary> all = new ArrayList<>();
    CintCursor cursor = new CintCursor("upload jobs");
    do {
      UploadJobsPage page = repeatable(() -> api.listUploadJobs(tg.accountId(), tg.projectId(), tg.targetGroupId(),
          pageSize, cursor.value()));
      if (page.data() != null) {
        all.addAll(page.data());
      }
      cursor.advance(page.nextCursor());
    } while (cursor.value() != null);
    return all;
  }

  @Override
  public DownloadedFile downloadUploadJobFile(TargetGroupRef tg, String jobId) {
    return repeatable(() -> {
      try (Response response = api.downloadUploadJobFile(tg.accountId(), tg.projectId(), tg.targetGroupId(),
          jobId)) {
        return responses.download("CintApi#downloadUploadJobFile", response, jobId);
      } catch (IOException e) {
        throw new feign.RetryableException(-1, "Reading Cint download failed: " + e.getMessage(),
            feign.Request.HttpMethod.GET, e, (Long) null, null);
      }
    });
  }

  @Override
  public String createRemoveAllJob(TargetGroupRef tg) {
    return CintResponses.jobId(call(() -> api.createRemoveAllJob(tg.accountId(), tg.projectId(), tg.targetGroupId())),
        "remove-all");
  }

  @Override
  public RecontactJob getRemoveAllJob(TargetGroupRef tg, String jobId) {
    return repeatable(() -> api.getRemoveAllJob(tg.accountId(), tg.projectId(), tg.targetGroupId(), jobId));
  }

  @Override
  public int savedRespondentIdsCount(TargetGroupRef tg) {
    return repeatable(() -> api.getOverview(tg.accountId(), tg.projectId(), tg.targetGroupId()))
        .savedRespondentIdsCount();
  }

  @Override
  public void forEachEligibleRsidPage(TargetGroupRef tg, Consumer<List<String>> consumer) {
    CintCursor cursor = new CintCursor("eligible RSIDs");
    do {
      RsidPage page = repeatable(() -> api.listEligibleRsids(tg.accountId(), tg.projectId(), tg.targetGroupId(),
          pageSize, cursor.value()));
      if (page.data() != null && !page.data().isEmpty()) {
        consumer.accept(page.data());
      }
      cursor.advance(page.nextCursor());
    } while (cursor.value() != null);
  }

  @Override
  public String createLaunchJob(TargetGroupRef tg, String idempotencyKey, Instant endFieldingAt) {
    // Same idempotency-key, same job: repeating the POST is safe.
    return repeatable(() -> {
      try (Response response = api.createLaunchJob(tg.accountId(), tg.projectId(), tg.targetGroupId(),
          idempotencyKey, new LaunchFromDraftRequest(endFieldingAt))) {
        responses.failUnlessSuccessful("CintApi#createLaunchJob", response);
        return responses.launchJobId(response);
      }
    });
  }

  @Override
  public LaunchJob getLaunchJob(TargetGroupRef tg, String jobId) {
    return repeatable(() -> api.getLaunchJob(tg.accountId(), tg.projectId(), tg.targetGroupId(), jobId));
  }

  @Override
  public CintModel.TargetGroupOverview getTargetGroupOverview(TargetGroupRef tg) {
    return repeatable(() -> api.getTargetGroupOverview(tg.accountId(), tg.projectId(), tg.targetGroupId()));
  }

  @Override
  public CintModel.TargetGroupPerformance getTargetGroupPerformance(TargetGroupRef tg) {
    return repeatable(() -> api.getTargetGroupPerformance(tg.accountId(), tg.projectId(), tg.targetGroupId()));
  }

  @Override
  public Optional<CintModel.VersionedFieldingRun> currentFieldingRun(TargetGroupRef tg) {
    return runs.current(tg);
  }

  @Override
  public CintModel.RunChange pauseFielding(TargetGroupRef tg) {
    return runs.change(tg, "live", "CintApi#pauseFieldingRun", (runId, etag) -> api.pauseFieldingRun(
        tg.accountId(), tg.projectId(), tg.targetGroupId(), runId, etag));
  }

  @Override
  public CintModel.RunChange resumeFielding(TargetGroupRef tg) {
    return runs.change(tg, "paused", "CintApi#resumeFieldingRun", (runId, etag) -> api.resumeFieldingRun(
        tg.accountId(), tg.projectId(), tg.targetGroupId(), runId, etag));
  }

  @Override
  public String createCompleteJob(TargetGroupRef tg, String idempotencyKey) {
    // Same Idempotency-Key, same job: repeating the POST is safe.
    return repeatable(() -> {
      try (Response response = api.createCompleteJob(tg.accountId(), tg.projectId(), idempotencyKey,
          new CintModel.BulkCompleteRequest(List.of(tg.targetGroupId())))) {
        responses.failUnlessSuccessful("CintApi#createCompleteJob", response);
        return responses.launchJobId(response);
      }
    });
  }

  @Override
  public CintModel.BulkCompleteJob getCompleteJob(TargetGroupRef tg, String jobId) {
    return repeatable(() -> api.getCompleteJob(tg.accountId(), tg.projectId(), jobId));
  }

  /** A call that may be repeated without harm: {@link #call} under the bounded client retry. */
  <T> T repeatable(Supplier<T> request) {
    tokens.token(); // fetched (with its own retry) first, so a token failure is not retried a second time here
    return retry.call(() -> call(request));
  }

  /** Runs a call; on 401 drops the cached token and tries exactly once more with a fresh one. */
  private <T> T call(Supplier<T> request) {
    try {
      return request.get();
    } catch (CintApiException e) {
      if (e.status() != 401) {
        throw e;
      }
      tokens.invalidate();
      return request.get();
    }
  }
}
