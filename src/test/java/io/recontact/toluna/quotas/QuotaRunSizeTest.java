package io.recontact.toluna.quotas;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.ActiveProfiles;

/**
 * The quota API at a panel company's size: a quota of 10,000 members, each invited and delivered, a tenth with an
 * outcome, read whole (detail, members CSV) and the list page by page. Asserts what is answered, never how fast:
 * the times are the benchmark's (PanelScaleBenchmark, docs/sizing.md).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
class QuotaRunSizeTest {

  static final int MEMBERS = 10_000;

  @Autowired TestRestTemplate http;
  @Autowired JdbcTemplate jdbc;

  final String panel = UUID.randomUUID().toString().toUpperCase(Locale.ROOT);
  final long quota = 900_000_000L + ThreadLocalRandom.current().nextInt(90_000_000);

  TestRestTemplate demo() {
    return http.withBasicAuth("demo", "demo");
  }

  void seed(long quotaId, int members, String prefix) {
    OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
    jdbc.update("insert into toluna_quota (panel_guid, quota_id, survey_id, wave_id, survey_name, recontact, "
        + "definition, definition_hash, in_inventory, first_seen_at, last_seen_at, live) "
        + "values (?, ?, 41, 42, 'RC-SIZE', true, '{}', 'h', true, ?, ?, true)", panel, quotaId, now, now);
    jdbc.update("insert into toluna_quota_run (panel_guid, quota_id, active, run_number, started_at) "
        + "values (?, ?, true, 1, ?)", panel, quotaId, now);
    List<Object[]> rows = new ArrayList<>();
    List<Object[]> invites = new ArrayList<>();
    List<Object[]> deliveries = new ArrayList<>();
    List<Object[]> outcomes = new ArrayList<>();
    for (int i = 0; i < members; i++) {
      String code = String.format(prefix + "-%06d", i);
      String invite = UUID.randomUUID().toString();
      rows.add(new Object[] {panel, quotaId, code, "DELIVERED", now, now});
      invites.add(new Object[] {invite, panel, quotaId, code, now});
      deliveries.add(new Object[] {invite, panel, quotaId, now});
      if (i % 10 == 0) {
        outcomes.add(new Object[] {invite, panel, quotaId, code, now, now});
      }
    }
    jdbc.batchUpdate("insert into toluna_quota_member (panel_guid, quota_id, member_code, state, reviewed, "
        + "received_at, updated_at) values (?, ?, ?, ?, false, ?, ?)", rows);
    jdbc.batchUpdate("insert into toluna_invite (invite_id, panel_guid, quota_id, member_code, survey_id, url, "
        + "created_at) values (?, ?, ?, ?, 41, 'https://invite.invalid/x', ?)", invites);
    jdbc.batchUpdate("insert into toluna_invite_delivery (invite_id, panel_guid, quota_id, channel, state, attempts, "
        + "next_attempt_at) values (?, ?, ?, 'WEBHOOK', 'DELIVERED', 1, ?)", deliveries);
    jdbc.batchUpdate("insert into toluna_invite_outcome (invite_id, panel_guid, quota_id, survey_id, member_code, "
        + "outcome, revenue, event_at, recorded_at) values (?, ?, ?, 41, ?, 'COMPLETE', 200, ?, ?)", outcomes);
  }

  @Test
  void aQuotaOfTenThousandMembersIsReadWholeAndTheListPageByPage() {
    seed(quota, MEMBERS, "Z");
    seed(quota + 1, 10, "Y");

    JsonNode detail = demo().getForObject("/api/toluna/quotas/" + panel + "/" + quota, JsonNode.class);
    assertThat(detail.path("counts").path("codesReceived").asLong()).isEqualTo(MEMBERS);
    assertThat(detail.path("counts").path("invited").asLong()).isEqualTo(MEMBERS);
    assertThat(detail.path("outcomes").path("completes").asLong()).isEqualTo(MEMBERS / 10);
    assertThat(detail.path("outcomes").path("invited").asLong()).isEqualTo(MEMBERS - MEMBERS / 10);

    String[] csv = demo().getForObject("/api/toluna/quotas/" + panel + "/" + quota + "/members", String.class)
        .split("\r\n");
    assertThat(csv).hasSize(MEMBERS + 1);
    assertThat(csv[1]).startsWith("Z-000000,DELIVERED,,,COMPLETE,");
    assertThat(csv[2]).startsWith("Z-000001,DELIVERED,,,INVITED,");
    assertThat(csv[MEMBERS]).startsWith("Z-009999,DELIVERED,,,INVITED,");

    // Pages of 2 together are the whole list, in its order and with the same figures.
    JsonNode all = demo().getForObject("/api/toluna/quotas", JsonNode.class);
    List<String> paged = new ArrayList<>();
    for (int offset = 0; offset < all.size() + 2; offset += 2) {
      JsonNode page = demo().getForObject("/api/toluna/quotas?limit=2&offset=" + offset, JsonNode.class);
      assertThat(page.size()).isLessThanOrEqualTo(2);
      page.forEach(run -> paged.add(run.toString()));
    }
    List<String> whole = new ArrayList<>();
    all.forEach(run -> whole.add(run.toString()));
    assertThat(paged).isEqualTo(whole);
    JsonNode ours = demo().getForObject("/api/toluna/quotas?limit=1000", JsonNode.class);
    JsonNode big = null;
    for (JsonNode run : ours) {
      if (run.path("panelGuid").asText().equals(panel) && run.path("quotaId").asLong() == quota) {
        big = run;
      }
    }
    assertThat(big).isNotNull();
    assertThat(big.path("counts").path("codesReceived").asLong()).isEqualTo(MEMBERS);
    assertThat(big.path("counts").path("delivered").asLong()).isEqualTo(MEMBERS);
  }

  @Test
  void badPagingIs400() {
    assertThat(demo().getForEntity("/api/toluna/quotas?limit=0", JsonNode.class).getStatusCode())
        .isEqualTo(HttpStatus.BAD_REQUEST);
    assertThat(demo().getForEntity("/api/toluna/quotas?limit=1001", JsonNode.class).getStatusCode())
        .isEqualTo(HttpStatus.BAD_REQUEST);
    var onlyOffset = demo().getForEntity("/api/toluna/quotas?offset=5", JsonNode.class);
    assertThat(onlyOffset.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
    assertThat(onlyOffset.getBody().path("problems").toString()).contains("offset needs a limit");
  }
}
