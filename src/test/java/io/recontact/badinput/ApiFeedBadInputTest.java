package io.recontact.badinput;

import static io.recontact.badinput.BadInputRows.assertAnswer;
import static java.nio.charset.StandardCharsets.UTF_16LE;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import io.recontact.badinput.BadInputHttp.Answer;
import java.util.Map;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.ActiveProfiles;

/**
 * Rows B32–B47 and B60–B69 of the "Bad input" table (docs/bad-input.md): what feeds the project's own /api from
 * outside, the panel member import and the Toluna and Cint notifications. Same context as ApiBadInputTest.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
class ApiFeedBadInputTest extends ApiBadInputSupport {

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

}
