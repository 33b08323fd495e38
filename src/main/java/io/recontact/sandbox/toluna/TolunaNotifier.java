package io.recontact.sandbox.toluna;

import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.annotation.PreDestroy;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.springframework.stereotype.Component;

/**
 * Sends quota status notifications (toluna-api §4.1) on one background thread: at-least-once, retried on non-2xx, timeout
 * or connection failure up to the configured number of retries with a linear backoff. At most {@link #MAX_PENDING}
 * deliveries are queued and the last {@link #MAX_LOG} are kept for the admin state.
 */
@Component
class TolunaNotifier {

  static final int MAX_PENDING = 1000;
  static final int MAX_LOG = 500;

  /** One notification and its delivery record. */
  static final class Delivery {
    final long id;
    final String url;
    final ObjectNode body;
    final int maxAttempts;
    final Duration backoff;
    final Duration timeout;
    final Instant createdAt = Instant.now();
    Map<String, String> headers = Map.of();
    final List<Integer> statuses = new ArrayList<>(); // -1 = no HTTP answer
    volatile String state = "PENDING";

    Delivery(long id, String url, ObjectNode body, int maxAttempts, Duration backoff, Duration timeout) {
      this.id = id;
      this.url = url;
      this.body = body;
      this.maxAttempts = maxAttempts;
      this.backoff = backoff;
      this.timeout = timeout;
    }
  }

  private final ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor(r -> {
    Thread t = new Thread(r, "toluna-sim-notifier");
    t.setDaemon(true);
    return t;
  });
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
  private final AtomicLong ids = new AtomicLong();
  private final Deque<Delivery> log = new ArrayDeque<>();
  private int pending;

  /** Queues a notification; false when the queue is full (the delivery is then logged as DROPPED). */
  boolean send(String url, ObjectNode body, int retries, Duration backoff, Duration timeout) {
    return send(url, body, Map.of(), retries, backoff, timeout);
  }

  /** The same with headers of its own (the reconciliation's custom header). */
  boolean send(String url, ObjectNode body, Map<String, String> headers, int retries, Duration backoff,
      Duration timeout) {
    Delivery d = new Delivery(ids.incrementAndGet(), url, body, 1 + Math.max(0, retries), backoff, timeout);
    d.headers = Map.copyOf(headers);
    synchronized (this) {
      log.addLast(d);
      while (log.size() > MAX_LOG) {
        log.removeFirst();
      }
      if (pending >= MAX_PENDING) {
        d.state = "DROPPED";
        return false;
      }
      pending++;
    }
    executor.execute(() -> attempt(d));
    return true;
  }

  private void attempt(Delivery d) {
    int status;
    try {
      HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(d.url)).timeout(d.timeout)
          .header("Content-Type", "application/json; charset=utf-8")
          .POST(HttpRequest.BodyPublishers.ofString(d.body.toString()));
      d.headers.forEach(builder::header);
      HttpRequest request = builder.build();
      status = http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      status = -1;
    } catch (Exception e) {
      status = -1;
    }
    synchronized (this) {
      d.statuses.add(status);
      if (status >= 200 && status < 300) {
        d.state = "DELIVERED";
        pending--;
        return;
      }
      if (d.statuses.size() >= d.maxAttempts || executor.isShutdown()) {
        d.state = "FAILED";
        pending--;
        return;
      }
    }
    long delay = d.backoff.toMillis() * d.statuses.size();
    executor.schedule(() -> attempt(d), delay, TimeUnit.MILLISECONDS);
  }

  record Snapshot(long id, String url, String state, List<Integer> statuses, ObjectNode body) {}

  synchronized List<Snapshot> deliveries() {
    return log.stream().map(d -> new Snapshot(d.id, d.url, d.state, List.copyOf(d.statuses), d.body)).toList();
  }

  synchronized void clearLog() {
    log.removeIf(d -> !"PENDING".equals(d.state));
  }

  @PreDestroy
  void stop() {
    executor.shutdownNow();
  }
}
