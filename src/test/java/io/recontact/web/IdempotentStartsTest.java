package io.recontact.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.recontact.storage.MigratedDatabases;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import javax.sql.DataSource;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.web.servlet.HandlerMapping;

/**
 * IdempotentStarts on its table, on H2 and on PostgreSQL: a repeat answers the first start, another request under the
 * key is 422, a refused or failed start keeps no key, a concurrent repeat waits for the first (past H2's 2 s lock
 * timeout) and never starts a second time, and a key is forgotten after its retention.
 */
class IdempotentStartsTest {

  static MigratedDatabases databases;
  final IdentityService identity = mock(IdentityService.class);
  final AtomicInteger starts = new AtomicInteger();
  JdbcTemplate jdbc;

  @BeforeAll
  static void start() throws Exception {
    databases = new MigratedDatabases();
  }

  @AfterAll
  static void stop() throws Exception {
    databases.close();
  }

  IdempotentStarts starts(String database, Duration retention) {
    DataSource db = databases.get(database);
    jdbc = new JdbcTemplate(db);
    return new IdempotentStarts(jdbc, new DataSourceTransactionManager(db), identity, new ObjectMapper(),
        new IdempotencyProperties(retention));
  }

  static MockHttpServletRequest post(String key) {
    MockHttpServletRequest request = new MockHttpServletRequest("POST", "/api/things/T-1/start");
    request.setServletPath("/api/things/T-1/start");
    request.setAttribute(HandlerMapping.BEST_MATCHING_PATTERN_ATTRIBUTE, "/api/things/{id}/start");
    if (key != null) {
      request.addHeader(IdempotentStarts.HEADER, key);
    }
    return request;
  }

  static RequestFingerprint body(String json) {
    return RequestFingerprint.of(post(null)).json("request", json);
  }

  /** A start that writes a row (rolled back unless it commits) and answers {@code status}. */
  Supplier<ResponseEntity<Map<String, Object>>> start(int status, long sleepMillis, CountDownLatch started) {
    return () -> {
      int n = starts.incrementAndGet();
      String instance = "p-" + UUID.randomUUID();
      jdbc.update("insert into named_lock (name) values (?)", instance);
      if (started != null) {
        started.countDown();
      }
      sleep(sleepMillis);
      Map<String, Object> body = new LinkedHashMap<>();
      body.put("processInstanceId", instance);
      body.put("businessKey", "bk-" + n);
      return ResponseEntity.status(status).body(body);
    };
  }

  Supplier<ResponseEntity<Map<String, Object>>> start(int status) {
    return start(status, 0, null);
  }

  boolean written(ResponseEntity<Map<String, Object>> answer) {
    return jdbc.queryForObject("select count(*) from named_lock where name = ?", Integer.class,
        answer.getBody().get("processInstanceId")) == 1;
  }

  Integer keyRows(String key) {
    return jdbc.queryForObject("select count(*) from idempotency_key where idempotency_key = ?", Integer.class, key);
  }

  @ParameterizedTest
  @ValueSource(strings = {"H2", "PostgreSQL"})
  void aRepeatAnswersTheFirstStartWith200AndStartsNothing(String database) {
    IdempotentStarts idempotency = starts(database, Duration.ofHours(24));
    String key = UUID.randomUUID().toString();

    ResponseEntity<Map<String, Object>> first = idempotency.start(post(key), body("{\"a\": 1, \"b\": [2]}"),
        start(201));
    ResponseEntity<Map<String, Object>> repeat = idempotency.start(post(key), body("{\"b\":[2],\"a\":1}"),
        start(201));

    assertThat(first.getStatusCode().value()).isEqualTo(201);
    assertThat(repeat.getStatusCode().value()).isEqualTo(200);
    assertThat(repeat.getBody()).isEqualTo(first.getBody());
    assertThat(repeat.getHeaders().getFirst(IdempotentStarts.REPLAYED)).isEqualTo("true");
    assertThat(starts).hasValue(1);
    assertThat(written(first)).isTrue();
    assertThat(jdbc.queryForMap("select endpoint, status, process_instance_id from idempotency_key "
        + "where idempotency_key = ?", key)).containsValues("POST /api/things/{id}/start", 201,
        first.getBody().get("processInstanceId"));
  }

  @ParameterizedTest
  @ValueSource(strings = {"H2", "PostgreSQL"})
  void anotherRequestOrCallerUnderTheKeyIs422(String database) {
    IdempotentStarts idempotency = starts(database, Duration.ofHours(24));
    String key = UUID.randomUUID().toString();
    when(identity.getCurrentAuthentication()).thenReturn(new Authentication("operator", List.of()));
    assertThat(idempotency.start(post(key), body("{\"a\":1}"), start(201)).getStatusCode().value()).isEqualTo(201);

    ResponseEntity<Map<String, Object>> otherBody = idempotency.start(post(key), body("{\"a\":2}"), start(201));
    when(identity.getCurrentAuthentication()).thenReturn(new Authentication("demo", List.of()));
    ResponseEntity<Map<String, Object>> otherCaller = idempotency.start(post(key), body("{\"a\":1}"), start(201));

    for (ResponseEntity<Map<String, Object>> answer : List.of(otherBody, otherCaller)) {
      assertThat(answer.getStatusCode().value()).isEqualTo(422);
      assertThat(answer.getBody().get("message").toString()).contains("Idempotency-Key '" + key + "' was used at")
          .contains("for a different request");
    }
    assertThat(starts).hasValue(1);
  }

