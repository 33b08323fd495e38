package io.recontact.toluna.delivery;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * A partner endpoint on 127.0.0.1 (JDK HttpServer) that records every request and answers from a script: the next
 * queued statuses, then 200. {@code /slow} answers 200 after {@link #SLOW_MILLIS}; {@code /stalled-body} sends its
 * headers at once and the rest of its body after {@link #SLOW_MILLIS}.
 */
final class TestPartner implements AutoCloseable {

  static final long SLOW_MILLIS = 3_000;

  record Request(String path, String idempotencyKey, String signature, String contentType, byte[] body) {
    String text() {
      return new String(body, StandardCharsets.UTF_8);
    }
  }

  private final HttpServer server;
  private final ExecutorService threads = Executors.newCachedThreadPool();
  private final Deque<Integer> statuses = new ArrayDeque<>();
  final List<Request> requests = new CopyOnWriteArrayList<>();

  TestPartner() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.setExecutor(threads);
    server.createContext("/", exchange -> {
      byte[] body = exchange.getRequestBody().readAllBytes();
      requests.add(new Request(exchange.getRequestURI().getPath(),
          exchange.getRequestHeaders().getFirst("Idempotency-Key"),
          exchange.getRequestHeaders().getFirst("X-Recontact-Signature"),
          exchange.getRequestHeaders().getFirst("Content-Type"), body));
      if (exchange.getRequestURI().getPath().equals("/slow")) {
        try {
          Thread.sleep(SLOW_MILLIS);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      }
      if (exchange.getRequestURI().getPath().equals("/stalled-body")) {
        exchange.sendResponseHeaders(200, 11);
        exchange.getResponseBody().write("{\"ok\"".getBytes(StandardCharsets.UTF_8));
        exchange.getResponseBody().flush();
        try {
          Thread.sleep(SLOW_MILLIS);
          exchange.getResponseBody().write(":true}".getBytes(StandardCharsets.UTF_8));
        } catch (InterruptedException | IOException e) {
          // The client gave up: nothing more to send.
        }
        exchange.close();
        return;
      }
      int status;
      synchronized (statuses) {
        status = statuses.isEmpty() ? 200 : statuses.removeFirst();
      }
      byte[] answer = (status == 200 ? "{\"ok\":true}" : "{\"error\":\"partner is down\",\n\"status\":" + status + "}")
          .getBytes(StandardCharsets.UTF_8);
      exchange.getResponseHeaders().add("Content-Type", "application/json");
      exchange.sendResponseHeaders(status, answer.length);
      exchange.getResponseBody().write(answer);
      exchange.close();
    });
    server.start();
  }

  /** The next requests are answered with these statuses, in order. */
  TestPartner answer(Integer... next) {
    synchronized (statuses) {
      statuses.addAll(List.of(next));
    }
    return this;
  }

  String url(String path) {
    return "http://127.0.0.1:" + server.getAddress().getPort() + path;
  }

  @Override
  public void close() {
    server.stop(0);
    threads.shutdownNow();
  }
}
