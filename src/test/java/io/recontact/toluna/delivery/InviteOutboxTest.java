package io.recontact.toluna.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.transaction.IllegalTransactionStateException;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The outbox bean over real HTTP to the sandbox's partner receiver (the default, unconfigured webhook): rounds, once
 * only delivery, resends, the caller's transaction. Retries and failures against a scripted partner are in
 * InviteOutboxRetryTest (same Spring context).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
class InviteOutboxTest {

  static final long QUOTA = 4100001L;

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
  void aFullRoundLeavesTheCountOfWhatIsLeftToTheNextRound() {
    store("M-F1");
    store("M-F2");
    store("M-F3");

    assertThat(outbox.deliverDue(panel, QUOTA, 2, () -> true))
        .isEqualTo(new DeliveryRound(2, 0, 0, DeliveryRound.NOT_COUNTED, null));
    assertThat(outbox.deliverDue(panel, QUOTA, 2, () -> true)).isEqualTo(new DeliveryRound(1, 0, 0, 0, null));
    assertThat(outbox.counts(panel, QUOTA)).isEqualTo(new DeliveryCounts(0, 3, 0));
  }

  @Test
  void deliversEachInviteOnceToTheSandboxReceiver() {
    List<String> ids = List.of(store("M-1"), store("M-2"), store("M-3"));

    DeliveryRound round = outbox.deliverDue(panel, QUOTA, 10, () -> true);

    assertThat(round).isEqualTo(new DeliveryRound(3, 0, 0, 0, null));
    assertThat(outbox.counts(panel, QUOTA)).isEqualTo(new DeliveryCounts(0, 3, 0));
    for (String id : ids) {
      Map<String, Object> row = Invites.delivery(jdbc, id);
      assertThat(row.get("STATE")).isEqualTo("DELIVERED");
      assertThat(row.get("CHANNEL")).isEqualTo("WEBHOOK");
      assertThat(row.get("ATTEMPTS")).isEqualTo(1);
      assertThat(row.get("DELIVERED_AT")).isNotNull();
    }
    assertThat(Invites.member(jdbc, panel, QUOTA, "M-2").get("STATE")).isEqualTo("DELIVERED");
    List<JsonNode> received = receivedBy(ids);
    assertThat(received).extracting(m -> m.get("idempotencyKey").asText()).containsExactlyInAnyOrderElementsOf(ids);
    assertThat(received).allSatisfy(m -> assertThat(m.get("duplicate").asBoolean()).isFalse());
    JsonNode body = received.stream().filter(m -> m.get("idempotencyKey").asText().equals(ids.get(1))).findFirst()
        .orElseThrow().get("body");
    assertThat(body.get("inviteId").asText()).isEqualTo(ids.get(1));
    assertThat(body.get("memberCode").asText()).isEqualTo("M-2");
    assertThat(body.get("url").asText()).isEqualTo(Invites.url(ids.get(1)));
    assertThat(body.get("surveyId").asLong()).isEqualTo(Invites.SURVEY);
    assertThat(body.get("waveId").asLong()).isEqualTo(Invites.WAVE);
    assertThat(body.get("quotaId").asLong()).isEqualTo(QUOTA);
    assertThat(body.get("loi").asInt()).isEqualTo(12);
    assertThat(body.get("ir").asInt()).isEqualTo(40);
    assertThat(body.get("amount").asDouble()).isEqualTo(2.25);
    assertThat(body.get("memberAmount").asDouble()).isEqualTo(1.5);

    assertThat(outbox.deliverDue(panel, QUOTA, 10, () -> true)).isEqualTo(new DeliveryRound(0, 0, 0, 0, null));
    assertThat(receivedBy(ids)).hasSize(3);
  }

