package io.recontact.toluna.incentivesettlement;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import io.recontact.metrics.RecontactMetrics;
import io.recontact.toluna.delivery.WebhookSignature;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * The payout outbox against a scripted receiver on loopback: the signed body and Idempotency-Key, a refused payout
 * tried again after its back-off, and a payout refused max-attempts times named by the round (the job then fails and
 * is retried by the engine) and sent again at once by the next round. It shares the integration tests' context
 * (RANDOM_PORT): a context of its own would register a second engine that engine REST of the others could reach.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
class PayoutOutboxTest {

  static final String SECRET = "payout-test-secret";

  @Autowired JdbcTemplate jdbc;
  @Autowired PlatformTransactionManager transactions;
  @Autowired ObjectProvider<io.recontact.toluna.delivery.BuiltInReceiver> builtIn;

  HttpServer server;
  final AtomicInteger failures = new AtomicInteger();
  final List<Map<String, String>> received = new CopyOnWriteArrayList<>();
  final String panel = UUID.randomUUID().toString().toUpperCase(Locale.ROOT);

  @BeforeEach
  void receiver() throws Exception {
    // Rows of other tests in the shared database must not be sent to this receiver.
    jdbc.update("update panel_incentive_payout set state = 'SENT' where state = 'PENDING'");
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/rewards", exchange -> {
      byte[] body = exchange.getRequestBody().readAllBytes();
      received.add(Map.of("key", exchange.getRequestHeaders().getFirst("Idempotency-Key"),
          "signed", String.valueOf(WebhookSignature.verify(SECRET, body,
              exchange.getRequestHeaders().getFirst(WebhookSignature.HEADER))),
          "body", new String(body, StandardCharsets.UTF_8)));
      int status = failures.getAndDecrement() > 0 ? 503 : 200;
      byte[] answer = (status == 200 ? "{}" : "busy").getBytes(StandardCharsets.UTF_8);
      exchange.sendResponseHeaders(status, answer.length);
      exchange.getResponseBody().write(answer);
      exchange.close();
    });
    server.start();
  }

  @AfterEach
  void stop() {
    server.stop(0);
  }

  PayoutOutbox outbox(int maxAttempts) {
    SettlementProperties properties = new SettlementProperties(Duration.ofDays(1), Duration.ofDays(30),
        new SettlementProperties.Payout("http://127.0.0.1:" + server.getAddress().getPort() + "/rewards", SECRET,
            Duration.ofSeconds(2), 2, Duration.ofMinutes(10), maxAttempts));
    return new PayoutOutbox(jdbc, transactions, new PayoutChannel(properties, builtIn), properties, 60_000,
        RecontactMetrics.none(), null);
  }

  long settledCredit(String member, long cents) {
    OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
    jdbc.update("insert into panel_incentive (member_code, source, panel_guid, survey_id, state, amount_cents, "
        + "credited_at, kind, settled_at, settlement_id) values (?, 'TOLUNA', ?, 3900031, 'SETTLED', ?, ?, 'CREDIT', "
        + "?, 'run-1')", member, panel, cents, now, now);
    long id = jdbc.queryForObject("select id from panel_incentive where panel_guid = ? and member_code = ?",
        Long.class, panel, member);
    jdbc.update("insert into panel_incentive_payout (entry_id, settlement_id, state, attempts, next_attempt_at) "
        + "values (?, 'run-1', 'PENDING', 0, ?)", id, now);
    return id;
  }

  Map<String, Object> row(long id) {
    return jdbc.queryForMap("select state, attempts, last_error, next_attempt_at from panel_incentive_payout "
        + "where entry_id = ?", id);
  }

  @Test
  void aRefusedPayoutWaitsForItsBackOffThenIsSentSignedUnderItsEntryId() throws Exception {
    long id = settledCredit("PO-1", 80);
    failures.set(1);
    PayoutOutbox.Round first = outbox(5).deliverDue(10);
    assertThat(first.sent()).isZero();
    assertThat(first.left()).isEqualTo(1);
    assertThat(first.exhausted()).isNull();
    assertThat(row(id)).containsEntry("STATE", "PENDING").containsEntry("ATTEMPTS", 1)
        .containsEntry("LAST_ERROR", "HTTP 503: busy");
    assertThat(((OffsetDateTime) row(id).get("NEXT_ATTEMPT_AT")).toInstant()).as("the back-off")
        .isAfter(java.time.Instant.now().plusSeconds(500));
    assertThat(outbox(5).deliverDue(10).sent()).as("not due yet").isZero();

    jdbc.update("update panel_incentive_payout set next_attempt_at = ? where entry_id = ?",
        OffsetDateTime.now(ZoneOffset.UTC), id);
    PayoutOutbox.Round second = outbox(5).deliverDue(10);
    assertThat(second.sent()).isEqualTo(1);
    assertThat(second.creditCents()).isEqualTo(80);
    assertThat(row(id)).containsEntry("STATE", "SENT").containsEntry("ATTEMPTS", 2);
    assertThat(received).hasSize(2).allSatisfy(r -> {
      assertThat(r.get("key")).isEqualTo(String.valueOf(id));
      assertThat(r.get("signed")).isEqualTo("true");
    });
    var body = new ObjectMapper().readTree(received.get(1).get("body"));
    assertThat(body.path("entryId").asLong()).isEqualTo(id);
    assertThat(body.path("kind").asText()).isEqualTo("CREDIT");
    assertThat(body.path("memberCode").asText()).isEqualTo("PO-1");
    assertThat(body.path("amountCents").asLong()).isEqualTo(80);
  }

  @Test
  void aPayoutRefusedMaxAttemptsTimesIsNamedAndTriedAgainAtOnce() {
    long id = settledCredit("PO-2", 120);
    failures.set(3);
    PayoutOutbox.Round first = outbox(1).deliverDue(10);
    assertThat(first.exhausted()).isEqualTo("the payout of ledger entry " + id + " failed 1 times, last: HTTP 503: "
        + "busy");
    PayoutOutbox.Round retry = outbox(1).deliverDue(10);
    assertThat(received).as("due at once: the job's retry sends it again").hasSize(2);
    assertThat(retry.exhausted()).contains("failed 2 times");
    failures.set(0);
    PayoutOutbox.Round fixed = outbox(1).deliverDue(10);
    assertThat(fixed.sent()).isEqualTo(1);
    assertThat(fixed.exhausted()).isNull();
    assertThat(row(id)).containsEntry("STATE", "SENT");
  }
}
