package io.recontact.toluna.delivery;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/**
 * POSTs each invite as JSON to the configured URL, signed ({@link WebhookSignature}) and with
 * {@code Idempotency-Key: <inviteId>}, so a receiver can drop the resend of an invite it already has. Any 2xx is
 * delivered; another status, a timeout or a connection error is worth another attempt ({@link SignedWebhook}).
 */
@Component
public class WebhookChannel implements InviteChannel {

  public static final String IDEMPOTENCY_KEY = SignedWebhook.IDEMPOTENCY_KEY;

  private final DeliveryProperties.Webhook config;
  private final ObjectProvider<BuiltInReceiver> builtIn;
  private final ObjectMapper mapper = new ObjectMapper();
  private final SignedWebhook webhook;

  public WebhookChannel(DeliveryProperties properties, ObjectProvider<BuiltInReceiver> builtIn) {
    this.config = properties.webhook();
    this.builtIn = builtIn;
    this.webhook = new SignedWebhook("webhook-client", config.timeout());
  }

  @Override
  public DeliveryProperties.Channel kind() {
    return DeliveryProperties.Channel.WEBHOOK;
  }

  @Override
  public void deliver(InviteMessage message) throws DeliveryException {
    webhook.post(target(), config.secret(), "RECONTACT_TOLUNA_DELIVERY_WEBHOOK_SECRET", message.inviteId(),
        body(message));
  }

  /** The exact bytes that are signed and sent. */
  byte[] body(InviteMessage m) {
    ObjectNode json = mapper.createObjectNode();
    json.put("inviteId", m.inviteId());
    json.put("memberCode", m.memberCode());
    json.put("surveyId", m.surveyId());
    json.put("waveId", m.waveId());
    json.put("quotaId", m.quotaId());
    json.put("url", m.url());
    json.put("loi", m.loi());
    json.put("ir", m.ir());
    json.put("amount", m.partnerAmount());
    json.put("memberAmount", m.memberAmount());
    try {
      return mapper.writeValueAsBytes(json);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("an invite could not be written as JSON", e);
    }
  }

  private URI target() throws DeliveryException {
    if (config.url() != null && !config.url().isBlank()) {
      return URI.create(config.url().strip());
    }
    BuiltInReceiver receiver = builtIn.getIfAvailable();
    if (receiver == null) {
      throw DeliveryException.retryLater("no webhook URL: set RECONTACT_TOLUNA_DELIVERY_WEBHOOK_URL", null);
    }
    return receiver.webhookUrl();
  }
}
