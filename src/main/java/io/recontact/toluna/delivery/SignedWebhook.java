package io.recontact.toluna.delivery;

import io.recontact.engine.DaemonThreads;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.Executors;

/**
 * One signed JSON POST with an {@code Idempotency-Key}, as the outboxes send them (invites: {@link WebhookChannel};
 * incentive payouts: io.recontact.toluna.incentivesettlement): {@link WebhookSignature} over the exact bytes, any 2xx
 * is accepted, another status, a timeout or a connection error becomes a retryable {@link DeliveryException} whose
 * message is kept in the outbox row. The secret is only ever used to sign, never logged or echoed.
 */
public final class SignedWebhook {

  public static final String IDEMPOTENCY_KEY = "Idempotency-Key";
  /** Characters of an error answer kept in the row's last_error. */
  static final int EXCERPT = 200;

  private final Duration timeout;
  private final HttpClient http;

  /** {@code name}: the client's thread names. */
  public SignedWebhook(String name, Duration timeout) {
    this.timeout = timeout;
    this.http = HttpClient.newBuilder()
        // A fixed pool for the client's own work: its default pool starts a thread for many exchanges.
        .executor(Executors.newFixedThreadPool(4, DaemonThreads.named(name)))
        .connectTimeout(timeout)
        .followRedirects(HttpClient.Redirect.NEVER)
        .version(HttpClient.Version.HTTP_1_1)
        .build();
  }

  /** POSTs {@code body}; {@code secretHint} names the setting when the secret is missing. */
  public void post(URI target, String secret, String secretHint, String idempotencyKey, byte[] body)
      throws DeliveryException {
    if (secret == null || secret.isEmpty()) {
      throw DeliveryException.retryLater("no webhook secret: set " + secretHint, null);
    }
    HttpRequest request = HttpRequest.newBuilder(target)
        .timeout(timeout)
        .header("Content-Type", "application/json")
        .header(IDEMPOTENCY_KEY, idempotencyKey)
        .header(WebhookSignature.HEADER, WebhookSignature.sign(secret, body))
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

  /**
   * Sends on the calling thread ({@code sendAsync} hands every answer to CompletableFuture's default pool, which on a
   * machine of 2 cores starts a new thread per call). The request timeout ends at the response headers; the deadline
   * interrupts the call if the body does not follow in time.
   */
  private HttpResponse<byte[]> exchange(HttpRequest request) throws DeliveryException {
    try (Deadline deadline = Deadline.in(timeout)) {
      try {
        return http.send(request, HttpResponse.BodyHandlers.ofByteArray());
      } catch (InterruptedException e) {
        if (deadline.passed()) {
          throw DeliveryException.retryLater("no answer within " + timeout.toMillis() + " ms", e);
        }
        Thread.currentThread().interrupt();
        throw DeliveryException.retryLater("interrupted while sending", e);
      } catch (HttpTimeoutException e) {
        throw DeliveryException.retryLater("no answer within " + timeout.toMillis() + " ms", e);
      } catch (ConnectException e) {
        throw DeliveryException.retryLater("connection to " + request.uri().getHost() + ":" + request.uri().getPort()
            + " failed" + (e.getMessage() == null ? "" : ": " + e.getMessage()), e);
      } catch (IOException e) {
        throw DeliveryException.retryLater("sending failed: " + e, e);
      }
    }
  }
}