  @ParameterizedTest
  @ValueSource(strings = {"H2", "PostgreSQL"})
  void aRefusedOrFailedStartKeepsNoKeyAndNothingOfItsWrites(String database) {
    IdempotentStarts idempotency = starts(database, Duration.ofHours(24));
    String key = UUID.randomUUID().toString();

    ResponseEntity<Map<String, Object>> refused = idempotency.start(post(key), body("{}"), start(400));
    assertThat(refused.getStatusCode().value()).isEqualTo(400);
    assertThat(written(refused)).as("rolled back").isFalse();
    assertThat(keyRows(key)).isZero();
    assertThatThrownBy(() -> idempotency.start(post(key), body("{}"), () -> {
      start(201).get();
      throw new IllegalStateException("the engine failed");
    })).hasMessage("the engine failed");
    assertThat(keyRows(key)).isZero();

    ResponseEntity<Map<String, Object>> fixed = idempotency.start(post(key), body("{}"), start(201));
    assertThat(fixed.getStatusCode().value()).isEqualTo(201);
    assertThat(written(fixed)).isTrue();
    assertThat(starts).hasValue(3);
  }

  @ParameterizedTest
  @ValueSource(strings = {"H2", "PostgreSQL"})
  void withoutAKeyOnlyA2xxCommits(String database) {
    IdempotentStarts idempotency = starts(database, Duration.ofHours(24));
    assertThat(written(idempotency.start(post(null), body("{}"), start(400)))).isFalse();
    assertThat(written(idempotency.start(post(null), body("{}"), start(201)))).isTrue();
    assertThat(idempotency.start(post(null), body("{}"), start(201)).getStatusCode().value()).isEqualTo(201);
    assertThat(starts).hasValue(3);
  }

  @ParameterizedTest
  @ValueSource(strings = {"H2", "PostgreSQL"})
  void aConcurrentRepeatWaitsForTheFirstAndAnswersIt(String database) throws Exception {
    IdempotentStarts idempotency = starts(database, Duration.ofHours(24));
    String key = UUID.randomUUID().toString();
    CountDownLatch inside = new CountDownLatch(1);
    ExecutorService pool = Executors.newFixedThreadPool(2);
    try {
      // The first holds its key for 3 s: longer than H2's lock timeout, so H2's repeat asks again.
      Future<ResponseEntity<Map<String, Object>>> first = pool.submit(() -> idempotency.start(post(key),
          body("{}"), start(201, 3_000, inside)));
      assertThat(inside.await(30, TimeUnit.SECONDS)).isTrue();
      Future<ResponseEntity<Map<String, Object>>> repeat = pool.submit(() -> idempotency.start(post(key),
          body("{}"), start(201)));

      assertThat(first.get(60, TimeUnit.SECONDS).getStatusCode().value()).isEqualTo(201);
      assertThat(repeat.get(60, TimeUnit.SECONDS).getStatusCode().value()).isEqualTo(200);
      assertThat(repeat.get().getBody()).isEqualTo(first.get().getBody());
      assertThat(starts).as("one start").hasValue(1);
    } finally {
      pool.shutdownNow();
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"H2", "PostgreSQL"})
  void aRepeatWaitingForAFirstThatIsRefusedStartsItself(String database) throws Exception {
    IdempotentStarts idempotency = starts(database, Duration.ofHours(24));
    String key = UUID.randomUUID().toString();
    CountDownLatch inside = new CountDownLatch(1);
    ExecutorService pool = Executors.newFixedThreadPool(2);
    try {
      Future<ResponseEntity<Map<String, Object>>> first = pool.submit(() -> idempotency.start(post(key),
          body("{}"), start(400, 1_000, inside)));
      assertThat(inside.await(30, TimeUnit.SECONDS)).isTrue();
      Future<ResponseEntity<Map<String, Object>>> repeat = pool.submit(() -> idempotency.start(post(key),
          body("{}"), start(201)));

      assertThat(first.get(60, TimeUnit.SECONDS).getStatusCode().value()).isEqualTo(400);
      assertThat(repeat.get(60, TimeUnit.SECONDS).getStatusCode().value()).isEqualTo(201);
      assertThat(written(repeat.get())).isTrue();
      assertThat(starts).hasValue(2);
    } finally {
      pool.shutdownNow();
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"H2", "PostgreSQL"})
  void aKeyIsForgottenAfterItsRetention(String database) {
    IdempotentStarts idempotency = starts(database, Duration.ofMillis(300));
    String key = UUID.randomUUID().toString();
    ResponseEntity<Map<String, Object>> first = idempotency.start(post(key), body("{}"), start(201));
    sleep(600);
    ResponseEntity<Map<String, Object>> later = idempotency.start(post(key), body("{\"other\": true}"), start(201));

    assertThat(later.getStatusCode().value()).isEqualTo(201);
    assertThat(later.getBody()).isNotEqualTo(first.getBody());
    assertThat(keyRows(key)).isEqualTo(1);
  }

  @ParameterizedTest
  @ValueSource(strings = {"H2", "PostgreSQL"})
  void aBadKeyIs400AndStartsNothing(String database) {
    IdempotentStarts idempotency = starts(database, Duration.ofHours(24));
    MockHttpServletRequest twice = post("a");
    twice.addHeader(IdempotentStarts.HEADER, "b");
    for (MockHttpServletRequest request : List.of(post("k".repeat(256)), post(" "), post("schlüssel"), twice)) {
      ResponseEntity<Map<String, Object>> answer = idempotency.start(request, body("{}"), start(201));
      assertThat(answer.getStatusCode().value()).isEqualTo(400);
      assertThat(answer.getBody().get("message").toString()).startsWith("Nothing was started: Idempotency-Key");
    }
    assertThat(IdempotentStarts.problem(List.of("k".repeat(256)))).isEqualTo("Idempotency-Key has 256 characters: "
        + "at most 255");
    assertThat(IdempotentStarts.problem(List.of("k".repeat(255)))).isNull();
    assertThat(starts).hasValue(0);
  }

  static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
