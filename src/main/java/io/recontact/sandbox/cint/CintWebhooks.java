package io.recontact.sandbox.cint;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.recontact.cint.CintSignature;
import io.recontact.sandbox.SandboxProperties;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.InitializingBean;
import org.springframework.stereotype.Component;

/**
 * Sends the simulator's webhooks as Cint does: once a second the live target groups are played up to now, and each
 * {@code target-group-updated} (a status change) and {@code quota-fill-registered} (new completes) is POSTed to the
 * {@code webhookUrl} setting as Cint's WebhookEvent, signed with {@code Cint-Signature}. Nothing is sent while the
 * URL is blank (the default outside the sandbox run); a failed delivery is logged and dropped.
 */
@Component
class CintWebhooks implements InitializingBean, DisposableBean {

  private static final Logger LOG = LoggerFactory.getLogger(CintWebhooks.class);

  private final CintMarketplace market;
  private final SandboxProperties.Cint config;
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
  private ScheduledExecutorService ticker;

  CintWebhooks(CintMarketplace market, SandboxProperties properties) {
    this.market = market;
    this.config = properties.cint();
  }

  @Override
  public void afterPropertiesSet() {
    ticker = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread thread = new Thread(r, "cint-simulator-webhooks");
      thread.setDaemon(true);
      return thread;
    });
    ticker.scheduleWithFixedDelay(this::tick, 1, 1, TimeUnit.SECONDS);
  }

  @Override
  public void destroy() {
    ticker.shutdownNow();
  }

  void tick() {
    try {
      String url = market.settings().webhookUrl;
      if (url == null || url.isBlank()) {
        return;
      }
      for (CintMarketplace.WebhookEvent event : market.takeWebhookEvents()) {
        send(url, event);
      }
    } catch (RuntimeException e) {
      LOG.warn("Cint simulator webhooks: {}", e.toString());
    }
  }

  void send(String url, CintMarketplace.WebhookEvent event) {
    ObjectNode body = JsonNodeFactory.instance.objectNode();
    body.put("id", Ulid.next());
    body.put("type", event.type());
    ObjectNode payload = body.putObject("payload");
    payload.put("account_id", event.account());
    payload.put("id", UUID.randomUUID().toString());
    payload.put("occurred_at", CintJson.time(Instant.now()));
    payload.put("project_id", event.project());
    payload.put("target_group_id", event.targetGroupId());
    body.put("status", "delivering");
    body.put("created_at", CintJson.time(Instant.now()));
    String text = body.toString();
    String signature = CintSignature.header(config.webhookSecret(), Instant.now().getEpochSecond(), text);
    try {
      HttpResponse<Void> answer = http.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(5))
          .header("Content-Type", "application/json").header("Cint-Signature", signature)
          .POST(HttpRequest.BodyPublishers.ofString(text)).build(), HttpResponse.BodyHandlers.discarding());
      LOG.debug("Cint simulator webhook {} for {}: HTTP {}", event.type(), event.targetGroupId(),
          answer.statusCode());
    } catch (java.io.IOException e) {
      LOG.info("Cint simulator webhook {} to {} failed: {}", event.type(), url, e.toString());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
