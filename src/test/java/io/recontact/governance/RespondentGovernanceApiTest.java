package io.recontact.governance;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.recontact.toluna.delivery.InviteOutbox;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The do-not-contact list and the contact history over HTTP (every exchange checked against the OpenAPI document
 * by the test client): add, list, remove, import; a suppression stopping an undelivered invite; the member
 * directory's opt-outs; a respondent's history newest first with its invite's delivery and outcome, as JSON and CSV.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
class RespondentGovernanceApiTest {

  @Autowired TestRestTemplate http;
  @Autowired JdbcTemplate jdbc;
  @Autowired PlatformTransactionManager transactions;
  @Autowired InviteOutbox outbox;

  final String prefix = "GOV-" + UUID.randomUUID() + "-";
  final String panel = UUID.randomUUID().toString().toUpperCase();

  @AfterEach
  void cleanUp() {
    jdbc.update("delete from respondent_suppression where respondent_id like ?", prefix + "%");
    jdbc.update("delete from respondent_contact where panel_guid = ?", panel);
    jdbc.update("delete from panel_member where member_code like ?", prefix + "%");
  }

  TestRestTemplate operator() {
    return http.withBasicAuth("demo", "demo");
  }

  ResponseEntity<JsonNode> add(String marketplace, String id, String reason) {
    return operator().postForEntity("/api/suppressions", json("{\"marketplace\": \"" + marketplace + "\", \"id\": \""
        + id + "\", \"reason\": \"" + reason + "\"}"), JsonNode.class);
  }

  static HttpEntity<String> json(String body) {
    HttpHeaders headers = new HttpHeaders();
    headers.setContentType(MediaType.APPLICATION_JSON);
    return new HttpEntity<>(body, headers);
  }

  @Test
  void anOperatorAddsListsAndRemovesASuppression() {
    ResponseEntity<JsonNode> added = add("toluna", prefix + "M-1", "asked by e-mail");
    assertThat(added.getStatusCode()).isEqualTo(HttpStatus.CREATED);
    JsonNode entry = added.getBody().path("suppression");
    assertThat(entry.path("addedBy").asText()).as("the authenticated user").isEqualTo("demo");
    assertThat(entry.path("source").asText()).isEqualTo("OPERATOR");
    assertThat(entry.path("respondentHash").asText()).isEqualTo(RespondentIds.hash(Marketplace.TOLUNA,
        prefix + "M-1"));
    assertThat(add("TOLUNA", " " + prefix + "M-1 ", "again").getStatusCode()).as("already on it")
        .isEqualTo(HttpStatus.OK);

    JsonNode page = operator().getForObject("/api/suppressions?size=1000&marketplace=toluna", JsonNode.class);
    assertThat(page.path("items").findValuesAsText("respondentId")).contains(prefix + "M-1");
    assertThat(page.path("total").asLong()).isGreaterThanOrEqualTo(1);
    JsonNode contacts = operator().getForObject("/api/respondents/toluna/" + prefix + "M-1/contacts",
        JsonNode.class);
    assertThat(contacts.path("suppressed").asBoolean()).isTrue();
    assertThat(contacts.path("contacts")).isEmpty();

    assertThat(operator().exchange("/api/suppressions/toluna/" + prefix + "M-1", HttpMethod.DELETE, null,
        String.class).getStatusCode()).isEqualTo(HttpStatus.NO_CONTENT);
    assertThat(operator().getForObject("/api/respondents/toluna/" + prefix + "M-1/contacts", JsonNode.class)
        .path("suppressed").asBoolean()).isFalse();
  }

