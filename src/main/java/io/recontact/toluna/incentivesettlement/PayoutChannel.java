package io.recontact.toluna.incentivesettlement;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.recontact.toluna.delivery.BuiltInReceiver;
import io.recontact.toluna.delivery.DeliveryException;
import io.recontact.toluna.delivery.SignedWebhook;
import java.net.URI;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/**
 * POSTs a payout to the panel's rewards system through the outboxes' {@link SignedWebhook}: signed JSON,
 * {@code Idempotency-Key: <ledger entry id>}. A CLAWBACK goes the same way with {@code "kind": "CLAWBACK"}: the
 * receiver debits the member.
 */
@Component
class PayoutChannel {

  static final String SECRET_SETTING = "RECONTACT_TOLUNA_INCENTIVES_PAYOUT_SECRET";

  private final SettlementProperties.Payout config;
  private final ObjectProvider<BuiltInReceiver> builtIn;
  private final ObjectMapper mapper = new ObjectMapper();
  private final SignedWebhook webhook;

  PayoutChannel(SettlementProperties properties, ObjectProvider<BuiltInReceiver> builtIn) {
    this.config = properties.payout();
    this.builtIn = builtIn;
    this.webhook = new SignedWebhook("payout-client", config.timeout());
  }

  void send(Payout payout) throws DeliveryException {
    webhook.post(target(), config.secret(), SECRET_SETTING, Long.toString(payout.entryId()), body(payout));
  }

  /** The exact bytes that are signed and sent. */
  byte[] body(Payout p) {
    ObjectNode json = mapper.createObjectNode();
    json.put("entryId", p.entryId());
    json.put("kind", p.kind());
    json.put("memberCode", p.memberCode());
    json.put("amountCents", p.amountCents());
    json.put("source", p.source());
    json.put("panelGuid", p.panelGuid());
    json.put("surveyId", p.surveyId());
    json.put("inviteId", p.inviteId());
    if (p.reversesEntryId() != null) {
      json.put("reversesEntryId", p.reversesEntryId());
    }
    json.put("settlementId", p.settlementId());
    json.put("settledAt", p.settledAt() == null ? null : p.settledAt().toInstant().toString());
    try {
      return mapper.writeValueAsBytes(json);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a payout could not be written as JSON", e);
    }
  }

  private URI target() throws DeliveryException {
    if (config.url() != null && !config.url().isBlank()) {
      return URI.create(config.url().strip());
    }
    BuiltInReceiver receiver = builtIn.getIfAvailable();
    if (receiver == null) {
      throw DeliveryException.retryLater("no payout URL: set RECONTACT_TOLUNA_INCENTIVES_PAYOUT_URL", null);
    }
    return receiver.payoutUrl();
  }
}
