package io.recontact.sandbox.toluna;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.recontact.sandbox.seed.TolunaSandboxData;
import io.recontact.toluna.InviteLinks;
import io.recontact.toluna.delivery.WebhookChannel;
import io.recontact.toluna.delivery.WebhookSignature;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.ActiveProfiles;

/**
 * The simulated members play on their own: invites the simulator generated and the sandbox partner received (a
 * signed webhook, as the app delivers them) come back as Toluna's outcome notifications at the app's endpoints,
 * linked by the {@code rc_invite} parameter. The invites are stored under a panel GUID of the test's own.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
class TolunaMemberPlayTest {

  static final ObjectMapper JSON = new ObjectMapper();
  static final int MEMBERS = 20;

  @LocalServerPort int port;
  @Autowired JdbcTemplate jdbc;
  final HttpClient http = HttpClient.newHttpClient();

  HttpResponse<String> send(String method, String path, String body, Map<String, String> headers) throws Exception {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
        .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
    headers.forEach(b::header);
    return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  /** A simulator invite of a live recontact quota of panel A: {quotaId, GenerateInvite answer}. */
  JsonNode generate(String member, int quota) throws Exception {
    var answer = send("GET", "/sandbox/toluna/IPExternalSamplingService/ExternalSample/" + TolunaSandboxData.PANEL_A
        + "/" + member + "/Invite/" + quota, null, Map.of("API_AUTH_KEY", "sandbox-toluna-key"));
    return answer.statusCode() == 200 ? JSON.readTree(answer.body()) : null;
  }

  @Test
  void deliveredInvitesComeBackAsOutcomes() throws Exception {
    String panel = UUID.randomUUID().toString().toUpperCase(Locale.ROOT);
    List<String> inviteIds = new ArrayList<>();
    assertThat(send("POST", "/sandbox/toluna/admin/member-play", "{\"enabled\": true}",
        Map.of("Content-Type", "application/json")).statusCode()).isEqualTo(200);
    try {
      for (var quota : TolunaSandboxData.memberCodes(TolunaSandboxData.PANEL_A).entrySet()) {
        List<String> codes = quota.getValue();
        for (String member : codes.subList(codes.size() - MEMBERS, codes.size())) {
          JsonNode invite = generate(member, quota.getKey());
          if (invite == null) {
            break;  // another test paused this quota: the next one
          }
          assertThat(invite.get("MemberAmount").asDouble()).isPositive();
          assertThat(invite.get("MemberAmount").asDouble()).isLessThan(invite.get("PartnerAmount").asDouble());
          String id = UUID.randomUUID().toString();
          String url = InviteLinks.withInviteId(invite.get("URL").asText(), id);
          jdbc.update("insert into toluna_invite (invite_id, panel_guid, quota_id, member_code, survey_id, wave_id, "
                  + "url, member_amount, partner_amount, created_at) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", id, panel,
              quota.getKey(), member, invite.get("SurveyID").asLong(), invite.get("WaveID").asLong(), url,
              invite.get("MemberAmount").asDouble(), invite.get("PartnerAmount").asDouble(),
              OffsetDateTime.now(ZoneOffset.UTC));
          byte[] body = JSON.writeValueAsBytes(Map.of("inviteId", id, "url", url));
          var received = send("POST", "/sandbox/partner/messages", new String(body, StandardCharsets.UTF_8), Map.of(
              "Content-Type", "application/json", WebhookSignature.HEADER,
              WebhookSignature.sign("sandbox-webhook-secret", body), WebhookChannel.IDEMPOTENCY_KEY, id));
          assertThat(received.statusCode()).as(received.body()).isEqualTo(200);
          inviteIds.add(id);
        }
        if (inviteIds.size() >= MEMBERS) {
          break;
        }
        inviteIds.clear();
      }
      assertThat(inviteIds).hasSize(MEMBERS);
      // 0.9 of the members answer (0.6 complete, 0.2 terminate, 0.1 pre-start): some of 20 surely do.
      long deadline = System.nanoTime() + 20_000_000_000L;
      long stored = 0;
      while (System.nanoTime() < deadline) {
        stored = jdbc.queryForObject("select count(*) from toluna_invite_outcome where panel_guid = ?", Long.class,
            panel);
        if (stored >= 5) {
          break;
        }
        Thread.sleep(200);
      }
      assertThat(stored).isGreaterThanOrEqualTo(5);
      assertThat(jdbc.queryForList("select distinct invite_id from toluna_invite_outcome where panel_guid = ?",
          String.class, panel)).isSubsetOf(inviteIds);
    } finally {
      send("POST", "/sandbox/toluna/admin/member-play", "{\"enabled\": false}",
          Map.of("Content-Type", "application/json"));
    }
  }
}