  @Test
  void aSendWhoseMarkWasLostIsResentWithTheSameKeyAndTheReceiverFlagsIt() {
    String id = store("M-D");
    assertThat(outbox.deliverDue(panel, QUOTA, 10, () -> true).delivered()).isEqualTo(1);

    Invites.loseTheMark(jdbc, id, OffsetDateTime.now(ZoneOffset.UTC).minusSeconds(1));
    DeliveryRound again = outbox.deliverDue(panel, QUOTA, 10, () -> true);

    assertThat(again.delivered()).isEqualTo(1);
    assertThat(Invites.delivery(jdbc, id).get("ATTEMPTS")).isEqualTo(2);
    List<JsonNode> received = receivedBy(List.of(id));
    assertThat(received).hasSize(2);
    assertThat(received.get(0).get("duplicate").asBoolean()).as("newest first: the resend").isTrue();
    assertThat(received.get(1).get("duplicate").asBoolean()).isFalse();
    assertThat(received.get(0).get("body")).isEqualTo(received.get(1).get("body"));
  }

  /** A claim leases the row in claimed_until (V69): no other round sends it before then, and its due time stays. */
  @Test
  void aRowUnderAnotherRoundsClaimWaitsForItsLeaseAndTheRoundSaysUntilWhen() {
    String id = store("M-L");
    Object due = Invites.delivery(jdbc, id).get("NEXT_ATTEMPT_AT");
    OffsetDateTime leaseEnds = OffsetDateTime.now(ZoneOffset.UTC).plusMinutes(5).withNano(0);
    jdbc.update("update toluna_invite_delivery set attempts = 1, claimed_until = ?, claimed_by = 'other-node' "
        + "where invite_id = ?", leaseEnds, id);

    DeliveryRound waiting = outbox.deliverDue(panel, QUOTA, 10, () -> true);

    assertThat(waiting).isEqualTo(new DeliveryRound(0, 0, 0, 1, leaseEnds.toInstant()));
    assertThat(receivedBy(List.of(id))).isEmpty();
    jdbc.update("update toluna_invite_delivery set claimed_until = ? where invite_id = ?",
        OffsetDateTime.now(ZoneOffset.UTC).minusSeconds(1), id);
    assertThat(outbox.deliverDue(panel, QUOTA, 10, () -> true).delivered()).isEqualTo(1);
    Map<String, Object> row = Invites.delivery(jdbc, id);
    assertThat(row.get("ATTEMPTS")).isEqualTo(2);
    assertThat(row.get("NEXT_ATTEMPT_AT")).as("the claim left the due time alone").isEqualTo(due);
    assertThat(receivedBy(List.of(id))).hasSize(1);
  }

  @Test
  void enqueueBelongsToTheCallersTransaction() {
    String rolledBack = java.util.UUID.randomUUID().toString();
    new TransactionTemplate(transactions).executeWithoutResult(status -> {
      outbox.enqueue(rolledBack, panel, QUOTA);
      status.setRollbackOnly();
    });
    assertThat(jdbc.queryForObject("select count(*) from toluna_invite_delivery where invite_id = ?", Integer.class,
        rolledBack)).isZero();
    assertThatThrownBy(() -> outbox.enqueue(rolledBack, panel, QUOTA))
        .isInstanceOf(IllegalTransactionStateException.class);
  }

  @Test
  void theReceiverRefusesABadSignatureWithJson() {
    var headers = new org.springframework.http.HttpHeaders();
    headers.add("Idempotency-Key", "k-1");
    headers.add("X-Recontact-Signature", "sha256=" + "0".repeat(64));
    headers.setContentType(org.springframework.http.MediaType.APPLICATION_JSON);
    var answer = http.postForEntity("/sandbox/partner/messages",
        new org.springframework.http.HttpEntity<>("{\"inviteId\":\"k-1\"}", headers), JsonNode.class);
    assertThat(answer.getStatusCode().value()).isEqualTo(401);
    assertThat(answer.getBody().get("error").asText()).contains("does not match");
  }

  private String store(String member) {
    return Invites.store(jdbc, transactions, outbox, panel, QUOTA, member);
  }

  /** The sandbox receiver's messages with these idempotency keys, newest first. */
  private List<JsonNode> receivedBy(List<String> keys) {
    JsonNode all = http.getForObject("/sandbox/partner/messages?limit=10000", JsonNode.class);
    return StreamSupport.stream(all.get("messages").spliterator(), false)
        .filter(m -> keys.contains(m.get("idempotencyKey").asText())).toList();
  }
}