  @Test
  void aCsvImportAddsTheGoodRowsAndListsTheBadOnes() {
    String csv = "Marketplace,ID,Reason\r\n"
        + "cint," + prefix.toLowerCase() + "r-1,complaint\r\n"
        + "toluna,\"" + prefix + "M-2\",\r\n"
        + "toluna," + prefix + "M-3,\"said \"\"stop\"\"\"\r\n"
        + "amazon," + prefix + "X,whatever\r\n"
        + "toluna," + prefix + "M-3,twice\r\n";
    HttpHeaders headers = new HttpHeaders();
    headers.setContentType(MediaType.parseMediaType("text/csv"));
    ResponseEntity<JsonNode> answer = operator().postForEntity("/api/suppressions/import?reason=partner list",
        new HttpEntity<>(csv, headers), JsonNode.class);
    assertThat(answer.getStatusCode()).as(String.valueOf(answer.getBody())).isEqualTo(HttpStatus.OK);
    assertThat(answer.getBody().path("added").asInt()).isEqualTo(3);
    assertThat(answer.getBody().path("rejected").asInt()).isEqualTo(2);
    assertThat(answer.getBody().path("problems").findValuesAsText("reason"))
        .containsExactly("marketplace must be cint or toluna", "the same respondent is on an earlier line");
    assertThat(jdbc.queryForList("select reason from respondent_suppression where respondent_id like ? order by "
        + "respondent_id", String.class, prefix + "%")).containsExactly("partner list", "said \"stop\"");
    assertThat(jdbc.queryForObject("select reason from respondent_suppression where respondent_id = ?", String.class,
        prefix.toLowerCase() + "r-1")).isEqualTo("complaint");
    ResponseEntity<JsonNode> repeat = operator().postForEntity("/api/suppressions/import",
        new HttpEntity<>(csv, headers), JsonNode.class);
    assertThat(repeat.getBody().path("alreadySuppressed").asInt()).isEqualTo(2);
    assertThat(repeat.getBody().path("problems").findValuesAsText("reason")).as("no reason, none given")
        .contains("reason is required (1 to 500 characters), in the row or as the reason parameter");
  }

  @Test
  void aSuppressionStopsTheMembersUndeliveredInviteAndNoRoundSendsIt() {
    String member = prefix + "M-4";
    long quota = 4190001L;
    String invite = storeInvite(member, quota, "PENDING");
    String delivered = storeInvite(prefix + "M-5", quota, "DELIVERED");

    ResponseEntity<JsonNode> added = add("toluna", member, "unsubscribed");
    assertThat(added.getBody().path("pendingStopped").asInt()).isEqualTo(1);
    assertThat(jdbc.queryForObject("select state from toluna_invite_delivery where invite_id = ?", String.class,
        invite)).isEqualTo("SUPPRESSED");
    assertThat(jdbc.queryForMap("select state, reason_code from toluna_quota_member where panel_guid = ? and "
        + "member_code = ?", panel, member)).containsEntry("STATE", "DELIVERY_FAILED")
        .containsEntry("REASON_CODE", "SUPPRESSED");
    assertThat(outbox.deliverDue(panel, quota, 10, () -> true).delivered()).as("nothing left to send").isZero();
    assertThat(add("toluna", prefix + "M-5", "later").getBody().path("pendingStopped").asInt())
        .as("a delivered invite is history, not stopped").isZero();
    assertThat(jdbc.queryForObject("select state from toluna_invite_delivery where invite_id = ?", String.class,
        delivered)).isEqualTo("DELIVERED");
  }

  String storeInvite(String member, long quota, String deliveryState) {
    String inviteId = UUID.randomUUID().toString();
    OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
    new TransactionTemplate(transactions).executeWithoutResult(status -> {
      jdbc.update("insert into toluna_quota_member (panel_guid, quota_id, member_code, state, reviewed, received_at, "
          + "updated_at) values (?, ?, ?, 'INVITED', false, ?, ?)", panel, quota, member, now, now);
      jdbc.update("insert into toluna_invite (invite_id, panel_guid, quota_id, member_code, survey_id, url, "
          + "created_at) values (?, ?, ?, ?, 3190001, 'https://toluna.invalid/i', ?)", inviteId, panel, quota,
          member, now);
      jdbc.update("insert into toluna_invite_delivery (invite_id, panel_guid, quota_id, channel, state, attempts, "
          + "next_attempt_at) values (?, ?, ?, 'WEBHOOK', ?, 0, ?)", inviteId, panel, quota, deliveryState, now);
    });
    return inviteId;
  }

