package io.recontact.toluna.recontactquota;

import static java.nio.charset.StandardCharsets.UTF_8;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.recontact.toluna.client.MemberCodePager;
import io.recontact.toluna.client.TolunaClient;
import io.recontact.toluna.client.TolunaMessages.Invite;
import io.recontact.toluna.client.TolunaMessages.MemberCodesPage;
import io.recontact.toluna.delivery.WebhookChannel;
import io.recontact.toluna.delivery.WebhookSignature;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.IntConsumer;

/**
 * The baseline of {@link TolunaQuotaBenchmark}: the HTTP calls the quota flow makes, and nothing else. Pages the
 * member codes with the project's TolunaClient, calls GenerateInvite for every code on a plain pool of
 * {@code inviteConcurrency} threads, then POSTs every invite (same JSON fields, signed, with an idempotency key) to
 * the webhook receiver on {@code deliveryConcurrency} threads. No database, no engine.
 */
final class BareInviteLoop {

  /** Milliseconds per phase and calls made. */
  record Result(long pageMillis, long generateMillis, long postMillis, int pages, int codes, int invites,
      int posted) {
    long totalMillis() {
      return pageMillis + generateMillis + postMillis;
    }
  }

  private final TolunaClient toluna;
  private final URI receiver;
  private final String secret;
  private final ObjectMapper mapper = new ObjectMapper();
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5))
      .version(HttpClient.Version.HTTP_1_1).build();

  BareInviteLoop(TolunaClient toluna, URI receiver, String secret) {
    this.toluna = toluna;
    this.receiver = receiver;
    this.secret = secret;
  }

  Result run(String panel, long quota, int pageSize, int inviteConcurrency, int deliveryConcurrency)
      throws Exception {
    long start = System.nanoTime();
    List<String> codes = new ArrayList<>();
    String cursor = null;
    int pages = 0;
    do {
      MemberCodesPage page = toluna.getRecontactMemberCodes(panel, quota, pageSize, cursor);
      pages++;
      codes.addAll(MemberCodePager.codes(page));
      cursor = MemberCodePager.next(cursor, page);
    } while (cursor != null);
    long paged = System.nanoTime();

    Invite[] invites = new Invite[codes.size()];
    parallel(codes.size(), inviteConcurrency, i -> invites[i] = toluna.generateInvite(panel, codes.get(i), quota));
    long generated = System.nanoTime();

    parallel(invites.length, deliveryConcurrency, i -> post(codes.get(i), quota, invites[i]));
    long posted = System.nanoTime();
    return new Result(millis(paged - start), millis(generated - paged), millis(posted - generated), pages,
        codes.size(), invites.length, invites.length);
  }

  private void post(String code, long quota, Invite invite) {
    ObjectNode json = mapper.createObjectNode();
    String id = UUID.randomUUID().toString();
    json.put("inviteId", id);
    json.put("memberCode", code);
    json.put("surveyId", invite.surveyId());
    json.put("waveId", invite.waveId());
    json.put("quotaId", quota);
    json.put("url", invite.url());
    json.put("loi", invite.loi());
    json.put("ir", invite.ir());
    json.put("amount", invite.partnerAmount());
    json.put("memberAmount", invite.memberAmount());
    byte[] body = json.toString().getBytes(UTF_8);
    HttpRequest request = HttpRequest.newBuilder(receiver).timeout(Duration.ofSeconds(5))
        .header("Content-Type", "application/json").header(WebhookChannel.IDEMPOTENCY_KEY, id)
        .header(WebhookSignature.HEADER, WebhookSignature.sign(secret, body))
        .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build();
    try {
      HttpResponse<byte[]> response = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
      if (response.statusCode() != 200) {
        throw new IllegalStateException("receiver answered " + response.statusCode() + " for " + code);
      }
    } catch (java.io.IOException e) {
      throw new IllegalStateException("POST for " + code + " failed", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** Runs {@code task} for 0..n-1 on {@code threads} threads; the first failure is rethrown. */
  private static void parallel(int n, int threads, IntConsumer task) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      List<Future<?>> all = new ArrayList<>(n);
      for (int i = 0; i < n; i++) {
        int index = i;
        all.add(pool.submit(() -> task.accept(index)));
      }
      for (Future<?> f : all) {
        f.get();
      }
    } finally {
      pool.shutdownNow();
      pool.awaitTermination(10, TimeUnit.SECONDS);
    }
  }

  private static long millis(long nanos) {
    return nanos / 1_000_000;
  }
}
