package io.recontact.sandbox.partner;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.recontact.sandbox.SandboxProperties;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * What the sandbox partner received: the last {@code maxMessages} webhook invites with their idempotency key and
 * whether the key had been seen before, and counts of everything. Keys are remembered well beyond the listed
 * messages ({@link #MAX_KEYS}), so a late resend is still recognised as a duplicate.
 */
@Component
class PartnerInbox {

  static final int MAX_KEYS = 200_000;
  private static final JsonNodeFactory F = JsonNodeFactory.instance;

  record Message(long number, Instant receivedAt, String idempotencyKey, boolean duplicate, JsonNode body) {
  }

  private record Fault(int status, int remaining) {
  }

  private final int maxMessages;
  private final Deque<Message> messages = new ArrayDeque<>();
  private final Map<String, Boolean> seenKeys = new LinkedHashMap<>(1024, 0.75f, false) {
    @Override
    protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
      return size() > MAX_KEYS;
    }
  };
  private Fault fault;
  private long received;
  private long duplicates;
  private long rejected;
  private long faulted;

  PartnerInbox(SandboxProperties properties) {
    this.maxMessages = Math.max(1, properties.partner().maxMessages());
  }

  /** Records a correctly signed message. */
  synchronized Message add(String idempotencyKey, JsonNode body) {
    boolean duplicate = seenKeys.put(idempotencyKey, Boolean.TRUE) != null;
    received++;
    if (duplicate) {
      duplicates++;
    }
    Message message = new Message(received, Instant.now(), idempotencyKey, duplicate, body);
    messages.addFirst(message);
    while (messages.size() > maxMessages) {
      messages.removeLast();
    }
    return message;
  }

  /** A message refused before it was recorded (bad signature or body). */
  synchronized void rejected() {
    rejected++;
  }

  /** The next {@code count} correctly signed messages are answered {@code status} and not recorded. */
  synchronized void failNext(int status, int count) {
    fault = new Fault(status, count);
  }

  /** The status to answer instead of accepting, or 0. */
  synchronized int takeFault() {
    if (fault == null) {
      return 0;
    }
    int status = fault.status();
    fault = fault.remaining() > 1 ? new Fault(status, fault.remaining() - 1) : null;
    faulted++;
    return status;
  }

  synchronized ObjectNode list(int limit) {
    ObjectNode answer = F.objectNode().put("received", received).put("duplicates", duplicates)
        .put("rejected", rejected).put("faulted", faulted).put("kept", messages.size());
    ArrayNode list = answer.putArray("messages");
    Iterator<Message> newestFirst = messages.iterator();
    for (int i = 0; i < limit && newestFirst.hasNext(); i++) {
      Message m = newestFirst.next();
      list.addObject().put("number", m.number()).put("receivedAt", m.receivedAt().toString())
          .put("idempotencyKey", m.idempotencyKey()).put("duplicate", m.duplicate()).set("body", m.body());
    }
    return answer;
  }

  /** Forgets everything, keys and counts included; returns how many messages were listed. */
  synchronized int clear() {
    int cleared = messages.size();
    messages.clear();
    seenKeys.clear();
    fault = null;
    received = 0;
    duplicates = 0;
    rejected = 0;
    faulted = 0;
    return cleared;
  }
}
