package io.recontact.governance;

import static org.assertj.core.api.Assertions.assertThat;

import io.recontact.governance.Suppression.Source;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.time.Duration;
import java.time.ZoneId;
import java.util.List;
import java.util.UUID;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The governance SQL on PostgreSQL, production's database: V41 suppressing the members already opted out, the
 * history view, the list's paging, and the cap decided under the lock rows by eight deciders at once.
 */
class GovernancePostgresTest {

  static EmbeddedPostgres postgres;
  static JdbcTemplate jdbc;
  static DataSourceTransactionManager transactions;
  static Suppressions suppressions;
  static ContactHistory history;

  @BeforeAll
  static void start() throws Exception {
    postgres = EmbeddedPostgres.builder().start();
    DataSource dataSource = postgres.getPostgresDatabase();
    Flyway.configure().dataSource(dataSource).table("recontact_schema_history").target("40").load().migrate();
    jdbc = new JdbcTemplate(dataSource);
    jdbc.update("insert into panel_member (member_code, status, updated_at) values ('PG-OUT', 'OPTED_OUT', now()), "
        + "('PG-IN', 'ACTIVE', now())");
    Flyway.configure().dataSource(dataSource).table("recontact_schema_history").load().migrate();
    transactions = new DataSourceTransactionManager(dataSource);
    suppressions = new Suppressions(jdbc, transactions, List.of());
    history = new ContactHistory(jdbc, transactions);
  }

  @AfterAll
  static void stop() throws Exception {
    postgres.close();
  }

  @Test
  void v41SuppressesTheMembersAlreadyOptedOut() {
    assertThat(suppressions.of(Marketplace.TOLUNA, "PG-OUT")).extracting(Suppression::source)
        .containsExactly("DIRECTORY");
    assertThat(suppressions.of(Marketplace.TOLUNA, "PG-IN")).isEmpty();
    assertThat(suppressions.suppressedAmong(Marketplace.TOLUNA, List.of("PG-OUT", "PG-IN"))).containsExactly("PG-OUT");
  }

  @Test
  void theListPagesNewestFirstAndTheHistoryReadsThroughTheView() {
    for (int i = 0; i < 3; i++) {
      suppressions.add(Marketplace.CINT, "pg-page-" + i, Source.OPERATOR, "r" + i, "tester");
    }
    Suppressions.Page page = suppressions.page(Marketplace.CINT, 0, 2);
    assertThat(page.total()).isGreaterThanOrEqualTo(3);
    assertThat(page.items()).extracting(Suppression::respondentId).containsExactly("pg-page-2", "pg-page-1");
    new TransactionTemplate(transactions).executeWithoutResult(s -> history.recordUpload(7L, "TG-1", "rc-1",
        List.of("pg-a", "pg-b")));
    assertThat(history.of(Marketplace.CINT, "pg-a", 10)).singleElement()
        .satisfies(c -> assertThat(c.targetGroup()).isEqualTo("TG-1"));
  }

  @Test
  void eightDecidersAboutOneMemberWithACapOfOneLetOneThrough() throws Exception {
    ContactGate gate = new ContactGate(jdbc, suppressions, new CapsProperties(1, Duration.ofDays(30), Duration.ZERO,
        5, 25, ZoneId.of("UTC")), List.of(), transactions);
    assertThat(ContactRace.through(gate, jdbc, transactions, "PG-RACE-" + UUID.randomUUID(), 8)).isEqualTo(1);
  }
}
