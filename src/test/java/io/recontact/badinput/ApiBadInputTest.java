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
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import org.camunda.bpm.engine.ProcessEngine;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.ActiveProfiles;

/** Rows B01–B17, B32–B47, B57–B62, B95–B99, B100 and B101 of the "Bad input" table (docs/bad-input.md): the project's own /api. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
class ApiBadInputTest {

  static final String RECONTACTS = "/api/cint/recontacts";
  static final String GROUP = "01JX2X0N5RTR012AYDTA83QWP1";
  static final String PROJECT = CintRecontactIntegrationTest.PROJECT;
  static final String URL = "https://survey.example.com/?rsid=[%RECONTACT_RSID%]";
  static final byte[] IDS = (UUID.randomUUID() + "\n" + UUID.randomUUID() + "\n").getBytes(UTF_8);
  static final byte[] PNG = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n', 0, 0, 0, 13, 'I', 'H', 'D', 'R'};

  @LocalServerPort int port;
  @Autowired JdbcTemplate jdbc;
  @Autowired ProcessEngine engine;
  BadInputHttp http;

  @BeforeEach
  void setUp() {
    http = new BadInputHttp(port);
  }

  static String request() {
    return CintRecontactIntegrationTest.request(2, true, URL);
  }

  long instances(String processKey) {
    return engine.getHistoryService().createHistoricProcessInstanceQuery().processDefinitionKey(processKey).count();
  }

  long rows(String table) {
    return jdbc.queryForObject("select count(*) from " + table, Long.class);
  }

  /** Sends, checks the row, and that nothing was started or stored: every probe reads the same after. */
  void refused(String id, Supplier<Answer> call, LongSupplier... probes) {
    long[] before = new long[probes.length];
    for (int i = 0; i < probes.length; i++) {
      before[i] = probes[i].getAsLong();
    }
    assertAnswer(id, call.get());
    for (int i = 0; i < probes.length; i++) {
      assertThat(probes[i].getAsLong()).as(id + ": nothing started or stored (probe " + i + ")").isEqualTo(before[i]);
    }
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

  void panelRefused(String id, String contentType, byte[] body) {
    refused(id, () -> http.post("/api/panel/members", contentType, body), () -> rows("panel_member"));
  }

  @Test
  void b32_panelEmptyBody() {
    panelRefused("B32", null, null);
  }

  @Test
  void b33_panelPlainText() {
    panelRefused("B33", "text/plain", "memberCode,status\nM-1,ACTIVE\n".getBytes(UTF_8));
  }

  @Test
  void b34_panelJsonObject() {
    panelRefused("B34", "application/json", "{\"memberCode\":\"M-1\",\"status\":\"ACTIVE\"}".getBytes(UTF_8));
  }

  @Test
  void b35_panelUtf16Csv() {
    panelRefused("B35", "text/csv", "\uFEFFmemberCode,status\nBI-1,ACTIVE\n".getBytes(UTF_16LE));
  }

  @Test
  void b36_panelUnknownStatus() {
    panelRefused("B36", "application/json", "[{\"memberCode\":\"BI-2\",\"status\":\"RETIRED\"}]".getBytes(UTF_8));
  }

  @Test
  void b37_panelBadDate() {
    panelRefused("B37", "text/csv", "memberCode,status,birthDate\nBI-3,ACTIVE,1990-02-30\n".getBytes(UTF_8));
  }

  @Test
  void b38_panelVeryLongCode() {
    panelRefused("B38", "application/json", ("[{\"memberCode\":\"" + "M".repeat(5_000)
        + "\",\"status\":\"ACTIVE\"}]").getBytes(UTF_8));
  }

  @Test
  void b39_panelInjectionLookingCodeIsStoredAsText() {
    String code = "BI-4'); DROP TABLE panel_member;--";
    long before = rows("panel_member");
    assertAnswer("B39", http.post("/api/panel/members", "application/json",
        ("[{\"memberCode\":" + BadInputHttp.quoted(code) + ",\"status\":\"ACTIVE\"}]").getBytes(UTF_8)));
    assertThat(rows("panel_member")).as("the table is intact, one member more").isEqualTo(before + 1);
    assertThat(jdbc.queryForObject("select count(*) from panel_member where member_code = ?", Long.class, code))
        .isEqualTo(1);
    jdbc.update("delete from panel_member where member_code = ?", code);
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

  static final String STATUS = "/api/toluna/notifications/quota-status?token=sandbox-notification-token";
  static final String CLOSED = "/api/toluna/notifications/survey-closed?token=sandbox-notification-token";
  static final String GOOD = "{\"QuotaID\":4100001,\"SurveyID\":3100001,\"IsLive\":false,"
      + "\"UpdateDateTimeUTC\":\"2018-10-22 19:58:42.99 +00:00\"}";

  void notificationRefused(String id, String path, String contentType, String body) {
    refused(id, () -> http.post(path, contentType, body == null ? null : body.getBytes(UTF_8), null),
        () -> rows("toluna_notification"));
  }

  @Test
  void b40_notificationWithoutToken() {
    notificationRefused("B40", "/api/toluna/notifications/quota-status", "application/json", GOOD);
  }

  @Test
  void b41_notificationEmpty() {
    notificationRefused("B41", STATUS, "application/json", "");
  }

  @Test
  void b42_notificationXml() {
    notificationRefused("B42", STATUS, "application/xml", "<QuotaID>4100001</QuotaID>");
  }

  @Test
  void b43_notificationQuotaIdText() {
    notificationRefused("B43", STATUS, "application/json", GOOD.replace("4100001", "\"abc\""));
  }

  @Test
  void b44_notificationIsLiveUnknown() {
    notificationRefused("B44", STATUS, "application/json", GOOD.replace("false", "\"maybe\""));
  }

  @Test
  void b45_notificationBadTimestamp() {
    notificationRefused("B45", STATUS, "application/json", GOOD.replace("2018-10-22", "2018-13-45"));
  }

  @Test
  void b46_notificationTooLarge() {
    notificationRefused("B46", STATUS, "application/json", GOOD.replace("}", ",\"Pad\":\"" + "x".repeat(70_000)
        + "\"}"));
  }

  @Test
  void b47_surveyClosedUnknownStatus() {
    notificationRefused("B47", CLOSED, "application/json", "{\"SurveyID\":3100001,\"Status\":\"Open\","
        + "\"DateTime\":\"2014-09-11 16:06:27\"}");
  }

  static final String COMPLETION = "/api/toluna/notifications/completion?token=sandbox-notification-token";
  static final String TERMINATION = "/api/toluna/notifications/termination?token=sandbox-notification-token";
  static final String RECONCILIATION = "/api/toluna/notifications/reconciliation";
  static final String DONE = "{\"UniqueCode\":\"TS-000001\",\"SurveyId\":3100001,\"Revenue\":150,"
      + "\"DateTime\":\"2014-09-11 16:06:27\",\"WaveId\":3200001,\"EncryptedValue\":\"00\"}";

  void outcomeRefused(String id, Supplier<Answer> call) {
    refused(id, call, () -> rows("toluna_notification"), () -> rows("toluna_invite_outcome"));
  }

  @Test
  void b60_completionMalformedXml() {
    outcomeRefused("B60", () -> http.post(COMPLETION, "application/xml",
        "<confirmation><UniqueCode>TS-000001</UniqueCode>".getBytes(UTF_8), null));
  }

  @Test
  void b61_completionXmlWrongRoot() {
    outcomeRefused("B61", () -> http.post(COMPLETION, "application/xml",
        "<survey><UniqueCode>TS-000001</UniqueCode></survey>".getBytes(UTF_8), null));
  }

  @Test
  void b62_completionXmlExternalEntity() {
    outcomeRefused("B62", () -> http.post(COMPLETION, "application/xml", ("<?xml version=\"1.0\"?><!DOCTYPE c "
        + "[<!ENTITY x SYSTEM \"file:///etc/passwd\">]><confirmation><UniqueCode>&x;</UniqueCode></confirmation>")
        .getBytes(UTF_8), null));
  }

  @Test
  void b63_completionWrongEncryptedValue() {
    outcomeRefused("B63", () -> http.post(COMPLETION, "application/json", DONE.getBytes(UTF_8), null));
  }

  @Test
  void b64_terminationWithoutReason() {
    outcomeRefused("B64", () -> http.post(TERMINATION, "application/json", DONE.getBytes(UTF_8), null));
  }

  @Test
  void b65_completionRevenueFraction() {
    outcomeRefused("B65", () -> http.post(COMPLETION, "application/json", DONE.replace("150", "1.5")
        .getBytes(UTF_8), null));
  }

  @Test
  void b66_reconciliationWithoutHeader() {
    outcomeRefused("B66", () -> http.post(RECONCILIATION + "?token=sandbox-notification-token", "application/json",
        "{}".getBytes(UTF_8), null));
  }

  @Test
  void b67_reconciliationXml() {
    outcomeRefused("B67", () -> http.post(RECONCILIATION, "application/xml", "<x/>".getBytes(UTF_8), null,
        Map.of("X-Toluna-Reconciliation", "test-reconciliation-secret")));
  }

  static final String WEBHOOK = "{\"id\":\"01JPVZD75DW4KRP7MPFMF6KGZX\",\"type\":\"target-group-updated\","
      + "\"payload\":{\"target_group_id\":\"" + GROUP + "\"}}";

  void webhookRefused(String id, String signature) {
    refused(id, () -> http.post("/api/cint/webhooks", "application/json", WEBHOOK.getBytes(UTF_8), null,
        Map.of("Cint-Signature", signature)), () -> rows("cint_webhook_delivery"), () -> rows("cint_fielding_reading"));
  }

  @Test
  void b68_webhookWrongSignature() {
    webhookRefused("B68", io.recontact.cint.CintSignature.header("not-the-secret",
        java.time.Instant.now().getEpochSecond(), WEBHOOK));
  }

  @Test
  void b69_webhookOldTimestamp() {
    webhookRefused("B69", io.recontact.cint.CintSignature.header("sandbox-cint-webhook-secret",
        java.time.Instant.now().getEpochSecond() - 3600, WEBHOOK));
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
