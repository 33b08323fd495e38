package io.recontact.cint.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import feign.Client;
import feign.RetryableException;
import io.recontact.cint.client.CintModel.DownloadedFile;
import io.recontact.cint.client.CintModel.DraftTargetGroup;
import io.recontact.cint.client.CintModel.DraftTargetGroupRequest;
import io.recontact.cint.client.CintModel.EntityType;
import io.recontact.cint.client.CintModel.Exclusion;
import io.recontact.cint.client.CintModel.FieldingSpecification;
import io.recontact.cint.client.CintModel.JobStatus;
import io.recontact.cint.client.CintModel.LaunchJob;
import io.recontact.cint.client.CintModel.RecontactJob;
import io.recontact.cint.client.CintModel.TargetGroupsListItem;
import io.recontact.cint.client.CintModel.UploadJobSummary;
import io.recontact.cint.contract.CintContractExtension;
import io.recontact.cint.contract.ContractValidatingClient;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.web.client.RestClient;

/**
 * The real Feign client against the Cint simulator over HTTP, every endpoint and every error; each exchange is
 * validated against the project's contract document.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
    "recontact.sandbox.cint.job-base-duration=300ms",
    "recontact.sandbox.cint.job-per-id-duration=1us",
    "recontact.sandbox.cint.launch-duration=300ms"})
@ActiveProfiles("simulator")
@ExtendWith(OutputCaptureExtension.class)
class CintClientTest {

  static final int ACCOUNT = 101;
  static final String PROJECT = "01JX2X0N5RTR012AYDTA83QWP1";
  static final String SECRET = "sandbox-secret";

  @RegisterExtension
  static CintContractExtension contract = CintContractExtension.perTest();

  @LocalServerPort
  int port;

  RestClient admin;
  CintClient cint;

  @BeforeEach
  void setUp() {
    admin = RestClient.create("http://localhost:" + port + "/sandbox/cint/admin");
    admin.post().uri("/reset").retrieve().toBodilessEntity();
    cint = client(SECRET, Duration.ofSeconds(5), 2);
  }

  CintClient client(String secret, Duration readTimeout, int pageSize) {
    CintProperties properties = new CintProperties("", "", "sandbox-client", secret, "https://api.luc.id",
        "app:api", "2025-12-18", Duration.ofSeconds(2), readTimeout, Duration.ofMinutes(5), pageSize);
    Supplier<String> base = () -> "http://localhost:" + port + "/sandbox/cint/v1";
    Supplier<String> token = () -> "http://localhost:" + port + "/sandbox/cint/oauth/token";
    return CintClients.create(properties, base, token, new ContractValidatingClient(new Client.Default(null, null)),
        Clock.systemUTC());
  }

  @Test
  void wholeRecontactSequenceOfTheGuide(CapturedOutput output) {
    String reference = "rc-" + UUID.randomUUID().toString().substring(0, 8);
    String id = cint.createDraftTargetGroup(ACCOUNT, PROJECT, recontactDraft(reference, 3));
    TargetGroupRef tg = new TargetGroupRef(ACCOUNT, PROJECT, id);

    DraftTargetGroup draft = cint.getDraftTargetGroup(tg);
    assertThat(draft.name()).isEqualTo("Wave 2 recontact " + reference);
    assertThat(draft.completesGoal()).isEqualTo(3);
    assertThat(cint.findTargetGroupByCustomerReference(ACCOUNT, PROJECT, reference))
        .map(TargetGroupsListItem::id).contains(id);
    assertThat(cint.findTargetGroupByCustomerReference(ACCOUNT, PROJECT, "no-such-ref")).isEmpty();

    List<String> rsids = rsids(5);
    String file = rsids.get(0).toUpperCase(Locale.ROOT) + "\r\n" + String.join("\n", rsids.subList(1, 5))
        + "\n\nnot-a-uuid\n";
    String jobId = cint.createUploadJob(tg, EntityType.RSID, "wave 2 (final).csv", bytes(file));
    RecontactJob job = awaitUpload(tg, jobId);
    assertThat(job.status()).isEqualTo(JobStatus.COMPLETED);
    assertThat(job.partialSuccessReason().description())
        .isEqualTo("Upload partially successful. 5 respondent IDs uploaded successfully, 2 failed (invalid or empty).");
    assertThat(cint.savedRespondentIdsCount(tg)).isEqualTo(5);

    List<String> eligible = new ArrayList<>();
    cint.forEachEligibleRsidPage(tg, eligible::addAll);
    assertThat(eligible).containsExactlyInAnyOrderElementsOf(rsids);

    assertThat(cint.listUploadJobs(tg)).extracting(UploadJobSummary::jobId).containsExactly(jobId);
    DownloadedFile download = cint.downloadUploadJobFile(tg, jobId);
    assertThat(download.content()).isEqualTo(bytes(file));
    assertThat(download.fileName()).isEqualTo("wave_2__final_.csv");

    cint.updateDraftTargetGroup(tg, recontactDraft(reference, 4));
    assertThat(cint.getDraftTargetGroup(tg).completesGoal()).isEqualTo(4);

    String launchKey = UUID.randomUUID().toString();
    Instant end = Instant.now().plus(20, ChronoUnit.DAYS);
    String launchJob = cint.createLaunchJob(tg, launchKey, end);
    assertThat(cint.createLaunchJob(tg, launchKey, end)).as("same idempotency-key, same job").isEqualTo(launchJob);
    LaunchJob launched = awaitLaunch(tg, launchJob);
    assertThat(launched.status()).isEqualTo(JobStatus.COMPLETED);
    assertThat(launched.createdFieldingRunId()).isNotBlank();
    assertThat(cint.listTargetGroups(ACCOUNT, PROJECT, List.of("live"))).extracting(TargetGroupsListItem::id)
        .contains(id);

    // A second launch with another key fails as the spec documents.
    LaunchJob again = awaitLaunch(tg, cint.createLaunchJob(tg, UUID.randomUUID().toString(), end));
    assertThat(again.status()).isEqualTo(JobStatus.FAILED);
    assertThat(again.failureReason().code()).isEqualTo("TargetGroupInvalidState");

    String removal = cint.createRemoveAllJob(tg);
    RecontactJob removed = await(() -> cint.getRemoveAllJob(tg, removal), RecontactJob::isDone);
    assertThat(removed.status()).isEqualTo(JobStatus.COMPLETED);
    assertThat(cint.savedRespondentIdsCount(tg)).isZero();

    assertThat(output.getAll()).doesNotContain(SECRET).doesNotContain("eyJ");
  }

  @Test
  void listsFollowCursorsAcrossShortPagesAndReturnEveryItemOnce() {
    TargetGroupRef tg = newTargetGroup();
    List<String> rsids = rsids(57);
    awaitUpload(tg, cint.createUploadJob(tg, EntityType.RSID, "a.csv", bytes(String.join("\n", rsids))));
    List<String> second = rsids(3);
    awaitUpload(tg, cint.createUploadJob(tg, EntityType.RSID, "b.txt", bytes(String.join("\n", second))));

    List<List<String>> pages = new ArrayList<>();
    cint.forEachEligibleRsidPage(tg, pages::add);
    List<String> all = pages.stream().flatMap(List::stream).toList();
    assertThat(all).hasSize(60).doesNotHaveDuplicates();
    assertThat(all).containsExactlyInAnyOrderElementsOf(
        IntStream.range(0, 2).boxed().flatMap(i -> (i == 0 ? rsids : second).stream()).toList());
    assertThat(pages).hasSizeGreaterThan(20);
    assertThat(pages).allSatisfy(page -> assertThat(page).hasSizeLessThanOrEqualTo(2));

    List<UploadJobSummary> jobs = cint.listUploadJobs(tg);
    assertThat(jobs).extracting(UploadJobSummary::fileName).containsExactly("b.txt", "a.csv");
    for (int i = 0; i < 3; i++) {
      cint.createDraftTargetGroup(ACCOUNT, PROJECT, recontactDraft("page-" + i, 1));
    }
    assertThat(cint.listTargetGroups(ACCOUNT, PROJECT, List.of()).stream().map(TargetGroupsListItem::id)
        .collect(Collectors.toList())).hasSize(4).doesNotHaveDuplicates();
  }

  @Test
  void responseIdsAreMappedToRespondentIds() {
    TargetGroupRef tg = newTargetGroup();
    RecontactJob job = awaitUpload(tg, cint.createUploadJob(tg, EntityType.RID, "rids.txt",
        bytes("R-1001\nR-1002\nR-1001\n")));
    assertThat(job.status()).isEqualTo(JobStatus.COMPLETED);
    assertThat(cint.savedRespondentIdsCount(tg)).isEqualTo(2);
  }

  @Test
  void validationErrorsCarryInvalidParams() {
    DraftTargetGroupRequest bad = new DraftTargetGroupRequest("Wave", "3337", "eng_us", false, "recontact", null,
        "b551326b-ac9d-4d32-8823-4f025787dab9", null, fielding(), 0, 10, new BigDecimal("0.9"),
        new Exclusion(false), "http://survey.example.com/?rid=[%RID%]", "https://survey.example.com/?rid=[%RID%]",
        new ObjectMapper().createObjectNode(), null, recontactAllocations(), null, null, null);

    assertThatThrownBy(() -> cint.createDraftTargetGroup(ACCOUNT, PROJECT, bad))
        .isInstanceOfSatisfying(CintApiException.class, e -> {
          assertThat(e.status()).isEqualTo(400);
          assertThat(e.object()).isEqualTo("bad_request_error");
          assertThat(e.errorId()).isNotBlank();
          assertThat(e.invalidParams()).extracting(CintApiException.InvalidParam::name)
              .contains("name", "completes_goal", "live_url", "test_url");
        });
    // The harness must have caught the deliberately invalid request; then nothing else may be recorded.
    assertThat(contract.recorder().violations()).isNotEmpty()
        .allSatisfy(v -> assertThat(v.method()).isEqualTo("POST"));
    contract.recorder().clear();
  }

  @Test
  void unknownTargetGroupIsNotFound() {
    TargetGroupRef missing = new TargetGroupRef(ACCOUNT, PROJECT, "01JX2X0N5RTR012AYDTA83QWZZ");
    assertThatThrownBy(() -> cint.savedRespondentIdsCount(missing))
        .isInstanceOfSatisfying(CintApiException.class, e -> {
          assertThat(e.status()).isEqualTo(404);
          assertThat(e.object()).isEqualTo("not_found_error");
        });
  }

  @Test
  void uploadWhileAJobRunsIsAConflict() {
    TargetGroupRef tg = newTargetGroup();
    cint.createUploadJob(tg, EntityType.RSID, "first.csv", bytes(String.join("\n", rsids(3))));
    assertThatThrownBy(() -> cint.createUploadJob(tg, EntityType.RSID, "second.csv", bytes(rsids(1).get(0))))
        .isInstanceOfSatisfying(CintApiException.class, e -> {
          assertThat(e.status()).isEqualTo(409);
          assertThat(e.isConflict()).isTrue();
          assertThat(e.object()).isEqualTo("conflict_error");
        });
    assertThatThrownBy(() -> cint.createRemoveAllJob(tg))
        .isInstanceOfSatisfying(CintApiException.class, e -> assertThat(e.status()).isEqualTo(409));
  }

  @Test
  void fileOfFiveMegabytesIsTooLarge() {
    TargetGroupRef tg = newTargetGroup();
    byte[] large = new byte[5_000_000];
    java.util.Arrays.fill(large, (byte) 'a');
    assertThatThrownBy(() -> cint.createUploadJob(tg, EntityType.RSID, "big.csv", large))
        .isInstanceOfSatisfying(CintApiException.class, e -> {
          assertThat(e.status()).isEqualTo(413);
          assertThat(e.object()).isEqualTo("content_too_large_error");
        });
  }

  @Test
  void wrongSecretIsUnauthorizedAndNeverLogged(CapturedOutput output) {
    CintClient wrong = client("not-the-secret", Duration.ofSeconds(5), 10);
    assertThatThrownBy(() -> wrong.savedRespondentIdsCount(newTargetGroup()))
        .isInstanceOfSatisfying(CintApiException.class, e -> {
          assertThat(e.status()).isEqualTo(401);
          assertThat(e.getMessage()).doesNotContain("not-the-secret");
        });
    assertThat(output.getAll()).doesNotContain("not-the-secret");
  }

  @Test
  void revokedTokenIsReplacedOnceAfter401() {
    TargetGroupRef tg = newTargetGroup();
    int tokensBefore = callCount("token");
    admin.post().uri("/tokens/revoke").retrieve().toBodilessEntity();

    assertThat(cint.savedRespondentIdsCount(tg)).isZero();
    assertThat(callCount("token")).isEqualTo(tokensBefore + 1);
  }

  @Test
  void tokenIsReusedAcrossCalls() {
    TargetGroupRef tg = newTargetGroup();
    for (int i = 0; i < 5; i++) {
      cint.savedRespondentIdsCount(tg);
    }
    assertThat(callCount("token")).isEqualTo(1);
  }

  @Test
  void serverErrorsAreTechnicalAndRateLimitsCarryRetryAfter() {
    TargetGroupRef tg = newTargetGroup();
    fault("{\"operation\":\"get_recontacts_overview\",\"status\":500,\"count\":1}");
    assertThatThrownBy(() -> cint.savedRespondentIdsCount(tg))
        .isInstanceOfSatisfying(CintApiException.class, e -> {
          assertThat(e.isTechnical()).isTrue();
          assertThat(e.object()).isEqualTo("unexpected_internal_error");
        });
    assertThat(cint.savedRespondentIdsCount(tg)).isZero();

    fault("{\"operation\":\"create_launch_fielding_run_from_draft_job\",\"status\":429,\"count\":1,"
        + "\"retryAfterSeconds\":7}");
    assertThatThrownBy(() -> cint.createLaunchJob(tg, "key-1", Instant.now().plus(9, ChronoUnit.DAYS)))
        .isInstanceOfSatisfying(CintApiException.class, e -> {
          assertThat(e.isRateLimited()).isTrue();
          assertThat(e.retryAfter()).contains(Duration.ofSeconds(7));
          assertThat(e.object()).isEqualTo("too_many_requests_problem_details");
          assertThat(e.detail()).isNotBlank();
        });
  }

  @Test
  void slowAnswerTimesOut() {
    TargetGroupRef tg = newTargetGroup();
    CintClient impatient = client(SECRET, Duration.ofMillis(300), 10);
    impatient.savedRespondentIdsCount(tg);
    fault("{\"operation\":\"get_recontacts_overview\",\"count\":1,\"delayMillis\":1500}");
    assertThatThrownBy(() -> impatient.savedRespondentIdsCount(tg)).isInstanceOf(RetryableException.class);
  }

  // --- helpers ---------------------------------------------------------------------------------------------------

  TargetGroupRef newTargetGroup() {
    String ref = "rc-" + UUID.randomUUID().toString().substring(0, 8);
    return new TargetGroupRef(ACCOUNT, PROJECT, cint.createDraftTargetGroup(ACCOUNT, PROJECT, recontactDraft(ref, 1)));
  }

  static DraftTargetGroupRequest recontactDraft(String reference, int goal) {
    return new DraftTargetGroupRequest("Wave 2 recontact " + reference, "3337", "eng_us", false, "recontact",
        "other", "b551326b-ac9d-4d32-8823-4f025787dab9", null, fielding(), goal, 10, new BigDecimal("0.9"),
        new Exclusion(false), "https://survey.example.com/?RID=[%RID%]&RECONTACT_RSID=[%RECONTACT_RSID%]",
        "https://survey.example.com/?RID=[%RID%]&RECONTACT_RSID=[%RECONTACT_RSID%]",
        new ObjectMapper().createObjectNode(), null, recontactAllocations(), reference, null, null);
  }

  static FieldingSpecification fielding() {
    Instant start = Instant.now().plus(1, ChronoUnit.DAYS).truncatedTo(ChronoUnit.MILLIS);
    return new FieldingSpecification(start, start.plus(14, ChronoUnit.DAYS));
  }

  static JsonNode recontactAllocations() {
    ObjectNode allocations = new ObjectMapper().createObjectNode();
    allocations.put("template_id", CintModel.RECONTACT_ALLOCATIONS_TEMPLATE_ID);
    return allocations;
  }

  static List<String> rsids(int count) {
    return IntStream.range(0, count).mapToObj(i -> UUID.randomUUID().toString()).toList();
  }

  static byte[] bytes(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  RecontactJob awaitUpload(TargetGroupRef tg, String jobId) {
    return await(() -> cint.getUploadJob(tg, jobId), RecontactJob::isDone);
  }

  LaunchJob awaitLaunch(TargetGroupRef tg, String jobId) {
    return await(() -> cint.getLaunchJob(tg, jobId), LaunchJob::isDone);
  }

  static <T> T await(Supplier<T> poll, java.util.function.Predicate<T> done) {
    long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
    while (true) {
      T value = poll.get();
      if (done.test(value)) {
        return value;
      }
      if (System.nanoTime() > deadline) {
        throw new AssertionError("still not done: " + value);
      }
      try {
        Thread.sleep(100);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError(e);
      }
    }
  }

  void fault(String json) {
    admin.post().uri("/faults").contentType(org.springframework.http.MediaType.APPLICATION_JSON).body(json)
        .retrieve().toBodilessEntity();
  }

  int callCount(String operation) {
    JsonNode state = admin.get().uri("/state").retrieve().body(JsonNode.class);
    return state.path("calls").path(operation).asInt(0);
  }
}
