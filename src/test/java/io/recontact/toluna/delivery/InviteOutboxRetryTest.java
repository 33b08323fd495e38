package io.recontact.toluna.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.recontact.toluna.delivery.DeliveryProperties.Channel;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * The outbox's retries and failures over real HTTP: a scripted JDK HttpServer as the partner (timeouts, refused
 * connections, 5xx). Time moves by a test clock; next_attempt_at is compared with it, never waited for. Same Spring
 * context as InviteOutboxTest.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
class InviteOutboxRetryTest {

  static final String SECRET = "test-secret";
  static final long QUOTA = InviteOutboxTest.QUOTA;

  @Autowired
  JdbcTemplate jdbc;

  @Autowired
  PlatformTransactionManager transactions;

  @Autowired
  ApplicationContext context;

  final String panel = Invites.panel();
  final TestClock clock = new TestClock(Instant.now().truncatedTo(ChronoUnit.MICROS));
  final List<AutoCloseable> closing = new ArrayList<>();

  @AfterEach
  void close() throws Exception {
    for (AutoCloseable c : closing) {
      c.close();
    }
  }

  @Test
  void retriesWithDoublingBackOffUntilThePartnerAnswers2xx() throws Exception {
    TestPartner partner = partner().answer(500, 500);
    InviteOutbox outbox = outbox(partner.url("/invites"), 5, Duration.ofSeconds(5));
    String id = Invites.store(jdbc, transactions, outbox, panel, QUOTA, "M-R");
    Instant t0 = clock.instant();

    DeliveryRound first = outbox.deliverDue(panel, QUOTA, 10, () -> true);

    assertThat(first).isEqualTo(new DeliveryRound(0, 0, 1, 1, t0.plusSeconds(30)));
    Map<String, Object> row = Invites.delivery(jdbc, id);
    assertThat(row.get("STATE")).isEqualTo("PENDING");
    assertThat(row.get("ATTEMPTS")).isEqualTo(1);
    assertThat((String) row.get("LAST_ERROR")).startsWith("HTTP 500: {\"error\":\"partner is down\", \"status\":500}");
    assertThat(outbox.deliverDue(panel, QUOTA, 10, () -> true)).isEqualTo(new DeliveryRound(0, 0, 0, 1,
        t0.plusSeconds(30)));
    assertThat(partner.requests).hasSize(1);

    clock.advance(Duration.ofSeconds(30));
    assertThat(outbox.deliverDue(panel, QUOTA, 10, () -> true)).isEqualTo(new DeliveryRound(0, 0, 1, 1,
        t0.plusSeconds(30 + 60)));
    assertThat(Invites.delivery(jdbc, id).get("ATTEMPTS")).isEqualTo(2);

    clock.advance(Duration.ofSeconds(59));
    assertThat(outbox.deliverDue(panel, QUOTA, 10, () -> true).retryLater()).isZero();
    clock.advance(Duration.ofSeconds(1));
    assertThat(outbox.deliverDue(panel, QUOTA, 10, () -> true)).isEqualTo(new DeliveryRound(1, 0, 0, 0, null));

    row = Invites.delivery(jdbc, id);
    assertThat(row.get("STATE")).isEqualTo("DELIVERED");
    assertThat(row.get("ATTEMPTS")).isEqualTo(3);
    assertThat(row.get("LAST_ERROR")).isNull();
    assertThat(Invites.member(jdbc, panel, QUOTA, "M-R").get("STATE")).isEqualTo("DELIVERED");
    assertThat(partner.requests).hasSize(3);
    for (TestPartner.Request request : partner.requests) {
      assertThat(request.idempotencyKey()).isEqualTo(id);
      assertThat(request.contentType()).isEqualTo("application/json");
      assertThat(request.signature()).isEqualTo("sha256=" + hmacSha256Hex(SECRET, request.body()));
      JsonNode body = new ObjectMapper().readTree(request.body());
      assertThat(body.get("inviteId").asText()).isEqualTo(id);
      assertThat(body.get("amount").asDouble()).isEqualTo(2.25);
    }
    assertThat(partner.requests.get(0).text()).isEqualTo(partner.requests.get(2).text());
  }

