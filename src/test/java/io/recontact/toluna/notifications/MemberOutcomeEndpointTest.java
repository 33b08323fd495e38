package io.recontact.toluna.notifications;

import static io.recontact.toluna.notifications.NotificationFixture.TOKEN;
import static io.recontact.toluna.notifications.NotificationFixture.newId;
import static io.recontact.toluna.notifications.NotificationFixture.newPanel;
import static org.assertj.core.api.Assertions.assertThat;

import io.recontact.toluna.InviteLinks;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.ActiveProfiles;

/**
 * Completion, termination, pre-start and reconciliation notifications over HTTP against toluna_invite rows: what
 * each changes, and that duplicates, stale and unknown ones change nothing. The test profile checks EncryptedValue
 * (HMAC-SHA256, key test-encryption-key) and the reconciliation header.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
class MemberOutcomeEndpointTest {

  static final NotificationProperties.Encryption HMAC =
      new NotificationProperties.Encryption("HMAC-SHA256", "test-encryption-key");
  static final Map<String, String> RECONCILIATION_HEADER =
      Map.of("X-Toluna-Reconciliation", "test-reconciliation-secret");

  @LocalServerPort int port;
  @Autowired JdbcTemplate jdbc;
  NotificationFixture n;
  String panel;
  long quota;
  long survey;

  @BeforeEach
  void setUp() {
    n = new NotificationFixture(port, jdbc);
    panel = newPanel();
    quota = newId();
    survey = newId();
  }

  String invite(String member) {
    String id = UUID.randomUUID().toString();
    jdbc.update("insert into toluna_invite (invite_id, panel_guid, quota_id, member_code, survey_id, wave_id, url, "
            + "member_amount, partner_amount, created_at) values (?, ?, ?, ?, ?, ?, ?, 0.5, 1.25, ?)", id, panel, quota,
        member, survey, survey + 1, InviteLinks.withInviteId("https://router.invalid/p?di=1", id),
        OffsetDateTime.now(ZoneOffset.UTC));
    return id;
  }

  String enc(String member) {
    return EncryptedValues.expected(HMAC, survey, survey + 1, member);
  }

  String completion(String member, String additional) {
    return """
        {"UniqueCode": "%s", "SurveyId": %d, "SurveyRef": "R-1", "Revenue": 125, "DateTime": "2026-03-01 10:00:00",
         "WaveId": %d, "QuotaID": %d, "AdditionalData": "%s", "EncryptedValue": "%s"}"""
        .formatted(member, survey, survey + 1, quota, additional, enc(member));
  }

  NotificationFixture.Answer post(String kind, String contentType, String body) throws Exception {
    return n.post("/api/toluna/notifications/" + kind + "?token=" + TOKEN, contentType, body);
  }

  NotificationFixture.Answer reconcile(String member, String reconciliationId, Map<String, String> headers)
      throws Exception {
    String body = """
        {"SurveyId": %d, "SurveyRef": "R-1", "WaveId": %d, "QuotaId": %d, "UniqueCode": "%s", "IsAutoRouted": false,
         "OriginalSurveyId": null, "ReconciliationId": "%s", "Revenue": 125,
         "OriginalCompleteDateTime": "2026-03-01 10:00:00", "ReconciliationDateTime": "2026-03-05T15:40:03.350Z"}"""
        .formatted(survey, survey + 1, quota, member, reconciliationId);
    return n.requestWith("POST", "/api/toluna/notifications/reconciliation", "application/json", body, headers);
  }

  Map<String, Object> outcome(String inviteId) {
    return jdbc.queryForMap("select * from toluna_invite_outcome where invite_id = ?", inviteId);
  }

  int outcomes() {
    return jdbc.queryForObject("select count(*) from toluna_invite_outcome where panel_guid = ?", Integer.class,
        panel);
  }

  List<String> recorded(String kind) {
    return jdbc.queryForList("select outcome from toluna_notification where kind = ? and survey_id = ? order by id",
        String.class, kind, survey);
  }

  @Test
  void completionByInviteIdThenDuplicateAndStaleChangeNothing() throws Exception {
    String id = invite("m-1");
    var first = post("completion", "application/json", completion("m-1", "pgtid=20&" + InviteLinks.PARAMETER + "="
        + id));
    assertThat(first.status()).isEqualTo(200);
    assertThat(first.json().get("outcome").asText()).isEqualTo("APPLIED");
    assertThat(first.json().get("invitesAffected").asInt()).isEqualTo(1);
    Map<String, Object> row = outcome(id);
    assertThat(row.get("OUTCOME")).isEqualTo("COMPLETE");
    assertThat(((Number) row.get("REVENUE")).longValue()).isEqualTo(125);

    var again = post("completion", "application/json", completion("m-1", "rc_invite=" + id));
    assertThat(again.status()).isEqualTo(200);
    assertThat(again.json().get("outcome").asText()).isEqualTo("DUPLICATE");
    assertThat(again.json().get("invitesAffected").asInt()).isZero();

    var late = post("termination", "application/json", """
        {"UniqueCode": "m-1", "SurveyId": %d, "Reason": "QuotaFull", "DateTime": "2026-03-01 11:00:00",
         "WaveId": %d, "EncryptedValue": "%s"}""".formatted(survey, survey + 1, enc("m-1")));
    assertThat(late.status()).isEqualTo(200);
    assertThat(late.json().get("outcome").asText()).isEqualTo("STALE");
    assertThat(outcome(id)).isEqualTo(row);
    assertThat(outcomes()).isEqualTo(1);
    assertThat(recorded("COMPLETION")).containsExactly("APPLIED", "DUPLICATE");
    assertThat(recorded("TERMINATION")).containsExactly("STALE");
  }

  @Test
  void xmlTerminationAndPrestartAreLinkedBySurveyWaveAndMember() throws Exception {
    String terminated = invite("m-2");
    String rejected = invite("m-3");
    var t = post("termination", "application/xml", """
        <?xml version="1.0" encoding="utf-8"?>
        <termination><UniqueCode>m-2</UniqueCode><SurveyId>%d</SurveyId><SurveyRef>R-1</SurveyRef>
        <Reason>NotQualified</Reason><DateTime>2026-03-01 10:00:00</DateTime><WaveId>%d</WaveId>
        <QuotaID>%d</QuotaID><AdditionalData/><EncryptedValue>%s</EncryptedValue></termination>"""
        .formatted(survey, survey + 1, quota, enc("m-2")));
    assertThat(t.status()).isEqualTo(200);
    assertThat(t.json().get("outcome").asText()).isEqualTo("APPLIED");
    assertThat(outcome(terminated)).containsEntry("OUTCOME", "TERMINATED").containsEntry("REASON", "NotQualified");

    var p = post("prestart-termination", "text/xml", """
        <termination><UniqueCode>m-3</UniqueCode><SurveyId>%d</SurveyId><Reason>Terminated</Reason>
        <DateTime>2026-03-01T10:00:00Z</DateTime><WaveId>%d</WaveId><IncidenceRate>40</IncidenceRate>
        <RejectionID>57</RejectionID><RejectionName>AccountGroupSurveyTaken</RejectionName>
        <EncryptedValue>%s</EncryptedValue></termination>""".formatted(survey, survey + 1, enc("m-3").toUpperCase()));
    assertThat(p.status()).isEqualTo(200);
    assertThat(p.json().get("outcome").asText()).isEqualTo("APPLIED");
    Map<String, Object> row = outcome(rejected);
    assertThat(row).containsEntry("OUTCOME", "PRESTART_REJECTED").containsEntry("REJECTION_NAME",
        "AccountGroupSurveyTaken");
    assertThat(((Number) row.get("REJECTION_ID")).intValue()).isEqualTo(57);
  }

  @Test
  void unknownMemberOrSurveyIsAnsweredAndCounted() throws Exception {
    invite("m-4");
    var answer = post("completion", "application/json", completion("never-invited", ""));
    assertThat(answer.status()).isEqualTo(200);
    assertThat(answer.json().get("outcome").asText()).isEqualTo("UNKNOWN_INVITE");
    assertThat(outcomes()).isZero();
    assertThat(recorded("COMPLETION")).containsExactly("UNKNOWN_INVITE");
  }

  @Test
  void reconciliationReversesACompletionOnce() throws Exception {
    String id = invite("m-5");
    assertThat(post("completion", "application/json", completion("m-5", "")).json().get("outcome").asText())
        .isEqualTo("APPLIED");

    assertThat(reconcile("m-5", "R-77", Map.of()).status()).isEqualTo(401);
    assertThat(reconcile("m-5", "R-77", Map.of("X-Toluna-Reconciliation", "wrong")).status()).isEqualTo(401);
    var first = reconcile("m-5", "R-77", RECONCILIATION_HEADER);
    assertThat(first.status()).isEqualTo(200);
    assertThat(first.json().get("outcome").asText()).isEqualTo("APPLIED");
    Map<String, Object> row = outcome(id);
    assertThat(row.get("REVERSED_AT")).isNotNull();
    assertThat(row).containsEntry("RECONCILIATION_ID", "R-77").containsEntry("OUTCOME", "COMPLETE");

    assertThat(reconcile("m-5", "R-77", RECONCILIATION_HEADER).json().get("outcome").asText())
        .isEqualTo("DUPLICATE");
    assertThat(reconcile("m-5", "R-78", RECONCILIATION_HEADER).json().get("outcome").asText()).isEqualTo("STALE");
    assertThat(outcome(id)).isEqualTo(row);
    invite("m-6");
    assertThat(reconcile("m-6", "R-79", RECONCILIATION_HEADER).json().get("outcome").asText()).isEqualTo("STALE");
    assertThat(outcomes()).isEqualTo(1);
  }

  static Map<String, String> basic(String user) {
    return Map.of("Authorization", "Basic " + java.util.Base64.getEncoder().encodeToString((user + ":" + user)
        .getBytes(java.nio.charset.StandardCharsets.UTF_8)));
  }

  NotificationFixture.Answer incentives(String member, String user) throws Exception {
    return n.requestWith("GET", "/api/panel/members/" + member + "/incentives", null, null, basic(user));
  }

  @Test
  void completionCreditsTheMemberOnceAndItsReconciliationCancelsTheCredit() throws Exception {
    String member = "inc-" + UUID.randomUUID();
    String id = invite(member);
    assertThat(post("completion", "application/json", completion(member, "rc_invite=" + id)).json().get("outcome")
        .asText()).isEqualTo("APPLIED");
    assertThat(post("completion", "application/json", completion(member, "rc_invite=" + id)).json().get("outcome")
        .asText()).isEqualTo("DUPLICATE");

    var ledger = incentives(member, "operator");
    assertThat(ledger.status()).isEqualTo(200);
    assertThat(ledger.json().get("entries")).hasSize(1);
    var entry = ledger.json().get("entries").get(0);
    assertThat(entry.get("state").asText()).isEqualTo("PENDING");
    assertThat(entry.get("amountCents").asLong()).isEqualTo(50);   // MemberAmount 0.5
    assertThat(entry.get("revenueCents").asLong()).isEqualTo(125);
    assertThat(entry.get("inviteId").asText()).isEqualTo(id);
    assertThat(entry.get("surveyId").asLong()).isEqualTo(survey);
    assertThat(ledger.json().get("balance").toString())
        .isEqualTo("{\"pendingCents\":50,\"settledCents\":0,\"cancelledCents\":0,\"clawedBackCents\":0,"
            + "\"creditedCents\":50,\"reversedCents\":0,\"balanceCents\":50,\"paidOutCents\":0,\"inReviewCents\":0,"
            + "\"writtenOffCents\":0}");
    assertThat(entry.get("kind").asText()).isEqualTo("CREDIT");

    assertThat(reconcile(member, "R-1", RECONCILIATION_HEADER).json().get("outcome").asText()).isEqualTo("APPLIED");
    ledger = incentives(member, "demo");
    assertThat(ledger.json().get("entries")).hasSize(1);
    assertThat(ledger.json().get("entries").get(0).get("state").asText()).isEqualTo("CANCELLED");
    assertThat(ledger.json().get("entries").get(0).get("reconciliationId").asText()).isEqualTo("R-1");
    assertThat(ledger.json().get("balance").get("balanceCents").asLong()).isZero();
    assertThat(ledger.json().get("balance").get("cancelledCents").asLong()).isEqualTo(50);
    assertThat(ledger.json().get("balance").get("reversedCents").asLong()).isEqualTo(50);

    assertThat(incentives(member, "approver").status()).isEqualTo(403);
    assertThat(incentives("nobody-" + UUID.randomUUID(), "operator").status()).isEqualTo(404);
    // A termination credits nothing.
    String other = "inc-" + UUID.randomUUID();
    invite(other);
    post("termination", "application/json", """
        {"UniqueCode": "%s", "SurveyId": %d, "Reason": "QuotaFull", "DateTime": "2026-03-01 11:00:00",
         "WaveId": %d, "EncryptedValue": "%s"}""".formatted(other, survey, survey + 1, enc(other)));
    assertThat(incentives(other, "operator").status()).isEqualTo(404);
  }

  /** Eight deliveries of one completion at once: the unique key lets one through, the others see it. */
  @Test
  void concurrentDeliveriesStoreOneOutcomeAndOneCredit() throws Exception {
    String member = "race-" + UUID.randomUUID();
    String id = invite(member);
    String body = completion(member, "rc_invite=" + id);
    var pool = java.util.concurrent.Executors.newFixedThreadPool(8);
    try {
      var start = new java.util.concurrent.CountDownLatch(1);
      List<java.util.concurrent.Future<NotificationFixture.Answer>> answers = new java.util.ArrayList<>();
      for (int i = 0; i < 8; i++) {
        answers.add(pool.submit(() -> {
          start.await();
          return post("completion", "application/json", body);
        }));
      }
      start.countDown();
      List<String> outcomes = new java.util.ArrayList<>();
      for (var a : answers) {
        assertThat(a.get().status()).isEqualTo(200);
        outcomes.add(a.get().json().get("outcome").asText());
      }
      assertThat(outcomes).containsOnlyOnce("APPLIED").containsOnly("APPLIED", "DUPLICATE");
    } finally {
      pool.shutdownNow();
    }
    assertThat(outcomes()).isEqualTo(1);
    assertThat(jdbc.queryForObject("select count(*) from panel_incentive where member_code = ?", Integer.class,
        member)).isEqualTo(1);
  }

  @Test
  void refusalsChangeNothing() throws Exception {
    invite("m-7");
    String good = completion("m-7", "");
    assertThat(n.post("/api/toluna/notifications/completion?token=wrong", "application/json", good).status())
        .isEqualTo(401);
    assertThat(n.post("/api/toluna/notifications/completion", "application/json", good).status()).isEqualTo(401);

    var wrongHmac = post("completion", "application/json", good.replace(enc("m-7"), enc("m-8")));
    assertThat(wrongHmac.status()).isEqualTo(401);
    assertThat(wrongHmac.json().get("message").asText()).contains("EncryptedValue does not match");
    var noHmac = post("completion", "application/json", good.replace("\"EncryptedValue\"", "\"Other\""));
    assertThat(noHmac.status()).isEqualTo(401);

    var malformed = post("termination", "application/xml", "<termination><UniqueCode>m-7</UniqueCode>");
    assertThat(malformed.status()).isEqualTo(400);
    assertThat(malformed.json().get("message").asText()).contains("not well-formed XML");
    var wrongRoot = post("completion", "application/xml", "<termination><UniqueCode>m-7</UniqueCode></termination>");
    assertThat(wrongRoot.status()).isEqualTo(400);
    assertThat(wrongRoot.json().get("message").asText()).contains("<confirmation>");
    var doctype = post("completion", "application/xml", "<?xml version=\"1.0\"?><!DOCTYPE c [<!ENTITY x "
        + "SYSTEM \"file:///etc/passwd\">]><confirmation><UniqueCode>&x;</UniqueCode></confirmation>");
    assertThat(doctype.status()).isEqualTo(400);
    var noReason = post("termination", "application/json", """
        {"UniqueCode": "m-7", "SurveyId": %d, "DateTime": "2026-03-01 10:00:00"}""".formatted(survey));
    assertThat(noReason.status()).isEqualTo(400);
    assertThat(noReason.json().get("message").asText()).isEqualTo("Reason is missing");
    var badRevenue = post("completion", "application/json", good.replace("125", "1.5"));
    assertThat(badRevenue.status()).isEqualTo(400);
    assertThat(post("reconciliation", "application/xml", "<x/>").status()).isIn(401, 415);
    assertThat(n.requestWith("POST", "/api/toluna/notifications/reconciliation", "application/xml", "<x/>",
        RECONCILIATION_HEADER).status()).isEqualTo(415);
    assertThat(outcomes()).isZero();
    assertThat(recorded("COMPLETION")).isEmpty();
  }
}
