package io.recontact.toluna.quotas;

import static org.assertj.core.api.Assertions.assertThat;

import io.recontact.toluna.TolunaFlowProperties;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.StringWriter;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;

/** The quota API's outcome figures and the members CSV's outcome columns on PostgreSQL. */
class QuotaOutcomesPostgresTest {

  static EmbeddedPostgres postgres;
  static JdbcTemplate jdbc;
  static QuotaRunQueries queries;

  @BeforeAll
  static void start() throws Exception {
    postgres = EmbeddedPostgres.builder().start();
    DataSource dataSource = postgres.getPostgresDatabase();
    Flyway.configure().dataSource(dataSource).table("recontact_schema_history").load().migrate();
    jdbc = new JdbcTemplate(dataSource);
    TolunaFlowProperties flow = new TolunaFlowProperties(new TolunaFlowProperties.Sweep(Duration.ofMinutes(1)),
        new TolunaFlowProperties.Review(1), new TolunaFlowProperties.MemberSync(false, 32),
        new TolunaFlowProperties.Invite(1000, 8, 50, Duration.ofDays(14)), Duration.ofMinutes(15), Duration.ofHours(1),
        10, 10000);
    queries = new QuotaRunQueries(jdbc, dataSource, new DataSourceTransactionManager(dataSource), flow);
  }

  @AfterAll
  static void stop() throws Exception {
    postgres.close();
  }

  @Test
  void outcomesAndCsvOnPostgres() throws Exception {
    OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
    jdbc.update("insert into toluna_quota (panel_guid, quota_id, survey_id, recontact, definition, definition_hash, "
        + "in_inventory, first_seen_at, last_seen_at, live) values ('P', 1, 10, true, '{}', 'h', true, ?, ?, true)",
        now, now);
    String[] members = {"A", "B", "C", "D"};
    for (int i = 0; i < members.length; i++) {
      jdbc.update("insert into toluna_quota_member (panel_guid, quota_id, member_code, state, reviewed, received_at, "
          + "updated_at) values ('P', 1, ?, 'DELIVERED', false, ?, ?)", members[i], now, now);
      jdbc.update("insert into toluna_invite (invite_id, panel_guid, quota_id, member_code, survey_id, url, "
          + "created_at) values (?, 'P', 1, ?, 10, 'u', ?)", "i-" + i, members[i], i == 3 ? now.minusDays(20) : now);
    }
    jdbc.update("insert into toluna_invite_outcome (invite_id, panel_guid, quota_id, survey_id, member_code, outcome, "
        + "revenue, event_at, recorded_at, reversed_at, reversed_revenue) values ('i-0', 'P', 1, 10, 'A', 'COMPLETE', "
        + "150, ?, ?, ?, 150)", now, now, now);
    jdbc.update("insert into toluna_invite_outcome (invite_id, panel_guid, quota_id, survey_id, member_code, outcome, "
        + "rejection_id, rejection_name, event_at, recorded_at) values ('i-1', 'P', 1, 10, 'B', 'PRESTART_REJECTED', "
        + "103, 'NonQuotaDemographicRejection', ?, ?)", now, now);

    var o = queries.outcomes(new QuotaRunQueries.Key("P", 1));
    assertThat(o.completes()).isEqualTo(1);
    assertThat(o.reversed()).isEqualTo(1);
    assertThat(o.invited()).isEqualTo(1);
    assertThat(o.expired()).isEqualTo(1);
    assertThat(o.prestartRejections().byKind()).containsEntry("103 NonQuotaDemographicRejection", 1L);
    assertThat(o.revenue()).isEqualTo(new QuotaRunView.Outcomes.Revenue(150, 150, 0));

    StringWriter out = new StringWriter();
    queries.members(new QuotaRunQueries.Key("P", 1), null, new MemberCsv(out, Duration.ofDays(14)));
    String[] lines = out.toString().split("\r\n");
    assertThat(lines[1]).startsWith("A,DELIVERED,,,REVERSED,");
    assertThat(lines[2]).startsWith("B,DELIVERED,,,PRESTART_REJECTED,");
    assertThat(lines[3]).startsWith("C,DELIVERED,,,INVITED,");
    assertThat(lines[4]).startsWith("D,DELIVERED,,,EXPIRED,");
  }
}
