package io.recontact.sandbox.partner;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.recontact.sandbox.SandboxProperties;
import io.recontact.sandbox.toluna.TolunaMemberPlay;
import io.recontact.toluna.delivery.WebhookChannel;
import io.recontact.toluna.delivery.WebhookSignature;
import jakarta.mail.Address;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.util.Arrays;
import java.util.List;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The sandbox partner that receives invites: webhook messages (signature checked, idempotency key recorded and
 * duplicates flagged) and the mails that reached the sandbox SMTP server. No authentication: sandbox only.
 */
@RestController
@RequestMapping("/sandbox/partner")
class PartnerController {

  static final String MESSAGES = "/sandbox/partner/messages";
  static final String PAYOUTS = "/sandbox/partner/payouts";
  static final int DEFAULT_LIMIT = 1000;
  static final int FIRST_LINES = 5;
  private static final JsonNodeFactory F = JsonNodeFactory.instance;

  private final PartnerInbox inbox;
  private final PayoutInbox payouts;
  private final SandboxMailServer mail;
  private final SandboxProperties.Partner config;
  private final ObjectMapper mapper;

  private final org.springframework.beans.factory.ObjectProvider<TolunaMemberPlay> members;

  PartnerController(PartnerInbox inbox, PayoutInbox payouts, SandboxMailServer mail, SandboxProperties properties, ObjectMapper mapper,
      org.springframework.beans.factory.ObjectProvider<TolunaMemberPlay> members) {
    this.members = members;
    this.inbox = inbox;
    this.payouts = payouts;
    this.mail = mail;
    this.config = properties.partner();
    this.mapper = mapper;
  }

  /** Any content type: the signature covers the raw bytes, so they are read as they came. */
  @PostMapping("/messages")
  ResponseEntity<ObjectNode> receive(@RequestBody(required = false) byte[] body,
      @RequestHeader(name = WebhookSignature.HEADER, required = false) String signature,
      @RequestHeader(name = WebhookChannel.IDEMPOTENCY_KEY, required = false) String key) {
    byte[] bytes = body == null ? new byte[0] : body;
    if (!WebhookSignature.verify(config.webhookSecret(), bytes, signature)) {
      inbox.rejected();
      return error(401, signature == null ? "The " + WebhookSignature.HEADER + " header is missing"
          : "The " + WebhookSignature.HEADER + " header does not match the body (expected sha256=<hex HMAC-SHA256>)");
    }
    if (key == null || key.isBlank()) {
      inbox.rejected();
      return error(400, "The " + WebhookChannel.IDEMPOTENCY_KEY + " header is missing");
    }
    JsonNode json;
    try {
      json = mapper.readTree(bytes);
    } catch (IOException e) {
      json = null;
    }
    if (json == null || !json.isObject()) {
      inbox.rejected();
      return error(400, "The body must be a JSON object");
    }
    int fault = inbox.takeFault();
    if (fault != 0) {
      return error(fault, "Simulated failure (POST /sandbox/partner/faults)");
    }
    PartnerInbox.Message message = inbox.add(key.strip(), json);
    if (!message.duplicate() && json.path("url").isTextual()) {
      // The member got the invite: the simulated Toluna lets it play its outcome (TolunaMemberPlay).
      String url = json.path("url").textValue();
      members.ifAvailable(m -> m.delivered(url));
    }
    return ResponseEntity.ok(F.objectNode().put("number", message.number())
        .put("idempotencyKey", message.idempotencyKey()).put("duplicate", message.duplicate()));
  }

