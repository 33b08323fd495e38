package io.recontact.toluna.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import io.recontact.toluna.delivery.OutboxRows.Due;
import io.recontact.toluna.delivery.OutboxRows.Settled;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * A round's slices are leased with one row each (V71, {@link SliceLeases}): what another round leased waits, a lease
 * that ran out counts its lost send, a claim keeps only rows still pending as read, and a node's own leases from
 * before its start are released at start. Same Spring context as InviteOutboxTest (the sandbox receiver over HTTP).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
class SliceLeasesTest {

  static final long QUOTA = 4100002L;
  static final Duration LEASE = Duration.ofMinutes(5);

  @Autowired
  InviteOutbox outbox;
  @Autowired
  JdbcTemplate jdbc;
  @Autowired
  PlatformTransactionManager transactions;
  @Autowired
  TestRestTemplate http;

  final String panel = Invites.panel();

  @Test
  void aRoundLeasesEachSliceAndRemovesTheLeaseWithItsOutcomes() {
    List<String> ids = List.of(store("M-A1"), store("M-A2"), store("M-A3"));

    assertThat(outbox.deliverDue(panel, QUOTA, 10, () -> true)).isEqualTo(new DeliveryRound(3, 0, 0, 0, null));

    assertThat(leases()).as("every lease removed with its slice's outcomes").isZero();
    for (String id : ids) {
      Map<String, Object> row = Invites.delivery(jdbc, id);
      assertThat(row.get("STATE")).isEqualTo("DELIVERED");
      assertThat(row.get("ATTEMPTS")).as("the attempt counted with its outcome").isEqualTo(1);
      assertThat(row.get("CLAIMED_UNTIL")).as("the row itself is not claimed").isNull();
    }
  }

  @Test
  void aRowInAnotherRoundsLeaseWaitsAndTheRoundSaysUntilWhen() {
    String id = store("M-B1");
    Instant leaseEnds = OffsetDateTime.now(ZoneOffset.UTC).plusMinutes(5).withNano(0).toInstant();
    lease(id, leaseEnds, "other-node");

    assertThat(outbox.deliverDue(panel, QUOTA, 10, () -> true))
        .isEqualTo(new DeliveryRound(0, 0, 0, 1, leaseEnds));
    assertThat(Invites.delivery(jdbc, id).get("STATE")).isEqualTo("PENDING");
    assertThat(leases()).isEqualTo(1);
  }

  @Test
  void aLeaseThatRanOutCountsItsLostSendAndItsRowIsSentAgain() {
    String id = store("M-C1");
    lease(id, Instant.now().minusSeconds(1), "other-node");

    assertThat(outbox.deliverDue(panel, QUOTA, 10, () -> true).delivered()).isEqualTo(1);

    Map<String, Object> row = Invites.delivery(jdbc, id);
    assertThat(row.get("STATE")).isEqualTo("DELIVERED");
    assertThat(row.get("ATTEMPTS")).as("the lost send and this one").isEqualTo(2);
    assertThat(leases()).isZero();
  }

  @Test
  void aClaimKeepsOnlyRowsStillPendingAsReadAndInNoOtherLease() {
    String unchanged = store("M-D1");
    String retried = store("M-D2");
    String delivered = store("M-D3");
    OutboxRows rows = new OutboxRows(jdbc, transactions, null);
    Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
    List<Due> read = rows.due(panel, QUOTA, now, null, 10);
    assertThat(read).hasSize(3);
    jdbc.update("update toluna_invite_delivery set attempts = 1 where invite_id = ?", retried);
    jdbc.update("update toluna_invite_delivery set state = 'DELIVERED' where invite_id = ?", delivered);

    Settled first = rows.settleAndClaim(List.of(), null, read, now, LEASE);
    Settled second = rows.settleAndClaim(List.of(), null, read, now, LEASE);

    assertThat(first.claimed()).extracting(d -> d.message().inviteId()).containsExactly(unchanged);
    assertThat(first.lease()).isNotNull();
    assertThat(second.claimed()).as("leased by the first claim").isEmpty();
    assertThat(second.lease()).isNull();
    assertThat(rows.due(panel, QUOTA, now, null, 10)).as("in a lease or no longer as read: not due")
        .extracting(d -> d.message().inviteId()).containsExactly(retried);
    rows.endLease(first.lease());
    assertThat(rows.due(panel, QUOTA, now, null, 10)).extracting(d -> d.message().inviteId())
        .containsExactlyInAnyOrder(unchanged, retried);
  }

  @Test
  void theNodesOwnLeasesFromBeforeItsStartAreReleasedAtStartWithTheirAttemptCounted() {
    String own = store("M-E1");
    String others = store("M-E2");
    Instant now = Instant.now();
    lease(own, now.plus(Duration.ofMinutes(3)), "node-a");
    lease(others, now.plus(Duration.ofMinutes(3)), "node-b");

    int released = new OutboxRows(jdbc, transactions, "node-a")
        .releaseStaleClaims(now.minus(Duration.ofMinutes(1)), LEASE, now);

    assertThat(released).isEqualTo(1);
    assertThat(Invites.delivery(jdbc, own).get("ATTEMPTS")).isEqualTo(1);
    assertThat(Invites.delivery(jdbc, others).get("ATTEMPTS")).as("another node's lease is left alone").isEqualTo(0);
    assertThat(leases()).isEqualTo(1);
  }

  private String store(String member) {
    return Invites.store(jdbc, transactions, outbox, panel, QUOTA, member);
  }

  /** A lease of one row, as a round of {@code owner} leaves it. */
  private void lease(String inviteId, Instant until, String owner) {
    Object due = Invites.delivery(jdbc, inviteId).get("NEXT_ATTEMPT_AT");
    jdbc.update("insert into toluna_delivery_lease (panel_guid, quota_id, id, first_at, first_invite, last_at, "
        + "last_invite, invite_ids, claimed_until, claimed_by) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", panel, QUOTA,
        UUID.randomUUID().toString(), due, inviteId, due, inviteId, inviteId, until.atOffset(ZoneOffset.UTC), owner);
  }

  private long leases() {
    return jdbc.queryForObject("select count(*) from toluna_delivery_lease where panel_guid = ? and quota_id = ?",
        Long.class, panel, QUOTA);
  }
}
