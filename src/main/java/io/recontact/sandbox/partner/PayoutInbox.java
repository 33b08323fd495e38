package io.recontact.sandbox.partner;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashSet;
import java.util.Iterator;
import java.util.Set;
import org.springframework.stereotype.Component;

/**
 * The sandbox rewards system: incentive payouts received by ledger entry id (the idempotency key). A repeated key is
 * dropped (answered 200, nothing booked again) and counted, as a rewards system must do; the totals say what each
 * member got in all (credits minus claw-backs).
 */
@Component
class PayoutInbox {

  static final int MAX_LISTED = 10_000;
  private static final JsonNodeFactory F = JsonNodeFactory.instance;

  record Payout(long number, Instant receivedAt, String idempotencyKey, JsonNode body) {
  }

  private final Deque<Payout> payouts = new ArrayDeque<>();
  private final Set<String> keys = new HashSet<>();
  private long received;
  private long duplicates;
  private long rejected;
  private long creditedCents;
  private long clawedBackCents;
  private long delayMillis;
  private int delayed;

  /** Books a correctly signed payout; false when its key was booked before (a resend). */
  synchronized boolean add(String key, JsonNode body) {
    if (!keys.add(key)) {
      duplicates++;
      return false;
    }
    received++;
    long cents = body.path("amountCents").asLong();
    if ("CLAWBACK".equals(body.path("kind").asText())) {
      clawedBackCents += cents;
    } else {
      creditedCents += cents;
    }
    payouts.addFirst(new Payout(received, Instant.now(), key, body));
    while (payouts.size() > MAX_LISTED) {
      payouts.removeLast();
    }
    return true;
  }

  synchronized void rejected() {
    rejected++;
  }

  /** The next {@code count} payouts are booked, then answered only after {@code millis} (a slow receiver). */
  synchronized void delayNext(long millis, int count) {
    delayMillis = millis;
    delayed = count;
  }

  /** How long to hold this answer back (0: at once). */
  synchronized long takeDelay() {
    if (delayed == 0) {
      return 0;
    }
    delayed--;
    return delayMillis;
  }

  synchronized ObjectNode list(int limit) {
    ObjectNode answer = F.objectNode().put("received", received).put("duplicates", duplicates)
        .put("rejected", rejected).put("creditedCents", creditedCents).put("clawedBackCents", clawedBackCents)
        .put("balanceCents", creditedCents - clawedBackCents).put("delaysPending", delayed);
    ArrayNode list = answer.putArray("payouts");
    Iterator<Payout> newestFirst = payouts.iterator();
    for (int i = 0; i < limit && newestFirst.hasNext(); i++) {
      Payout p = newestFirst.next();
      list.addObject().put("number", p.number()).put("receivedAt", p.receivedAt().toString())
          .put("idempotencyKey", p.idempotencyKey()).set("body", p.body());
    }
    return answer;
  }

  synchronized int clear() {
    int cleared = payouts.size();
    payouts.clear();
    keys.clear();
    received = 0;
    duplicates = 0;
    rejected = 0;
    creditedCents = 0;
    clawedBackCents = 0;
    delayed = 0;
    return cleared;
  }
}
