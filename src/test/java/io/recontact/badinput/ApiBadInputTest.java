package io.recontact.badinput;

import static io.recontact.badinput.BadInputHttp.Part;
import static io.recontact.badinput.BadInputRows.assertAnswer;
import static java.nio.charset.StandardCharsets.UTF_16LE;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import io.recontact.badinput.BadInputHttp.Answer;
import io.recontact.cint.recontact.CintRecontactIntegrationTest;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.ActiveProfiles;

/**
 * Rows B01–B17, B57–B59, B70, B91, B95–B99, B100 and B101 of the "Bad input" table (docs/bad-input.md): the
 * project's own /api for Cint recontacts, fielding, erasure and retention. The panel import and the partners'
 * notifications are in ApiFeedBadInputTest.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
class ApiBadInputTest extends ApiBadInputSupport {

  static final String RECONTACTS = "/api/cint/recontacts";
  static final String URL = "https://survey.example.com/?rsid=[%RECONTACT_RSID%]";
  static final byte[] IDS = (UUID.randomUUID() + "\n" + UUID.randomUUID() + "\n").getBytes(UTF_8);
  static final byte[] PNG = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n', 0, 0, 0, 13, 'I', 'H', 'D', 'R'};

  static String request() {
    return CintRecontactIntegrationTest.request(2, true, URL);
  }

  void recontactRefused(String id, Supplier<Answer> call) {
    refused(id, call, () -> instances("cintRecontact"), () -> rows("respondent_file"));
  }

  Answer recontact(String request, String fileName, byte[] file) {
    return file == null ? http.multipart(RECONTACTS, Part.json("request", request))
        : http.multipart(RECONTACTS, Part.json("request", request), Part.file(fileName, file));
  }

  @Test
  void b01_recontactAsPlainText() {
    recontactRefused("B01", () -> http.post(RECONTACTS, "text/plain", request().getBytes(UTF_8)));
  }

  @Test
  void b02_recontactWithoutFile() {
    recontactRefused("B02", () -> recontact(request(), null, null));
  }

  @Test
  void b03_recontactBinaryFile() {
    recontactRefused("B03", () -> recontact(request(), "ids.png", PNG));
  }

  @Test
  void b04_recontactUtf16File() {
    byte[] text = ("\uFEFF" + new String(IDS, UTF_8)).getBytes(UTF_16LE);
    recontactRefused("B04", () -> recontact(request(), "ids.txt", text));
  }

  @Test
  void b05_recontactRequestNotJson() {
    recontactRefused("B05", () -> recontact("{accountId: 101", "ids.csv", IDS));
  }

  @Test
  void b06_recontactWrongType() {
    recontactRefused("B06", () -> recontact(request().replace("\"accountId\": 101", "\"accountId\": \"abc\""),
        "ids.csv", IDS));
  }

  @Test
  void b07_recontactBadDate() {
    recontactRefused("B07", () -> recontact(request().replaceFirst("\"endFieldingAt\": \"[^\"]+\"",
        "\"endFieldingAt\": \"31/12/2026\""), "ids.csv", IDS));
  }

  /** A fielding end already past: refused at the start, not accepted and failed at the launch (issue 20). */
  @Test
  void b100_recontactEndFieldingAtInThePast() {
    recontactRefused("B100", () -> recontact(request().replaceFirst("\"endFieldingAt\": \"[^\"]+\"",
        "\"endFieldingAt\": \"2020-01-01T00:00:00Z\""), "ids.csv", IDS));
  }

  /** The same without a launch: an end that is past is never what the caller means. */
  @Test
  void b101_recontactWithoutLaunchEndFieldingAtInThePast() {
    recontactRefused("B101", () -> recontact(CintRecontactIntegrationTest.request(2, false, URL).replaceFirst(
        "\"endFieldingAt\": \"[^\"]+\"", "\"endFieldingAt\": \"2020-01-01T00:00:00+02:00\""), "ids.csv", IDS));
  }

  @Test
  void b08_recontactUrlWithoutPlaceholder() {
    recontactRefused("B08", () -> recontact(CintRecontactIntegrationTest.request(2, true,
        "https://survey.example.com/?rsid=123"), "ids.csv", IDS));
  }

  @Test
  void b09_recontactVeryLongName() {
    recontactRefused("B09", () -> recontact(request().replace("Wave 2 recontact", "W".repeat(10_000)), "ids.csv",
        IDS));
  }

  @Test
  void b10_recontactInjectionInProjectId() {
    recontactRefused("B10", () -> recontact(request().replace(PROJECT, "01BTG' OR '1'='1"), "ids.csv", IDS));
  }

  @Test
  void b11_recontactUnknownEntityType() {
    recontactRefused("B11", () -> recontact(request().replace("\"RSID\"", "\"EMAIL\""), "ids.csv", IDS));
  }

  @Test
  void b12_recontactFileWithoutOneValidId() {
    recontactRefused("B12", () -> recontact(request(), "ids.csv", "not-an-id\n\n12345\n".getBytes(UTF_8)));
  }

  @Test
  void b13_recontactOver5MbAndOver100000Ids() {
    StringBuilder file = new StringBuilder(100_001 * 52);
    for (int i = 0; i < 100_001; i++) {
      file.append(String.format("rid-%046d", i)).append('\n');
    }
    byte[] bytes = file.toString().getBytes(UTF_8);
    assertThat(bytes.length).isGreaterThan(5_000_000);
    Answer answer = recontact(CintRecontactIntegrationTest.request(1000, false, URL).replace("\"RSID\"", "\"RID\""),
        "big.csv", bytes);
    assertAnswer("B13", answer);
    String instance = answer.body().replaceAll(".*\"processInstanceId\":\"([^\"]+)\".*", "$1");
    // Nothing lost, nothing sent yet: the instance waits for a person to review the ID over the cap.
    BadInputWait.until(() -> engine.getTaskService().createTaskQuery().processInstanceId(instance)
        .taskDefinitionKey("ReviewRespondentFile").count() == 1, "the review of " + instance);
    assertThat(engine.getRuntimeService().getVariable(instance, "overCapacityCount")).isEqualTo(1);
    engine.getRuntimeService().deleteProcessInstance(instance, "bad input test done");
  }

  String replacement(String group) {
    return "/api/cint/target-groups/" + group + "/recontacts/replacement";
  }

  @Test
  void b14_replacementBadTargetGroupInPath() {
    refused("B14", () -> http.multipart(replacement("not-a-ulid"), Part.json("request",
        "{\"accountId\":101,\"projectId\":\"" + PROJECT + "\",\"completesGoal\":2}"), Part.file("ids.csv", IDS)),
        () -> instances("cintReplaceRecontacts"), () -> rows("respondent_file"));
  }

  @Test
  void b15_replacementGoalAsText() {
    refused("B15", () -> http.multipart(replacement(GROUP), Part.json("request",
        "{\"accountId\":101,\"projectId\":\"" + PROJECT + "\",\"completesGoal\":\"ten\"}"), Part.file("ids.csv", IDS)),
        () -> instances("cintReplaceRecontacts"), () -> rows("respondent_file"));
  }

  @Test
  void b16_removalEmptyBody() {
    refused("B16", () -> http.post("/api/cint/target-groups/" + GROUP + "/recontacts/removal", "application/json",
        null), () -> instances("cintRemoveRecontacts"));
  }

  @Test
  void b17_removalBodyNotJson() {
    refused("B17", () -> http.post("/api/cint/target-groups/" + GROUP + "/recontacts/removal", "application/json",
        "{\"accountId\": 101,".getBytes(UTF_8)), () -> instances("cintRemoveRecontacts"));
  }

  /** A file with one line hygiene sets aside: its instance waits at the file review, i.e. it keeps running. */
  static byte[] reviewedIds() {
    return (UUID.randomUUID() + "\n" + UUID.randomUUID() + "\nnot-an-id\n").getBytes(UTF_8);
  }

  /** Deletes a started instance, once no job of it runs. */
  void delete(Answer started) {
    String instance = started.body().replaceAll(".*\"processInstanceId\":\"([^\"]+)\".*", "$1");
    BadInputWait.until(() -> {
      try {
        engine.getRuntimeService().deleteProcessInstance(instance, "bad input test done");
        return true;
      } catch (org.camunda.bpm.engine.OptimisticLockingException busy) {
        return false;
      }
    }, "deleting " + instance);
  }

  @Test
  void b57_recontactIdempotencyKeyTooLong() {
    recontactRefused("B57", () -> http.multipart(RECONTACTS, Map.of("Idempotency-Key", "k".repeat(300)),
        Part.json("request", request()), Part.file("ids.csv", reviewedIds())));
  }

  @Test
  void b58_recontactSameKeyAnotherFile() {
    String key = UUID.randomUUID().toString();
    Answer first = http.multipart(RECONTACTS, Map.of("Idempotency-Key", key), Part.json("request", request()),
        Part.file("ids.csv", reviewedIds()));
    assertThat(first.status()).as(first.body()).isEqualTo(201);
    try {
      recontactRefused("B58", () -> http.multipart(RECONTACTS, Map.of("Idempotency-Key", key),
          Part.json("request", request()), Part.file("ids.csv", reviewedIds())));
    } finally {
      delete(first);
    }
  }

  @Test
  void b59_recontactSameFileWhileTheFirstRuns() {
    byte[] ids = reviewedIds();
    Answer first = recontact(request(), "ids.csv", ids);
    assertThat(first.status()).as(first.body()).isEqualTo(201);
    try {
      recontactRefused("B59", () -> recontact(request(), "ids-again.csv", ids));
    } finally {
      delete(first);
    }
  }

  @Test
  void b70_fieldingOfNoTargetGroup() {
    refused("B70", () -> http.json("/api/cint/target-groups/not-a-ulid/fielding", "{\"accountId\": 101, "
        + "\"projectId\": \"" + PROJECT + "\"}"), () -> instances("cintFollowFielding"),
        () -> rows("cint_fielding_follow"));
  }

  /** An erasure refused: nothing recorded as erased, no audit entry. */
  void erasureRefused(String id, String path, String authorization) {
    refused(id, () -> http.delete(path, authorization), () -> rows("erased_respondent"),
        () -> rows("erasure_audit"));
  }

  @Test
  void b95_erasureOfAnUnknownMarketplace() {
    erasureRefused("B95", "/api/respondents/email/someone@example.org", BadInputHttp.DEMO);
  }

  @Test
  void b96_erasureOfABlankIdentifier() {
    erasureRefused("B96", "/api/respondents/toluna/%20%20", BadInputHttp.DEMO);
  }

  @Test
  void b97_erasureOfAnRsidThatIsNoUuid() {
    erasureRefused("B97", "/api/respondents/cint/not-a-uuid", BadInputHttp.DEMO);
  }

  @Test
  void b98_erasureByAnOperator() {
    erasureRefused("B98", "/api/respondents/cint/" + UUID.randomUUID(), BadInputHttp.basic("operator", "operator"));
  }

  @Test
  void b99_erasureOfAnOverlongMemberCode() {
    erasureRefused("B99", "/api/respondents/toluna/" + "M".repeat(300), BadInputHttp.DEMO);
  }

  @Test
  void b91_retentionRunWithABody() {
    refused("B91", () -> http.post("/api/retention/runs", "application/json",
        "{\"afterEnd\": \"P1D\"}".getBytes(UTF_8)), () -> instances("dataRetention"));
  }
}
