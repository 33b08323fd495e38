package io.recontact.sandbox.cint;

import com.atlassian.oai.validator.model.Request;
import com.atlassian.oai.validator.model.SimpleResponse;
import io.recontact.cint.contract.CintContract;
import io.recontact.cint.contract.CintContractExtension;
import io.recontact.cint.contract.ContractViolations;
import org.junit.jupiter.api.extension.RegisterExtension;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;

/** The simulator over real HTTP, standalone profile (no engine). Job timings are shortened per test. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("simulator")
class CintSimulatorTest {

  @RegisterExtension
  static CintContractExtension contract = CintContractExtension.perTest();

  static final String PROJECT = "01BTGNYV6HRNK8K8VKZASZCFP0";
  static final ObjectMapper JSON = new ObjectMapper();
  final HttpClient http = HttpClient.newHttpClient();

  @LocalServerPort int port;
  String token;

  record Res(int status, JsonNode json, HttpResponse<byte[]> raw) {
    String header(String name) {
      return raw.headers().firstValue(name).orElse(null);
    }
  }

  @BeforeEach
  void reset() throws Exception {
    admin("reset", null);
    admin("settings", "{\"jobBaseMillis\":0,\"jobPerIdMicros\":0,\"launchMillis\":0}");
    token = tokenFor("sandbox-secret").json.get("access_token").asText();
  }

  // ------------------------------------------------------------------ auth and headers

  @Test
  void tokenIsIssuedForTheConfiguredClientOnly() throws Exception {
    Res ok = tokenFor("sandbox-secret");
    assertThat(ok.status).isEqualTo(200);
    assertThat(ok.json.get("token_type").asText()).isEqualTo("Bearer");
    assertThat(ok.json.get("expires_in").asLong()).isEqualTo(86400);
    assertThat(ok.json.get("access_token").asText().split("\\.")).hasSize(3);

    Res bad = tokenFor("wrong");
    assertThat(bad.status).isEqualTo(401);
    assertThat(bad.json.get("error").asText()).isEqualTo("access_denied");
    Res badGrant = send("POST", "/sandbox/cint/oauth/token", "{\"client_id\":\"sandbox-client\","
        + "\"client_secret\":\"sandbox-secret\",\"grant_type\":\"password\",\"audience\":\"https://api.luc.id\"}", null, true);
    assertThat(badGrant.status).isEqualTo(400);
    assertThat(badGrant.json.get("error").asText()).isEqualTo("invalid_request");
  }

  @Test
  void apiCallsNeedAValidBearerAndTheVersionHeader() throws Exception {
    String path = tgBase();
    Res noBearer = send("GET", path, null, null, true);
    assertThat(noBearer.status).isEqualTo(401);
    assertThat(noBearer.json.get("object").asText()).isEqualTo("authorization_error");
    assertThat(noBearer.json.get("id").asText()).hasSize(36);
    assertThat(noBearer.header("Content-Type")).startsWith("application/json");

    Res forged = send("GET", path, null, "Bearer " + token.substring(0, token.length() - 3) + "abc", true);
    assertThat(forged.status).isEqualTo(401);

    Res noVersion = send("GET", path, null, "Bearer " + token, false);
    assertThat(noVersion.status).isEqualTo(403);
    assertThat(noVersion.json.get("object").asText()).isEqualTo("required_header_missing");
    assertThat(noVersion.json.get("detail").asText()).contains("Cint-API-Version header is missing and required");

    Res ok = api("GET", path, null);
    assertThat(ok.status).isEqualTo(200);
    assertThat(ok.header("traceparent")).matches("^00-[0-9a-f]{32}-[0-9a-f]{16}-01$");

    admin("settings", "{\"tokenTtlSeconds\":0}");
    String expired = tokenFor("sandbox-secret").json.get("access_token").asText();
    Res expiredRes = send("GET", path, null, "Bearer " + expired, true);
    assertThat(expiredRes.status).isEqualTo(403);
    assertThat(expiredRes.json.get("object").asText()).isEqualTo("authorization_error");

    admin("tokens/revoke", null);
    assertThat(api("GET", path, null).status).isEqualTo(401);
    assertThat(api("GET", "/sandbox/cint/v1/demand/accounts/999/projects/" + PROJECT + "/target-groups", null).status)
        .isEqualTo(401);
  }

  @Test
  void unknownAccountAndMalformedIds() throws Exception {
    assertThat(api("GET", "/sandbox/cint/v1/demand/accounts/999/projects/" + PROJECT + "/target-groups", null).status)
        .isEqualTo(404);
    Res badProject = api("GET", "/sandbox/cint/v1/demand/accounts/101/projects/nope/target-groups", null);
    assertThat(badProject.status).isEqualTo(400);
    assertThat(badProject.json.get("invalid_params").get(0).get("name").asText()).isEqualTo("project_id");
    assertThat(api("GET", tgBase() + "/01BTGNYV6HRNK8K8VKZASZCFP9", null).status).isEqualTo(404);
  }

  // ------------------------------------------------------------------ target groups

  @Test
  void createReportsEveryProblemAtOnce() throws Exception {
    ObjectNode body = recontactBody(5, "REF-1");
    body.put("live_url", "http://example.com/?rsid=[%RECONTACT_RSID%]");
    body.put("test_url", "https://example.com/?nothing");
    body.putObject("allocations").put("template_id", "01AAAAAAAAAAAAAAAAAAAAAAAA");
    body.put("expected_incidence_rate", 0.555);
    body.remove("name");
    Res res = api("POST", tgBase(), body.toString());
    assertThat(res.status).isEqualTo(400);
    assertThat(res.json.get("object").asText()).isEqualTo("bad_request_error");
    List<String> names = new ArrayList<>();
    res.json.get("invalid_params").forEach(p -> names.add(p.get("name").asText()));
    assertThat(names).contains("name", "live_url", "test_url", "allocations.template_id", "expected_incidence_rate");
    assertThat(admin("state", null).json.get("targetGroups")).isEmpty();
  }

  @Test
  void draftCanBeReadUpdatedAndListed() throws Exception {
    String first = createTg(5, "REF-1");
    String second = createTg(5, "REF-2");
    assertThat(first).isNotEqualTo(second).matches("^[0-9A-Z]{26}$"); // no idempotency on create

    Res draft = api("GET", tgBase() + "/" + first, null);
    assertThat(draft.status).isEqualTo(200);
    assertThat(draft.json.get("human_readable_id").asText()).hasSize(7);
    assertThat(draft.json.get("business_unit_id").isInt()).isTrue();
    assertThat(draft.json.get("status").asText()).isEqualTo("draft");
    assertThat(draft.json.get("created_at").asText()).matches("^\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z$");

    ObjectNode update = recontactBody(3, "REF-1");
    update.put("name", "Renamed wave");
    assertThat(api("PUT", tgBase() + "/" + first, update.toString()).status).isEqualTo(204);
    assertThat(api("GET", tgBase() + "/" + first, null).json.get("name").asText()).isEqualTo("Renamed wave");

    Res filtered = api("GET", tgBase() + "?target_group_customer_reference_numbers=REF-1,REF-X&status=draft", null);
    assertThat(filtered.json.get("target_groups")).hasSize(1);
    assertThat(filtered.json.get("target_groups").get(0).get("id").asText()).isEqualTo(first);
    Res paged = api("GET", tgBase() + "?page_size=1", null);
    assertThat(paged.json.get("has_more").asBoolean()).isTrue();
    Res rest = api("GET", tgBase() + "?page_size=1&start_after=" + paged.json.get("next_cursor").asText(), null);
    assertThat(rest.json.get("has_more").asBoolean()).isFalse();
    assertThat(rest.json.get("target_groups").get(0).get("id").asText())
        .isNotEqualTo(paged.json.get("target_groups").get(0).get("id").asText());
    assertThat(api("GET", tgBase() + "?page_size=1001", null).status).isEqualTo(400);
  }

  // ------------------------------------------------------------------ uploads

  @Test
  void uploadRejectsWrongMediaTypeOversizeAndUnknownEntityType() throws Exception {
    String tg = createTg(1, null);
    String path = tgBase() + "/" + tg + "/recontacts/jobs/upload-respondents-by-file?entity_type=RSID";
    Res json = api("POST", path, "{}");
    assertThat(json.status).isEqualTo(415);
    assertThat(json.json.get("object").asText()).isEqualTo("unsupported_media_type_error");

    Res big = upload(tg, "RSID", "big.txt", new byte[5_000_000]);
    assertThat(big.status).isEqualTo(413);
    assertThat(big.json.get("detail").asText()).isEqualTo("File upload limit exceeded");

    Res unknown = upload(tg, "EMAIL", "a.txt", uuid().getBytes(StandardCharsets.UTF_8));
    assertThat(unknown.status).isEqualTo(400);
    assertThat(unknown.json.get("invalid_params").get(0).get("name").asText()).isEqualTo("entity_type");
    assertThat(upload(tg, null, "a.txt", uuid().getBytes(StandardCharsets.UTF_8)).status).isEqualTo(400);
  }

  @Test
  void secondJobConflictsWhileTheFirstIsProcessing() throws Exception {
    admin("settings", "{\"jobBaseMillis\":400}");
    String tg = createTg(1, null);
    Res first = upload(tg, "RSID", "a.txt", uuid().getBytes(StandardCharsets.UTF_8));
    assertThat(first.status).isEqualTo(201);
    String jobPath = tgBase() + "/" + tg + "/recontacts/jobs/upload-respondents-by-file/" + first.json.get("job_id").asText();
    JsonNode processing = api("GET", jobPath, null).json;
    assertThat(processing.get("status").asText()).isEqualTo("Processing");
    assertThat(processing.has("completed_at") && processing.get("completed_at").isNull()).isTrue();
    assertThat(processing.get("partial_success_reason").isNull()).isTrue();
    assertThat(overview(tg)).isZero(); // only settled jobs count

    Res conflict = upload(tg, "RSID", "b.txt", uuid().getBytes(StandardCharsets.UTF_8));
    assertThat(conflict.status).isEqualTo(409);
    assertThat(conflict.json.get("object").asText()).isEqualTo("conflict_error");
    assertThat(api("POST", tgBase() + "/" + tg + "/recontacts/jobs/remove-all-rsids", null).status).isEqualTo(409);

    JsonNode done = await(jobPath);
    assertThat(done.get("status").asText()).isEqualTo("Completed");
    assertThat(done.get("completed_at").asText()).endsWith("Z");
    assertThat(upload(tg, "RSID", "b.txt", uuid().getBytes(StandardCharsets.UTF_8)).status).isEqualTo(201);
  }

  @Test
  void partialSuccessCountsMergesCaseInsensitivelyAndMapsRids() throws Exception {
    String tg = createTg(1, null);
    String known = uuid();
    String refused = uuid();
    admin("settings", "{\"refusedIds\":[\"" + refused.toUpperCase() + "\"]}");
    JsonNode first = awaitUpload(tg, "RSID", known + "\n");
    assertThat(first.get("partial_success_reason").isNull()).isTrue();

    String file = known.toUpperCase() + "\r\n\r\nnot-a-uuid\n" + refused + "\n" + uuid() + "\n";
    JsonNode job = awaitUpload(tg, "RESPONDENT_ID", file);
    assertThat(job.get("status").asText()).isEqualTo("Completed");
    assertThat(job.get("partial_success_reason").get("description").asText()).isEqualTo(
        "Upload partially successful. 2 respondent IDs uploaded successfully, 3 failed (invalid or empty).");
    assertThat(overview(tg)).isEqualTo(2);
    assertThat(rsidPages(tg, 10).stream().flatMap(List::stream).toList()).contains(known);

    String other = createTg(1, null);
    awaitUpload(other, "RID", "abc-123\nABC-123\n");
    awaitUpload(other, "RESPONSE_ID", "abc-123\n");
    assertThat(overview(other)).isEqualTo(1);
    List<String> ids = rsidPages(other, 10).get(0);
    assertThat(ids).containsExactly(JobFiles.ridToRsid("abc-123"));
  }

  @Test
  void refusedFractionIsDeterministic() throws Exception {
    admin("settings", "{\"refusedFraction\":0.5}");
    StringBuilder file = new StringBuilder();
    for (int i = 0; i < 200; i++) {
      file.append(UUID.nameUUIDFromBytes(("x" + i).getBytes())).append('\n');
    }
    String a = createTg(1, null);
    String b = createTg(1, null);
    awaitUpload(a, "RSID", file.toString());
    awaitUpload(b, "RSID", file.toString());
    assertThat(overview(a)).isEqualTo(overview(b)).isBetween(50, 150);
  }

  @Test
  void uploadBeyondCapacityFailsAndStoresNothing() throws Exception {
    String tg = createTg(1, null);
    awaitUpload(tg, "RSID", uuid() + "\n");
    StringBuilder file = new StringBuilder(3_800_000);
    for (int i = 0; i < 100_000; i++) {
      file.append(new UUID(i, 42)).append('\n');
    }
    JsonNode job = awaitUpload(tg, "RSID", file.toString());
    assertThat(job.get("status").asText()).isEqualTo("Failed");
    assertThat(job.get("failure_reason").get("code").asText()).isEqualTo("RecontactCapacityExceeded");
    assertThat(job.get("job_trace_id").asText()).matches("^[0-9a-f]{32}$");
    assertThat(overview(tg)).isEqualTo(1);
  }

  @Test
  void listsReturnEveryItemOnceWithShortPages() throws Exception {
    String tg = createTg(1, null);
    Set<String> jobIds = new HashSet<>();
    for (int i = 0; i < 12; i++) {
      jobIds.add(awaitUpload(tg, "RSID", uuid() + "\n").get("job_id").asText());
    }
    List<String> seen = new ArrayList<>();
    List<Integer> sizes = new ArrayList<>();
    String cursor = null;
    do {
      Res page = api("GET", tgBase() + "/" + tg + "/recontacts/jobs/upload-respondents-by-file?page_size=5"
          + (cursor == null ? "" : "&start_after=" + cursor), null);
      page.json.get("data").forEach(j -> seen.add(j.get("job_id").asText()));
      sizes.add(page.json.get("data").size());
      cursor = page.json.get("next_cursor").isNull() ? null : page.json.get("next_cursor").asText();
    } while (cursor != null);
    assertThat(seen).hasSize(12).doesNotHaveDuplicates();
    assertThat(new HashSet<>(seen)).isEqualTo(jobIds);
    assertThat(sizes).contains(2); // 5, 2 (storage boundary at 7), 5
    assertThat(sizes.size()).isGreaterThan(3 - 1);

    String big = createTg(1, null);
    StringBuilder file = new StringBuilder();
    for (int i = 0; i < 2500; i++) {
      file.append(new UUID(7, i)).append('\n');
    }
    awaitUpload(big, "RSID", file.toString());
    List<List<String>> pages = rsidPages(big, 1000);
    List<String> all = pages.stream().flatMap(List::stream).toList();
    assertThat(all).hasSize(2500).doesNotHaveDuplicates().isSorted();
    assertThat(pages.stream().map(List::size).toList()).anyMatch(s -> s < 1000 && s > 0);
  }

  @Test
  void downloadReturnsTheOriginalBytesWithASanitisedName() throws Exception {
    String tg = createTg(1, null);
    byte[] content = (uuid() + "\r\n").getBytes(StandardCharsets.UTF_8);
    String jobId = upload(tg, "RSID", "my recontacts (v2).csv", content).json.get("job_id").asText();
    Res download = api("GET", tgBase() + "/" + tg + "/recontacts/jobs/upload-respondents-by-file/" + jobId + "/download", null);
    assertThat(download.status).isEqualTo(200);
    assertThat(download.raw.body()).isEqualTo(content);
    assertThat(download.header("Content-Type")).startsWith("application/octet-stream");
    assertThat(download.header("Content-Disposition")).isEqualTo("attachment; filename=\"my_recontacts__v2_.csv\"");
  }

  @Test
  void removeAllEmptiesTheStore() throws Exception {
    String tg = createTg(1, null);
    awaitUpload(tg, "RSID", uuid() + "\n" + uuid() + "\n");
    assertThat(overview(tg)).isEqualTo(2);
    Res created = api("POST", tgBase() + "/" + tg + "/recontacts/jobs/remove-all-rsids", null);
    assertThat(created.status).isEqualTo(201);
    JsonNode job = await(tgBase() + "/" + tg + "/recontacts/jobs/remove-all-rsids/" + created.json.get("job_id").asText());
    assertThat(job.get("status").asText()).isEqualTo("Completed");
    assertThat(job.has("partial_success_reason")).isFalse();
    assertThat(job.has("failure_reason")).isTrue();
    assertThat(overview(tg)).isZero();
  }

  // ------------------------------------------------------------------ launch

  @Test
  void launchIsIdempotentAndChecksRecontactRules() throws Exception {
    String tg = createTg(2, null);
    String launchPath = tgBase() + "/" + tg + "/fielding-run-jobs/launch-from-draft";
    assertThat(launch(tg, null).status).isEqualTo(400);
    assertThat(launch(tg, "x".repeat(256)).status).isEqualTo(400);

    Res noIds = launch(tg, "key-1");
    assertThat(noIds.status).isEqualTo(201);
    String location = noIds.header("Location");
    assertThat(location).startsWith("/demand/accounts/101/projects/" + PROJECT + "/target-groups/" + tg);
    Res replay = launch(tg, "key-1");
    assertThat(replay.header("Location")).isEqualTo(location);
    String jobId = location.substring(location.lastIndexOf('/') + 1);
    assertThat(await(launchPath + "/" + jobId).get("failure_reason").get("code").asText())
        .isEqualTo("RecontactNoRespondentIds");

    awaitUpload(tg, "RSID", uuid() + "\n");
    assertThat(await(launchPath + "/" + launchJobId(launch(tg, "key-2"))).get("failure_reason").get("code").asText())
        .isEqualTo("RecontactCompletesGoalExceedsSavedIds");

    awaitUpload(tg, "RSID", uuid() + "\n");
    JsonNode ok = await(launchPath + "/" + launchJobId(launch(tg, "key-3")));
    assertThat(ok.get("status").asText()).isEqualTo("Completed");
    assertThat(ok.get("created_fielding_run_id").asText()).matches("^[0-9A-Z]{26}$");
    Res moved = api("GET", tgBase() + "/" + tg, null);
    assertThat(moved.status).isEqualTo(301);
    assertThat(moved.header("Location")).endsWith("/target-groups/" + tg + "/details");
    assertThat(api("PUT", tgBase() + "/" + tg, recontactBody(2, null).toString()).status).isEqualTo(400);
    assertThat(await(launchPath + "/" + launchJobId(launch(tg, "key-4"))).get("failure_reason").get("code").asText())
        .isEqualTo("TargetGroupInvalidState");
    assertThat(api("GET", tgBase() + "?status=live", null).json.get("target_groups")).hasSize(1);
    assertThat(upload(tg, "RSID", "late.txt", uuid().getBytes(StandardCharsets.UTF_8)).status).isEqualTo(201);
  }

  // ------------------------------------------------------------------ faults and admin

  @Test
  void faultsAnswerTheConfiguredStatusThenRecover() throws Exception {
    admin("faults", "{\"operation\":\"get_list_target_groups\",\"status\":500,\"count\":1}");
    Res failed = api("GET", tgBase(), null);
    assertThat(failed.status).isEqualTo(500);
    assertThat(failed.json.get("object").asText()).isEqualTo("unexpected_internal_error");
    assertThat(api("GET", tgBase(), null).status).isEqualTo(200);

    // 429 on an operation that declares it (the spec declares 429 only on fielding endpoints).
    String tg = createTg(1, null);
    admin("faults", "{\"operation\":\"create_launch_fielding_run_from_draft_job\",\"status\":429,\"count\":1,"
        + "\"retryAfterSeconds\":7}");
    Res limited = launch(tg, "key-limited");
    assertThat(limited.status).isEqualTo(429);
    assertThat(limited.header("Retry-After")).isEqualTo("7");
    assertThat(limited.json.get("object").asText()).isEqualTo("too_many_requests_problem_details");
    assertThat(limited.json.get("details").asText()).isNotBlank();
    assertThat(admin("state", null).json.get("jobs")).isEmpty(); // no side effect

    admin("faults", "{\"operation\":\"get_list_target_groups\",\"delayMillis\":300,\"count\":1}");
    long start = System.nanoTime();
    assertThat(api("GET", tgBase(), null).status).isEqualTo(200);
    assertThat((System.nanoTime() - start) / 1_000_000).isGreaterThanOrEqualTo(300);
    assertThat(admin("state", null).json.get("calls").get("get_list_target_groups").asLong()).isEqualTo(3);
  }

  @Test
  void standaloneProfileServesOnlyTheSimulators() throws Exception {
    Res engine = send("GET", "/engine-rest/engine", null, null, false);
    assertThat(engine.status).isEqualTo(404);
  }

  // ------------------------------------------------------------------ helpers

  String tgBase() {
    return "/sandbox/cint/v1/demand/accounts/101/projects/" + PROJECT + "/target-groups";
  }

  static String uuid() {
    return UUID.randomUUID().toString();
  }

  static ObjectNode recontactBody(int goal, String ref) {
    ObjectNode b = JSON.createObjectNode();
    b.put("name", "Wave 2 recontact").put("business_unit_id", "3337").put("locale", "eng_us").put("collects_pii", false)
        .put("study_type_code", "recontact").put("industry_code", "other")
        .put("project_manager_id", "b551326b-ac9d-4d32-8823-4f025787dab9")
        .put("completes_goal", goal).put("expected_length_of_interview_minutes", 10).put("expected_incidence_rate", 0.9)
        .put("live_url", "https://survey.example.com/?RID=[%RID%]&RECONTACT_RSID=[%RECONTACT_RSID%]")
        .put("test_url", "https://survey.example.com/?RID=[%RID%]&RECONTACT_RSID=[%RECONTACT_RSID%]&test=1");
    b.putObject("fielding_specification").put("start_at", "2030-09-02T08:22:18.822Z").put("end_at", "2030-09-13T08:22:18.821Z");
    b.putObject("exclusion").put("enabled", false);
    b.putObject("fielding_assistant_assignment");
    b.putObject("allocations").put("template_id", "01JH0PEGPC4Z8RDD304E2SF0EW");
    if (ref != null) {
      b.put("target_group_customer_reference_number", ref);
    }
    return b;
  }

  String createTg(int goal, String ref) throws Exception {
    Res res = api("POST", tgBase(), recontactBody(goal, ref).toString());
    assertThat(res.status).as(String.valueOf(res.json)).isEqualTo(201);
    return res.json.get("id").asText();
  }

  int overview(String tg) throws Exception {
    return api("GET", tgBase() + "/" + tg + "/recontacts/overview", null).json.get("saved_respondent_ids_count").asInt();
  }

  JsonNode awaitUpload(String tg, String entityType, String content) throws Exception {
    Res res = upload(tg, entityType, "ids.txt", content.getBytes(StandardCharsets.UTF_8));
    assertThat(res.status).as(String.valueOf(res.json)).isEqualTo(201);
    return await(tgBase() + "/" + tg + "/recontacts/jobs/upload-respondents-by-file/" + res.json.get("job_id").asText());
  }

  JsonNode await(String jobPath) throws Exception {
    for (int i = 0; i < 100; i++) {
      JsonNode job = api("GET", jobPath, null).json;
      if (!"Processing".equals(job.get("status").asText())) {
        return job;
      }
      Thread.sleep(50);
    }
    throw new AssertionError("job still processing: " + jobPath);
  }

  List<List<String>> rsidPages(String tg, int pageSize) throws Exception {
    List<List<String>> pages = new ArrayList<>();
    String cursor = null;
    do {
      JsonNode page = api("GET", tgBase() + "/" + tg + "/recontacts/rsids?page_size=" + pageSize
          + (cursor == null ? "" : "&start_after=" + cursor), null).json;
      List<String> ids = new ArrayList<>();
      page.get("data").forEach(n -> ids.add(n.asText()));
      pages.add(ids);
      assertThat(page.has("next_cursor") && page.get("next_cursor").isNull()).as("no null next_cursor").isFalse();
      cursor = page.has("next_cursor") ? page.get("next_cursor").asText() : null;
    } while (cursor != null);
    return pages;
  }

  Res launch(String tg, String key) throws Exception {
    var builder = request("POST", tgBase() + "/" + tg + "/fielding-run-jobs/launch-from-draft",
        "{\"end_fielding_at\":\"2030-12-31T23:59:59.000Z\"}", "Bearer " + token, true);
    if (key != null) {
      builder.header("idempotency-key", key);
    }
    return exchange(builder);
  }

  static String launchJobId(Res res) {
    String location = res.header("Location");
    return location.substring(location.lastIndexOf('/') + 1);
  }

  Res upload(String tg, String entityType, String fileName, byte[] content) throws Exception {
    String boundary = "----sim" + UUID.randomUUID();
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    body.write(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"" + fileName
        + "\"\r\nContent-Type: text/plain\r\n\r\n").getBytes(StandardCharsets.UTF_8));
    body.write(content);
    body.write(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
    String path = tgBase() + "/" + tg + "/recontacts/jobs/upload-respondents-by-file"
        + (entityType == null ? "" : "?entity_type=" + entityType);
    var builder = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
        .header("Authorization", "Bearer " + token).header("Cint-API-Version", "2025-12-18")
        .header("Content-Type", "multipart/form-data; boundary=" + boundary)
        .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray()));
    return exchange(builder);
  }

  Res tokenFor(String secret) throws Exception {
    return send("POST", "/sandbox/cint/oauth/token", "{\"client_id\":\"sandbox-client\",\"client_secret\":\"" + secret
        + "\",\"grant_type\":\"client_credentials\",\"audience\":\"https://api.luc.id\",\"auth_scopes\":\"app:api\"}",
        null, false);
  }

  Res api(String method, String path, String json) throws Exception {
    return send(method, path, json, "Bearer " + token, true);
  }

  Res admin(String op, String json) throws Exception {
    return send(json == null && op.equals("state") ? "GET" : "POST", "/sandbox/cint/admin/" + op, json, null, false);
  }

  Res send(String method, String path, String json, String auth, boolean version) throws Exception {
    return exchange(request(method, path, json, auth, version));
  }

  HttpRequest.Builder request(String method, String path, String json, String auth, boolean version) {
    var builder = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
        .method(method, json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json));
    if (json != null) {
      builder.header("Content-Type", "application/json");
    }
    if (auth != null) {
      builder.header("Authorization", auth);
    }
    if (version) {
      builder.header("Cint-API-Version", "2025-12-18");
    }
    return builder;
  }

  Res exchange(HttpRequest.Builder builder) throws Exception {
    HttpResponse<byte[]> response = http.send(builder.build(), HttpResponse.BodyHandlers.ofByteArray());
    JsonNode json = null;
    String type = response.headers().firstValue("Content-Type").orElse("");
    if (type.contains("json") && response.body().length > 0) {
      json = JSON.readTree(response.body());
    }
    validateAgainstContract(response);
    return new Res(response.statusCode(), json, response);
  }

  /** Every answer of the simulated API, errors included, must match the contract document. */
  static void validateAgainstContract(HttpResponse<byte[]> response) {
    String path = response.uri().getRawPath();
    if (!CintContract.covers(path)) {
      return;
    }
    SimpleResponse.Builder answer = SimpleResponse.Builder.status(response.statusCode());
    response.headers().map().forEach((name, values) -> answer.withHeader(name, values));
    String type = response.headers().firstValue("Content-Type").orElse("");
    if (response.body().length > 0) {
      answer.withBody(new String(response.body(), java.nio.charset.StandardCharsets.UTF_8));
    }
    Request.Method method = Request.Method.valueOf(response.request().method());
    CintContract.validateResponse(method, path, answer.build(), ContractViolations.shared());
  }
}
