package io.recontact.cint.recontact;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.BooleanSupplier;
import org.camunda.bpm.engine.OptimisticLockingException;
import org.camunda.bpm.engine.ProcessEngine;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.core.io.ByteArrayResource;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;

/**
 * The issue "the same start twice makes two recontacts": the same file and request POSTed twice to
 * /api/cint/recontacts gave two 201s, two instances and two target groups. A repeat with the same Idempotency-Key now
 * answers the first start; without a key, a recontact of the same respondents that still runs for the project answers
 * 409 unless the request allows a duplicate. The application end to end, Cint simulator over HTTP.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
class RecontactRepeatIntegrationTest {

  static final String URL = "https://survey.example.com/?rsid=[%RECONTACT_RSID%]";

  @Autowired TestRestTemplate http;
  @Autowired ProcessEngine engine;
  final List<String> started = new java.util.concurrent.CopyOnWriteArrayList<>();

  @BeforeEach
  void resetMarketplace() {
    http.postForEntity("/sandbox/cint/admin/reset", null, String.class);
  }

  /** Instances left waiting at a review would confuse the tests that look for "the" review task. */
  @AfterEach
  void deleteWhatStillRuns() throws InterruptedException {
    for (String id : started) {
      for (int attempt = 1; engine.getRuntimeService().createProcessInstanceQuery().processInstanceId(id).count() > 0;
          attempt++) {
        try {
          engine.getRuntimeService().deleteProcessInstance(id, "RecontactRepeatIntegrationTest done");
        } catch (OptimisticLockingException busy) {
          // One of its jobs ran meanwhile: once more.
          assertThat(attempt).as("deleting " + id).isLessThan(20);
          Thread.sleep(200);
        }
      }
    }
  }

  static String ids(int count) {
    StringBuilder file = new StringBuilder();
    for (int i = 0; i < count; i++) {
      file.append(UUID.randomUUID()).append('\n');
    }
    return file.toString();
  }

  /** A file hygiene changes (an invalid line): its instance waits at "Review respondent file", i.e. keeps running. */
  static String reviewed(String ids) {
    return ids + "not-an-id\n";
  }

  static String request() {
    return CintRecontactIntegrationTest.request(2, false, URL);
  }

  ResponseEntity<JsonNode> post(String request, String file, String idempotencyKey) {
    MultiValueMap<String, Object> parts = new LinkedMultiValueMap<>();
    HttpHeaders json = new HttpHeaders();
    json.setContentType(MediaType.APPLICATION_JSON);
    parts.add("request", new HttpEntity<>(request, json));
    parts.add("file", new ByteArrayResource(file.getBytes(UTF_8)) {
      @Override
      public String getFilename() {
        return "wave2.csv";
      }
    });
    HttpHeaders headers = new HttpHeaders();
    headers.setContentType(MediaType.MULTIPART_FORM_DATA);
    if (idempotencyKey != null) {
      headers.add("Idempotency-Key", idempotencyKey);
    }
    ResponseEntity<JsonNode> answer = http.withBasicAuth("demo", "demo").postForEntity("/api/cint/recontacts",
        new HttpEntity<>(parts, headers), JsonNode.class);
    if (answer.getStatusCode().is2xxSuccessful()) {
      started.add(answer.getBody().path("processInstanceId").asText());
    }
    return answer;
  }

  long recontacts() {
    return engine.getHistoryService().createHistoricProcessInstanceQuery().processDefinitionKey("cintRecontact")
        .count();
  }

  int targetGroups() {
    return http.getForObject("/sandbox/cint/admin/state", JsonNode.class).get("targetGroups").size();
  }

  String endOf(String instanceId) {
    await(() -> engine.getHistoryService().createHistoricProcessInstanceQuery().processInstanceId(instanceId)
        .finished().count() == 1, "the end of " + instanceId);
    return engine.getHistoryService().createHistoricProcessInstanceQuery().processInstanceId(instanceId)
        .singleResult().getEndActivityId();
  }

  @Test
  void theSameStartTwiceWithOneKeyStartsOnceAndAnswersTheFirstAgain() {
    String key = UUID.randomUUID().toString();
    String request = request();
    String file = ids(2);
    long before = recontacts();

    ResponseEntity<JsonNode> first = post(request, file, key);
    ResponseEntity<JsonNode> repeat = post(request, file, key);

    assertThat(first.getStatusCode().value()).as(String.valueOf(first.getBody())).isEqualTo(201);
    assertThat(repeat.getStatusCode().value()).as(String.valueOf(repeat.getBody())).isEqualTo(200);
    assertThat(repeat.getBody()).as("the first answer, again").isEqualTo(first.getBody());
    assertThat(repeat.getHeaders().getFirst("Idempotent-Replayed")).isEqualTo("true");
    String instance = first.getBody().path("processInstanceId").asText();
    assertThat(first.getBody().path("status").asText()).isEqualTo("/api/cint/recontacts/" + instance);
    assertThat(recontacts()).as("one instance").isEqualTo(before + 1);
    assertThat(endOf(instance)).isEqualTo("TargetGroupReady");
    assertThat(targetGroups()).as("one target group at Cint").isEqualTo(1);

    // Once it has ended, the same request without a key is a new recontact (nothing of the same file runs).
    ResponseEntity<JsonNode> later = post(request, file, null);
    assertThat(later.getStatusCode().value()).as(String.valueOf(later.getBody())).isEqualTo(201);
    assertThat(later.getBody().path("processInstanceId").asText()).isNotEqualTo(instance);
    assertThat(endOf(later.getBody().path("processInstanceId").asText())).isEqualTo("TargetGroupReady");
    assertThat(targetGroups()).isEqualTo(2);
  }

  @Test
  void theSameKeyWithAnotherBodyIs422AndStartsNothing() {
    String key = UUID.randomUUID().toString();
    String request = request();
    String file = reviewed(ids(3));
    assertThat(post(request, file, key).getStatusCode().value()).isEqualTo(201);
    long before = recontacts();

    ResponseEntity<JsonNode> otherFile = post(request, reviewed(ids(3)), key);
    ResponseEntity<JsonNode> otherRequest = post(request.replace("Wave 2 recontact", "Wave 3 recontact"), file, key);

    for (ResponseEntity<JsonNode> answer : List.of(otherFile, otherRequest)) {
      assertThat(answer.getStatusCode().value()).as(String.valueOf(answer.getBody())).isEqualTo(422);
      assertThat(answer.getBody().path("message").asText()).contains("Idempotency-Key '" + key + "' was used")
          .contains("for a different request");
    }
    assertThat(recontacts()).isEqualTo(before);
    // The same JSON formatted differently is the same request: the first answer.
    ResponseEntity<JsonNode> reformatted = post(request.replace("\n", " ").replace(": ", ":"), file, key);
    assertThat(reformatted.getStatusCode().value()).as(String.valueOf(reformatted.getBody())).isEqualTo(200);
  }

  @Test
  void theSameRespondentsWhileTheFirstRunsAre409NamingItUnlessAllowed() {
    String ids = ids(3);
    ResponseEntity<JsonNode> first = post(request(), reviewed(ids), null);
    assertThat(first.getStatusCode().value()).as(String.valueOf(first.getBody())).isEqualTo(201);
    String instance = first.getBody().path("processInstanceId").asText();
    long before = recontacts();

    // The same respondents in another file: header row, upper case, Windows line ends, another order, no bad line.
    List<String> lines = new ArrayList<>(ids.lines().toList());
    java.util.Collections.reverse(lines);
    String rewritten = "respondent_id\r\n" + String.join("\r\n", lines).toUpperCase(Locale.ROOT) + "\r\n";
    ResponseEntity<JsonNode> again = post(request(), rewritten, null);

    assertThat(again.getStatusCode().value()).as(String.valueOf(again.getBody())).isEqualTo(409);
    JsonNode running = again.getBody().path("running");
    assertThat(running.path("processInstanceId").asText()).isEqualTo(instance);
    assertThat(running.path("businessKey").asText()).isEqualTo(first.getBody().path("businessKey").asText());
    assertThat(running.path("status").asText()).isEqualTo("/api/cint/recontacts/" + instance);
    assertThat(again.getBody().path("message").asText()).contains("already runs for account 101 and project "
        + CintRecontactIntegrationTest.PROJECT).contains("\"allowDuplicate\": true");
    assertThat(recontacts()).as("nothing started").isEqualTo(before);

    // Another project, or a file with one respondent more, is no duplicate.
    assertThat(post(request().replace(CintRecontactIntegrationTest.PROJECT, "01JX2X0N5RTR012AYDTA83QWP2"),
        reviewed(ids), null).getStatusCode().value()).isEqualTo(201);
    assertThat(post(request(), reviewed(ids + UUID.randomUUID() + "\n"), null).getStatusCode().value())
        .isEqualTo(201);

    ResponseEntity<JsonNode> allowed = post(request().replaceFirst("\\{", "{\"allowDuplicate\": true, "),
        reviewed(ids), null);
    assertThat(allowed.getStatusCode().value()).as(String.valueOf(allowed.getBody())).isEqualTo(201);
    assertThat(engine.getRuntimeService().getVariable(allowed.getBody().path("processInstanceId").asText(),
        "request").toString()).contains("\"allowDuplicate\":true");
  }

  @Test
  void twoConcurrentRepeatsWithOneKeyStartOnce() throws Exception {
    String key = UUID.randomUUID().toString();
    String request = request();
    String file = ids(2);
    long before = recontacts();

    List<ResponseEntity<JsonNode>> answers = atOnce(() -> post(request, file, key), () -> post(request, file, key));

    assertThat(answers).extracting(a -> a.getStatusCode().value()).containsExactlyInAnyOrder(201, 200);
    assertThat(answers.get(0).getBody().path("processInstanceId").asText())
        .isEqualTo(answers.get(1).getBody().path("processInstanceId").asText());
    assertThat(recontacts()).as("exactly one instance").isEqualTo(before + 1);
    assertThat(endOf(answers.get(0).getBody().path("processInstanceId").asText())).isEqualTo("TargetGroupReady");
    assertThat(targetGroups()).isEqualTo(1);
  }

  /** A double click without a key: the second start waits for the first's transaction, then sees it run. */
  @Test
  void twoConcurrentStartsOfOneFileWithoutAKeyStartOnce() throws Exception {
    String request = request();
    String file = reviewed(ids(3));
    long before = recontacts();

    List<ResponseEntity<JsonNode>> answers = atOnce(() -> post(request, file, null), () -> post(request, file, null));

    assertThat(answers).extracting(a -> a.getStatusCode().value()).containsExactlyInAnyOrder(201, 409);
    assertThat(recontacts()).isEqualTo(before + 1);
  }

  @SafeVarargs
  static <T> List<T> atOnce(Callable<T>... calls) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(calls.length);
    try {
      CountDownLatch ready = new CountDownLatch(calls.length);
      CountDownLatch go = new CountDownLatch(1);
      List<Future<T>> futures = new ArrayList<>();
      for (Callable<T> call : calls) {
        futures.add(pool.submit(() -> {
          ready.countDown();
          go.await();
          return call.call();
        }));
      }
      ready.await();
      go.countDown();
      List<T> results = new ArrayList<>();
      for (Future<T> future : futures) {
        results.add(future.get(Duration.ofSeconds(90).toSeconds(), java.util.concurrent.TimeUnit.SECONDS));
      }
      return results;
    } finally {
      pool.shutdownNow();
    }
  }

  void await(BooleanSupplier condition, String what) {
    long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("Timed out waiting for " + what);
      }
      try {
        Thread.sleep(100);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError(e);
      }
    }
  }
}
