package io.recontact.governance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.recontact.governance.ContactGate.Reason;
import io.recontact.governance.ContactGate.Refusal;
import io.recontact.governance.Suppression.Source;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The decision itself, against the application's database: suppressions by hash, the rolling-window cap and the
 * gap, Toluna's daily limits from the outcome table, and that two deciders about one respondent decide one after the
 * other (the lock row), so a cap of one lets exactly one of them through.
 */
// The shared test context (same settings as the HTTP tests): a second context would register a second "default"
// engine, and engine REST of the shared one would find the wrong one.
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
class ContactGateTest {

  static final Instant NOW = Instant.parse("2026-12-06T12:00:00Z");

  @Autowired JdbcTemplate jdbc;
  @Autowired PlatformTransactionManager transactions;
  @Autowired Suppressions suppressions;
  @Autowired ContactHistory history;
  @Autowired List<MarketplaceLimits> limits;

  final String prefix = "GATE-" + UUID.randomUUID() + "-";

  @AfterEach
  void cleanUp() {
    jdbc.update("delete from respondent_contact where target_group = ?", prefix);
    jdbc.update("delete from respondent_suppression where respondent_id like ?", prefix + "%");
    jdbc.update("delete from toluna_invite_outcome where member_code like ?", prefix + "%");
  }

  ContactGate gate(CapsProperties caps, Clock clock) {
    return new ContactGate(jdbc, suppressions, caps, limits, transactions, clock);
  }

  static CapsProperties caps(int max, Duration window, Duration gap) {
    return new CapsProperties(max, window, gap, 5, 25, ZoneId.of("UTC"));
  }

  void contact(Marketplace marketplace, String id, Instant at) {
    jdbc.update("insert into respondent_contact (marketplace, respondent_hash, contacted_at, kind, target_group) "
        + "values (?, ?, ?, 'INVITE', ?)", marketplace.name(), RespondentIds.hash(marketplace, id),
        OffsetDateTime.ofInstant(at, ZoneOffset.UTC), prefix);
  }

  @Test
  void theWindowCapLiftsWhenTheOldestCountedContactLeavesTheWindowAndTheGapAfterTheLast() {
    ContactGate gate = gate(caps(2, Duration.ofDays(7), Duration.ofDays(1)), Clock.fixed(NOW, ZoneOffset.UTC));
    List<Instant> twoInWindow = List.of(NOW.minus(Duration.ofDays(5)), NOW.minus(Duration.ofDays(3)));
    assertThat(gate.lifts(twoInWindow, NOW)).isEqualTo(NOW.plus(Duration.ofDays(2)));
    assertThat(gate.lifts(List.of(NOW.minus(Duration.ofDays(8)), NOW.minus(Duration.ofDays(3))), NOW))
        .as("one of two left the window").isNull();
    assertThat(gate.lifts(List.of(NOW.minus(Duration.ofHours(2))), NOW)).as("the gap")
        .isEqualTo(NOW.plus(Duration.ofHours(22)));
    assertThat(gate.lifts(List.of(), NOW)).isNull();
  }

  @Test
  void screenNamesSuppressedAndCappedRespondentsOnly() {
    String suppressed = prefix + "s";
    String capped = prefix + "c";
    String free = prefix + "f";
    suppressions.add(Marketplace.TOLUNA, suppressed, Source.OPERATOR, "asked", "tester");
    contact(Marketplace.TOLUNA, capped, NOW.minus(Duration.ofDays(1)));
    contact(Marketplace.CINT, free, NOW.minus(Duration.ofDays(1)));

    Map<String, Refusal> refused = gate(caps(1, Duration.ofDays(30), Duration.ZERO), Clock.fixed(NOW,
        ZoneOffset.UTC)).screen(Marketplace.TOLUNA, List.of(suppressed, capped, free));
    assertThat(refused).containsOnlyKeys(suppressed, capped);
    assertThat(refused.get(suppressed).reason()).isEqualTo(Reason.SUPPRESSED);
    assertThat(refused.get(capped)).isEqualTo(new Refusal(Reason.CONTACT_CAP, NOW.plus(Duration.ofDays(29))));
    assertThat(gate(caps(0, Duration.ofDays(30), Duration.ZERO), Clock.fixed(NOW, ZoneOffset.UTC))
        .screen(Marketplace.TOLUNA, List.of(capped))).as("caps off by default").isEmpty();
    assertThat(gate(caps(1, Duration.ofDays(30), Duration.ZERO), Clock.fixed(NOW, ZoneOffset.UTC))
        .screen(Marketplace.CINT, List.of(suppressed))).as("a respondent is an id in one marketplace").isEmpty();
  }

  @Test
  void tolunaDailyLimitsCountTodaysOutcomesAndLiftAtMidnight() {
    Clock clock = Clock.systemUTC();
    Instant now = clock.instant();
    String busy = prefix + "busy";
    String starter = prefix + "starter";
    for (int i = 0; i < 5; i++) {
      outcome(busy, "COMPLETE", now.minusSeconds(60 + i));
    }
    for (int i = 0; i < 24; i++) {
      outcome(starter, i % 2 == 0 ? "TERMINATED" : "PRESTART_REJECTED", now.minusSeconds(60 + i));
    }
    outcome(starter, "COMPLETE", OffsetDateTime.ofInstant(now, ZoneOffset.UTC).toLocalDate().atStartOfDay()
        .toInstant(ZoneOffset.UTC).minusSeconds(1));
    Map<String, Refusal> refused = gate(caps(0, Duration.ofDays(30), Duration.ZERO), clock)
        .screen(Marketplace.TOLUNA, List.of(busy, starter));
    Instant midnight = OffsetDateTime.ofInstant(now, ZoneOffset.UTC).toLocalDate().plusDays(1).atStartOfDay()
        .toInstant(ZoneOffset.UTC);
    assertThat(refused).as("5 completes today; 24 starts today (yesterday's complete is not counted)")
        .containsOnlyKeys(busy);
    assertThat(refused.get(busy)).isEqualTo(new Refusal(Reason.CONTACT_CAP, midnight));
    outcome(starter, "TERMINATED", now.minusSeconds(5));
    assertThat(gate(caps(0, Duration.ofDays(30), Duration.ZERO), clock).screen(Marketplace.TOLUNA,
        List.of(starter))).as("the 25th start").containsKey(starter);
  }