  @Test
  void failsAfterMaxAttemptsWithTheReason() {
    TestPartner partner = partner().answer(503, 503, 503);
    InviteOutbox outbox = outbox(partner.url("/invites"), 3, Duration.ofSeconds(5));
    String id = Invites.store(jdbc, transactions, outbox, panel, QUOTA, "M-F");

    assertThat(outbox.deliverDue(panel, QUOTA, 10, () -> true).retryLater()).isEqualTo(1);
    clock.advance(Duration.ofSeconds(30));
    assertThat(outbox.deliverDue(panel, QUOTA, 10, () -> true).retryLater()).isEqualTo(1);
    clock.advance(Duration.ofSeconds(60));
    DeliveryRound last = outbox.deliverDue(panel, QUOTA, 10, () -> true);

    assertThat(last).isEqualTo(new DeliveryRound(0, 1, 0, 0, null));
    Map<String, Object> row = Invites.delivery(jdbc, id);
    assertThat(row.get("STATE")).isEqualTo("FAILED");
    assertThat(row.get("ATTEMPTS")).isEqualTo(3);
    assertThat((String) row.get("LAST_ERROR")).contains("HTTP 503").contains("attempt 3 of 3");
    Map<String, Object> member = Invites.member(jdbc, panel, QUOTA, "M-F");
    assertThat(member.get("STATE")).isEqualTo("DELIVERY_FAILED");
    assertThat((String) member.get("REASON")).contains("HTTP 503");
    assertThat(outbox.counts(panel, QUOTA)).isEqualTo(new DeliveryCounts(0, 0, 1));
    clock.advance(Duration.ofDays(2));
    assertThat(outbox.deliverDue(panel, QUOTA, 10, () -> true)).isEqualTo(new DeliveryRound(0, 0, 0, 0, null));
    assertThat(partner.requests).hasSize(3);
  }

  @Test
  void timeoutsAndRefusedConnectionsAreRetriedWithTheirReason() throws Exception {
    TestPartner partner = partner();
    InviteOutbox slow = outbox(partner.url("/slow"), 5, Duration.ofMillis(300));
    String slowId = Invites.store(jdbc, transactions, slow, panel, QUOTA, "M-S");
    assertThat(slow.deliverDue(panel, QUOTA, 10, () -> true).retryLater()).isEqualTo(1);
    assertThat((String) Invites.delivery(jdbc, slowId).get("LAST_ERROR")).isEqualTo("no answer within 300 ms");

    // Headers at once, the body stalled: the same bound, and the thread is not left interrupted for its next send.
    String stalledPanel = Invites.panel();
    InviteOutbox stalled = outbox(partner.url("/stalled-body"), 5, Duration.ofMillis(300));
    String stalledId = Invites.store(jdbc, transactions, stalled, stalledPanel, QUOTA, "M-B");
    assertThat(stalled.deliverDue(stalledPanel, QUOTA, 10, () -> true).retryLater()).isEqualTo(1);
    assertThat((String) Invites.delivery(jdbc, stalledId).get("LAST_ERROR")).isEqualTo("no answer within 300 ms");
    assertThat(Thread.currentThread().isInterrupted()).isFalse();

    String closedPort;
    try (var socket = new java.net.ServerSocket(0)) {
      closedPort = "http://127.0.0.1:" + socket.getLocalPort() + "/invites";
    }
    String otherPanel = Invites.panel();
    InviteOutbox refused = outbox(closedPort, 5, Duration.ofSeconds(2));
    String refusedId = Invites.store(jdbc, transactions, refused, otherPanel, QUOTA, "M-C");
    assertThat(refused.deliverDue(otherPanel, QUOTA, 10, () -> true).retryLater()).isEqualTo(1);
    assertThat((String) Invites.delivery(jdbc, refusedId).get("LAST_ERROR")).startsWith("connection to 127.0.0.1:")
        .contains("failed");
  }