  @Test
  void theHistoryIsNewestFirstWithTheInvitesOutcomeAsJsonAndCsv() {
    String member = prefix + "M-6";
    String invite = storeInvite(member, 4190002L, "DELIVERED");
    jdbc.update("update toluna_invite set created_at = ? where invite_id = ?",
        OffsetDateTime.now(ZoneOffset.UTC).minusDays(2), invite);
    jdbc.update("insert into toluna_invite_outcome (invite_id, panel_guid, quota_id, survey_id, member_code, outcome, "
        + "event_at, recorded_at) values (?, ?, 4190002, 3190001, ?, 'COMPLETE', ?, ?)", invite, panel, member,
        OffsetDateTime.now(ZoneOffset.UTC).minusDays(1), OffsetDateTime.now(ZoneOffset.UTC));
    String second = storeInvite(member, 4190003L, "PENDING");

    JsonNode answer = operator().getForObject("/api/respondents/toluna/" + member + "/contacts", JsonNode.class);
    assertThat(answer.path("contacts").findValuesAsText("inviteId")).containsExactly(second, invite);
    JsonNode older = answer.path("contacts").get(1);
    assertThat(older.path("outcome").asText()).isEqualTo("COMPLETE");
    assertThat(older.path("deliveryState").asText()).isEqualTo("DELIVERED");
    assertThat(older.path("quotaId").asLong()).isEqualTo(4190002L);
    assertThat(older.path("channel").asText()).isEqualTo("WEBHOOK");
    assertThat(Instant.parse(answer.path("contacts").get(0).path("contactedAt").asText()))
        .isAfter(Instant.parse(older.path("contactedAt").asText()));

    HttpHeaders accept = new HttpHeaders();
    accept.setAccept(List.of(MediaType.parseMediaType("text/csv")));
    ResponseEntity<String> csv = operator().exchange("/api/respondents/toluna/" + member + "/contacts",
        HttpMethod.GET, new HttpEntity<>(accept), String.class);
    assertThat(csv.getHeaders().getContentType().toString()).startsWith("text/csv");
    List<String> lines = csv.getBody().lines().toList();
    assertThat(lines).hasSize(3);
    assertThat(lines.get(0)).startsWith("contactedAt,marketplace,kind,");
    assertThat(lines.get(1)).contains(second).contains(",PENDING,");
    assertThat(lines.get(2)).contains(invite).contains(",COMPLETE,");
  }

  @Test
  void aMemberOptingOutInTheDirectoryIsSuppressedUntilImportedWithAnotherStatus() {
    String member = prefix + "M-7";
    importMember(member, "OPTED_OUT");
    List<String> sources = jdbc.queryForList("select source from respondent_suppression where respondent_id = ?",
        String.class, member);
    assertThat(sources).containsExactly("DIRECTORY");
    assertThat(operator().getForObject("/api/respondents/toluna/" + member + "/contacts", JsonNode.class)
        .path("suppressions").get(0).path("addedBy").asText()).isEqualTo("member directory import by demo");
    importMember(member, "ACTIVE");
    assertThat(jdbc.queryForList("select source from respondent_suppression where respondent_id = ?",
        String.class, member)).isEmpty();
  }

  void importMember(String code, String status) {
    ResponseEntity<String> answer = operator().postForEntity("/api/panel/members", json("[{\"memberCode\": \""
        + code + "\", \"status\": \"" + status + "\"}]"), String.class);
    assertThat(answer.getStatusCode()).as(answer.getBody()).isEqualTo(HttpStatus.OK);
  }

  @Test
  void approversMayNotReadPersonalData() {
    assertThat(http.withBasicAuth("approver", "approver").getForEntity("/api/respondents/toluna/" + prefix
        + "M-8/contacts", String.class).getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
    assertThat(http.withBasicAuth("approver", "approver").getForEntity("/api/suppressions", String.class)
        .getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
  }
}