  void outcome(String member, String outcome, Instant at) {
    jdbc.update("insert into toluna_invite_outcome (invite_id, panel_guid, quota_id, survey_id, member_code, outcome, "
        + "event_at, recorded_at) values (?, 'P', 1, ?, ?, ?, ?, ?)", UUID.randomUUID().toString(),
        Math.abs(UUID.randomUUID().getMostSignificantBits() % 1_000_000_000L), member, outcome,
        OffsetDateTime.ofInstant(at, ZoneOffset.UTC), OffsetDateTime.ofInstant(at, ZoneOffset.UTC));
  }

  @Test
  void anErasedRespondentStaysSuppressedByHashAloneAndLosesTheirContacts() {
    String member = prefix + "erased";
    suppressions.add(Marketplace.TOLUNA, member, Source.OPERATOR, "asked", "tester");
    contact(Marketplace.TOLUNA, member, NOW);
    assertThat(suppressions.erase(Marketplace.TOLUNA, member, "admin")).isEqualTo(2);
    assertThat(suppressions.erase(Marketplace.TOLUNA, member, "admin")).as("a repeat touches nothing").isZero();
    assertThat(history.erase(Marketplace.TOLUNA, member)).isEqualTo(1);
    String hash = RespondentIds.hash(Marketplace.TOLUNA, member);
    assertThat(jdbc.queryForList("select source from respondent_suppression where respondent_hash = ? and "
        + "respondent_id is null order by source", String.class, hash)).containsExactly("ERASURE", "OPERATOR");
    assertThat(suppressions.suppressedAmong(Marketplace.TOLUNA, List.of(member))).containsExactly(member);
    assertThat(history.of(Marketplace.TOLUNA, member, 10)).isEmpty();
    jdbc.update("delete from respondent_suppression where respondent_hash = ?", hash);
  }

  /** Contacts by hash (before V67, or after retention) and an invite naming the member are one history and one count. */
  @Test
  void contactsByHashAndThroughTheInviteAreReadTogetherNewestFirst() {
    String member = prefix + "both";
    contact(Marketplace.TOLUNA, member, NOW.minus(Duration.ofDays(3)));
    contact(Marketplace.TOLUNA, member, NOW.minus(Duration.ofDays(1)));
    String invite = UUID.randomUUID().toString();
    OffsetDateTime twoDaysAgo = OffsetDateTime.ofInstant(NOW.minus(Duration.ofDays(2)), ZoneOffset.UTC);
    jdbc.update("insert into toluna_invite (invite_id, panel_guid, quota_id, member_code, survey_id, url, "
        + "created_at) values (?, 'P', 7, ?, 1, 'https://toluna.invalid/i', ?)", invite, member, twoDaysAgo);
    try {
      assertThat(history.of(Marketplace.TOLUNA, member, 10)).extracting(ContactHistory.Contact::contactedAt)
          .containsExactly(NOW.minus(Duration.ofDays(1)), NOW.minus(Duration.ofDays(2)), NOW.minus(Duration.ofDays(3)));
      assertThat(history.of(Marketplace.TOLUNA, member, 2)).extracting(ContactHistory.Contact::inviteId)
          .containsExactly(null, invite);
      ContactGate gate = gate(caps(3, Duration.ofDays(7), Duration.ZERO), Clock.fixed(NOW, ZoneOffset.UTC));
      assertThat(gate.screen(Marketplace.TOLUNA, List.of(member)).get(member))
          .as("three contacts in the window, one of them the invite")
          .isEqualTo(new Refusal(Reason.CONTACT_CAP, NOW.plus(Duration.ofDays(4))));
      assertThat(history.erase(Marketplace.TOLUNA, member)).as("the rows by hash; the invite is the Toluna step's")
          .isEqualTo(2);
    } finally {
      jdbc.update("delete from toluna_invite where invite_id = ?", invite);
    }
  }

  @Test
  void admitDecidesOnlyInTheTransactionThatRecordsTheContact() {
    ContactGate gate = gate(caps(1, Duration.ofDays(30), Duration.ZERO), Clock.systemUTC());
    assertThatThrownBy(() -> gate.admit(Marketplace.TOLUNA, List.of(prefix + "x")))
        .isInstanceOf(IllegalStateException.class);
  }

  /** Eight deciders about one member at once, a cap of one: exactly one records its contact. */
  @Test
  void concurrentDecidersAboutOneRespondentLetExactlyOneThrough() throws Exception {
    ContactGate gate = gate(caps(1, Duration.ofDays(30), Duration.ZERO), Clock.systemUTC());
    String member = prefix + "race";
    assertThat(ContactRace.through(gate, jdbc, transactions, member, 8)).isEqualTo(1);
    assertThat(jdbc.queryForObject("select count(*) from toluna_invite where member_code = ?", Long.class, member))
        .isEqualTo(1);
    assertThat(history.of(Marketplace.TOLUNA, member, 10)).hasSize(1);
    jdbc.update("delete from toluna_invite where member_code like ?", member + "%");
  }
}
