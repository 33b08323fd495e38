package io.recontact.toluna.notifications;

import static org.assertj.core.api.Assertions.assertThat;

import io.recontact.metrics.RecontactMetrics;
import io.recontact.panel.Incentives;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;

/** The outcome notifications' SQL (V20, V21) on PostgreSQL: linking, the unique key, the ledger, reversal. */
class MemberOutcomesPostgresTest {

  static EmbeddedPostgres postgres;
  static JdbcTemplate jdbc;
  static MemberOutcomes outcomes;
  static Incentives incentives;

  @BeforeAll
  static void start() throws Exception {
    postgres = EmbeddedPostgres.builder().start();
    DataSource dataSource = postgres.getPostgresDatabase();
    Flyway.configure().dataSource(dataSource).table("recontact_schema_history").load().migrate();
    jdbc = new JdbcTemplate(dataSource);
    incentives = new Incentives(jdbc);
    outcomes = new MemberOutcomes(jdbc, new DataSourceTransactionManager(dataSource), RecontactMetrics.none(),
        incentives);
  }

  @AfterAll
  static void stop() throws Exception {
    postgres.close();
  }

  static MemberOutcomes.MemberStatus status(MemberOutcomes.Kind kind, String member, Long wave, String data) {
    return new MemberOutcomes.MemberStatus(kind, 10, wave, null, member, data,
        OffsetDateTime.parse("2026-03-01T10:00:00Z"), kind == MemberOutcomes.Kind.COMPLETION ? 125L : null,
        kind == MemberOutcomes.Kind.COMPLETION ? null : "QuotaFull", null, null);
  }

  @Test
  void outcomesLedgerAndReversalOnPostgres() {
    OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
    jdbc.update("insert into toluna_invite (invite_id, panel_guid, quota_id, member_code, survey_id, wave_id, url, "
        + "member_amount, created_at) values ('11111111-1111-1111-1111-111111111111', 'P', 1, 'M-1', 10, 20, 'u', "
        + "0.75, ?), ('22222222-2222-2222-2222-222222222222', 'P', 1, 'M-2', 10, null, 'u', null, ?)", now, now);

    var first = outcomes.memberStatus(status(MemberOutcomes.Kind.COMPLETION, "M-1", 20L,
        "rc_invite=11111111-1111-1111-1111-111111111111"));
    assertThat(first.outcome()).isEqualTo(MemberOutcomes.Outcome.APPLIED);
    assertThat(outcomes.memberStatus(status(MemberOutcomes.Kind.COMPLETION, "M-1", null, null)).outcome())
        .isEqualTo(MemberOutcomes.Outcome.DUPLICATE);
    assertThat(outcomes.memberStatus(status(MemberOutcomes.Kind.TERMINATION, "M-1", 20L, null)).outcome())
        .isEqualTo(MemberOutcomes.Outcome.STALE);
    assertThat(outcomes.memberStatus(status(MemberOutcomes.Kind.TERMINATION, "M-2", 99L, null)).outcome())
        .isEqualTo(MemberOutcomes.Outcome.APPLIED);   // the invite has no wave: linked by survey and member
    assertThat(outcomes.memberStatus(status(MemberOutcomes.Kind.COMPLETION, "M-3", 20L, null)).outcome())
        .isEqualTo(MemberOutcomes.Outcome.UNKNOWN_INVITE);
    assertThat(incentives.entries("M-1")).singleElement().satisfies(e -> {
      assertThat(e.amountCents()).isEqualTo(75);
      assertThat(e.state()).isEqualTo(Incentives.State.PENDING);
    });
    assertThat(incentives.entries("M-2")).isEmpty();

    var reconcile = new MemberOutcomes.Reconciliation(10, 20L, 1L, "M-1", "R-9", 125L, OffsetDateTime.now());
    assertThat(outcomes.reconciliation(reconcile).outcome()).isEqualTo(MemberOutcomes.Outcome.APPLIED);
    assertThat(outcomes.reconciliation(reconcile).outcome()).isEqualTo(MemberOutcomes.Outcome.DUPLICATE);
    assertThat(incentives.entries("M-1")).singleElement().extracting(Incentives.Entry::state)
        .isEqualTo(Incentives.State.CANCELLED);
    assertThat(jdbc.queryForList("select outcome from toluna_notification order by id", String.class))
        .containsExactly("APPLIED", "DUPLICATE", "STALE", "APPLIED", "UNKNOWN_INVITE", "APPLIED", "DUPLICATE");
  }
}