  @Test
  void keepGoingFalseSendsNothingAndLeavesTheRowsAsTheyWere() {
    TestPartner partner = partner();
    InviteOutbox outbox = outbox(partner.url("/invites"), 5, Duration.ofSeconds(5));
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      ids.add(Invites.store(jdbc, transactions, outbox, panel, QUOTA, "M-K" + i));
    }

    assertThat(outbox.deliverDue(panel, QUOTA, 10, () -> false)).isEqualTo(new DeliveryRound(0, 0, 0, 5,
        clock.instant()));
    assertThat(partner.requests).isEmpty();
    assertThat(ids).allSatisfy(id -> assertThat(Invites.delivery(jdbc, id).get("ATTEMPTS")).isEqualTo(0));

    // Paused after the first send: exactly one goes out, the others stay untouched.
    AtomicInteger asked = new AtomicInteger();
    DeliveryRound round = outbox.deliverDue(panel, QUOTA, 10, () -> asked.getAndIncrement() == 0);
    assertThat(round.delivered()).isEqualTo(1);
    assertThat(round.pendingTotal()).isEqualTo(4);
    assertThat(partner.requests).hasSize(1);
    assertThat(asked.get()).isEqualTo(2);
    assertThat(ids.stream().filter(id -> Invites.delivery(jdbc, id).get("ATTEMPTS").equals(0))).hasSize(4);
  }

  @Test
  void twoRoundsAtOnceSendEachInviteOnce() throws Exception {
    TestPartner partner = partner();
    InviteOutbox outbox = outbox(partner.url("/invites"), 5, Duration.ofSeconds(5));
    Set<String> ids = new java.util.HashSet<>();
    for (int i = 0; i < 40; i++) {
      ids.add(Invites.store(jdbc, transactions, outbox, panel, QUOTA, "M-P" + i));
    }

    CompletableFuture<DeliveryRound> a = CompletableFuture.supplyAsync(() -> outbox.deliverDue(panel, QUOTA, 40,
        () -> true));
    CompletableFuture<DeliveryRound> b = CompletableFuture.supplyAsync(() -> outbox.deliverDue(panel, QUOTA, 40,
        () -> true));

    assertThat(a.get().delivered() + b.get().delivered()).isEqualTo(40);
    assertThat(partner.requests).extracting(TestPartner.Request::idempotencyKey)
        .containsExactlyInAnyOrderElementsOf(ids);
    assertThat(outbox.counts(panel, QUOTA)).isEqualTo(new DeliveryCounts(0, 40, 0));
  }

  private TestPartner partner() {
    try {
      TestPartner partner = new TestPartner();
      closing.add(partner);
      return partner;
    } catch (java.io.IOException e) {
      throw new IllegalStateException(e);
    }
  }

  private InviteOutbox outbox(String url, int maxAttempts, Duration timeout) {
    DeliveryProperties properties = new DeliveryProperties(Channel.WEBHOOK, maxAttempts, Duration.ofSeconds(30), 8,
        new DeliveryProperties.Webhook(url, SECRET, timeout),
        new DeliveryProperties.Email("invites@recontact.invalid", "subject"));
    InviteOutbox outbox = new InviteOutbox(jdbc, transactions, properties,
        List.of(new WebhookChannel(properties, context.getBeanProvider(BuiltInReceiver.class))), clock,
        Duration.ofMinutes(5));
    return outbox;
  }

  /** Computed here, independently of WebhookSignature: what a partner would do. */
  static String hmacSha256Hex(String secret, byte[] body) throws Exception {
    Mac mac = Mac.getInstance("HmacSHA256");
    mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
    return HexFormat.of().formatHex(mac.doFinal(body));
  }

  static final class TestClock extends Clock {
    private final AtomicReference<Instant> now;

    TestClock(Instant start) {
      now = new AtomicReference<>(start);
    }

    void advance(Duration by) {
      now.updateAndGet(t -> t.plus(by));
    }

    @Override
    public Instant instant() {
      return now.get();
    }

    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      return this;
    }
  }
}
