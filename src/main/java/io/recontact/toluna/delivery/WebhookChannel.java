package io.recontact.toluna.delivery;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/**
 * POSTs each invite as JSON to the configured URL, signed ({@link WebhookSignature}) and with
 * {@code Idempotency-Key: <inviteId>}, so a receiver can drop the resend of an invite it already has. Any 2xx is
 * delivered; another status, a timeout or a connection error is worth another attempt.
 */
@Component
public class WebhookChannel implements InviteChannel {

  public static final String IDEMPOTENCY_KEY = "Idempotency-Key";
  /** Characters of an error answer kept in the row's last_error. */
  static final int EXCERPT = 200;

  private final DeliveryProperties.Webhook config;
  private final ObjectProvider<BuiltInReceiver> builtIn;
  private final ObjectMapper mapper = new ObjectMapper();
  private final HttpClient http;

  public WebhookChannel(DeliveryProperties properties, ObjectProvider<BuiltInReceiver> builtIn) {
    this.config = properties.webhook();
    this.builtIn = builtIn;
    this.http = HttpClient.newBuilder()
        // A fixed pool for the client's own work: its default pool starts a thread for many exchanges.
        .executor(Executors.newFixedThreadPool(4, r -> {
          Thread thread = new Thread(r, "webhook-client");
          thread.setDaemon(true);
          return thread;
        }))
        .connectTimeout(config.timeout())
        .followRedirects(HttpClient.Redirect.NEVER)
        .version(HttpClient.Version.HTTP_1_1)
        .build();
  }

  @Override
  public DeliveryProperties.Channel kind() {
    return DeliveryProperties.Channel.WEBHOOK;
  }

  @Override
  public void deliver(InviteMessage message) throws DeliveryException {
    URI target = target();
    if (config.secret() == null || config.secret().isEmpty()) {
      throw DeliveryException.retryLater("no webhook secret: set RECONTACT_TOLUNA_DELIVERY_WEBHOOK_SECRET", null);
    }
    byte[] body = body(message);
    HttpRequest request = HttpRequest.newBuilder(target)
        .timeout(config.timeout())
        .header("Content-Type", "application/json")
        .header(IDEMPOTENCY_KEY, message.inviteId())
        .header(WebhookSignature.HEADER, WebhookSignature.sign(config.secret(), body))
        .POST(HttpRequest.BodyPublishers.ofByteArray(body))
        .build();
    HttpResponse<byte[]> response = exchange(request);
    int status = response.statusCode();
    if (status < 200 || status > 299) {
      String text = new String(response.body(), StandardCharsets.UTF_8).strip().replaceAll("\\s+", " ");
      throw DeliveryException.retryLater("HTTP " + status + (text.isEmpty() ? "" : ": "
          + (text.length() > EXCERPT ? text.substring(0, EXCERPT) + "..." : text)), null);
    }
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

  /** The request timeout ends at the response headers; the deadline here also bounds reading the body. */
  private HttpResponse<byte[]> exchange(HttpRequest request) throws DeliveryException {
    CompletableFuture<HttpResponse<byte[]>> call = http.sendAsync(request, HttpResponse.BodyHandlers.ofByteArray());
    try {
      return call.get(config.timeout().toMillis(), TimeUnit.MILLISECONDS);
    } catch (TimeoutException e) {
      call.cancel(true);
      throw DeliveryException.retryLater("no answer within " + config.timeout().toMillis() + " ms", e);
    } catch (InterruptedException e) {
      call.cancel(true);
      Thread.currentThread().interrupt();
      throw DeliveryException.retryLater("interrupted while sending", e);
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      if (cause instanceof HttpTimeoutException) {
        throw DeliveryException.retryLater("no answer within " + config.timeout().toMillis() + " ms", cause);
      }
      if (cause instanceof ConnectException) {
        throw DeliveryException.retryLater("connection to " + request.uri().getHost() + ":" + request.uri().getPort()
            + " failed" + (cause.getMessage() == null ? "" : ": " + cause.getMessage()), cause);
      }
      throw DeliveryException.retryLater("sending failed: " + cause, cause);
    }
  }
}