  /**
   * The sandbox rewards system: an incentive payout (signed like the invites, Idempotency-Key = ledger entry id). A
   * repeated key is answered 200 with {@code "duplicate": true} and not booked again.
   */
  @PostMapping("/payouts")
  ResponseEntity<ObjectNode> payout(@RequestBody(required = false) byte[] body,
      @RequestHeader(name = WebhookSignature.HEADER, required = false) String signature,
      @RequestHeader(name = WebhookChannel.IDEMPOTENCY_KEY, required = false) String key) {
    byte[] bytes = body == null ? new byte[0] : body;
    if (!WebhookSignature.verify(config.webhookSecret(), bytes, signature)) {
      payouts.rejected();
      return error(401, "The " + WebhookSignature.HEADER + " header is missing or does not match the body");
    }
    JsonNode json;
    try {
      json = mapper.readTree(bytes);
    } catch (IOException e) {
      json = null;
    }
    if (key == null || key.isBlank() || json == null || !json.isObject() || !json.path("amountCents").isNumber()) {
      payouts.rejected();
      return error(400, "An Idempotency-Key header and a JSON object with amountCents are required");
    }
    boolean booked = payouts.add(key.strip(), json);
    long delay = payouts.takeDelay();
    if (delay > 0) {
      try {
        Thread.sleep(delay);  // booked, but the sender hears of it late: the crash window between send and mark
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    return ResponseEntity.ok(F.objectNode().put("idempotencyKey", key.strip()).put("duplicate", !booked));
  }

  /** Payouts booked, newest first, with totals and the count of dropped resends. */
  @GetMapping("/payouts")
  ResponseEntity<ObjectNode> payouts(@RequestParam(defaultValue = "" + DEFAULT_LIMIT) int limit) {
    if (limit < 1) {
      return error(400, "limit must be at least 1");
    }
    return ResponseEntity.ok(payouts.list(limit));
  }

  /** {@code {"delayMillis": 4000, "count": 1}}: the next payouts are booked, then answered that much later. */
  @PostMapping("/payouts/faults")
  ResponseEntity<ObjectNode> payoutFault(@RequestBody JsonNode body) {
    long millis = body.path("delayMillis").asLong(0);
    int count = body.path("count").asInt(1);
    if (millis < 1 || millis > 600_000 || count < 1) {
      return error(400, "{\"delayMillis\": 1..600000, \"count\": >= 1} is required");
    }
    payouts.delayNext(millis, count);
    return ResponseEntity.ok(F.objectNode().put("delayMillis", millis).put("count", count));
  }

  @DeleteMapping("/payouts")
  ObjectNode clearPayouts() {
    return F.objectNode().put("cleared", payouts.clear());
  }

  /** Newest first, at most {@code limit} (and at most the kept messages), with totals. */
  @GetMapping("/messages")
  ResponseEntity<ObjectNode> messages(@RequestParam(defaultValue = "" + DEFAULT_LIMIT) int limit) {
    if (limit < 1) {
      return error(400, "limit must be at least 1");
    }
    return ResponseEntity.ok(inbox.list(limit));
  }

  @DeleteMapping("/messages")
  ObjectNode clearMessages() {
    return F.objectNode().put("cleared", inbox.clear());
  }

  /** {@code {"status": 500, "count": 2}}: the next 2 correctly signed messages are answered 500 and not recorded. */
  @PostMapping("/faults")
  ResponseEntity<ObjectNode> fault(@RequestBody JsonNode body) {
    int status = body.path("status").asInt(0);
    int count = body.path("count").asInt(1);
    if (status < 400 || status > 599 || count < 1) {
      return error(400, "{\"status\": 400..599, \"count\": >= 1} is required");
    }
    inbox.failNext(status, count);
    return ResponseEntity.ok(F.objectNode().put("status", status).put("count", count));
  }

  /** Mails received by the sandbox SMTP server, newest first: recipients, subject, Message-ID, first text lines. */
  @GetMapping("/mails")
  ResponseEntity<ObjectNode> mails(@RequestParam(defaultValue = "" + DEFAULT_LIMIT) int limit)
      throws MessagingException, IOException {
    if (limit < 1) {
      return error(400, "limit must be at least 1");
    }
    List<MimeMessage> received = mail.received();
    ObjectNode answer = F.objectNode().put("smtp", mail.host() + ":" + mail.port()).put("received", received.size());
    ArrayNode list = answer.putArray("mails");
    for (int i = received.size() - 1; i >= 0 && list.size() < limit; i--) {
      MimeMessage m = received.get(i);
      ObjectNode entry = list.addObject();
      ArrayNode to = entry.putArray("to");
      Address[] recipients = m.getAllRecipients();
      Arrays.stream(recipients == null ? new Address[0] : recipients).forEach(a -> to.add(a.toString()));
      entry.put("from", m.getFrom() == null || m.getFrom().length == 0 ? null : m.getFrom()[0].toString());
      entry.put("subject", m.getSubject());
      entry.put("messageId", m.getMessageID());
      String text = SandboxMailServer.plainText(m);
      ArrayNode lines = entry.putArray("firstLines");
      if (text != null) {
        text.lines().filter(l -> !l.isBlank()).limit(FIRST_LINES).forEach(l -> lines.add(l.strip()));
      }
    }
    return ResponseEntity.ok(answer);
  }

  @DeleteMapping("/mails")
  ObjectNode clearMails() {
    int cleared = mail.received().size();
    mail.clear();
    return F.objectNode().put("cleared", cleared);
  }

  private static ResponseEntity<ObjectNode> error(int status, String message) {
    return ResponseEntity.status(status).body(F.objectNode().put("error", message));
  }
}
