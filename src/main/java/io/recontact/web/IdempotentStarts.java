package io.recontact.web;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.recontact.engine.Text;
import jakarta.servlet.http.HttpServletRequest;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.dao.PessimisticLockingFailureException;
import org.springframework.dao.QueryTimeoutException;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionStatus;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.web.servlet.HandlerMapping;

/**
 * Runs a start under {@code /api} in one transaction, once per {@code Idempotency-Key} (docs/api.md, table
 * {@code idempotency_key}, V7). Without the header the start simply runs in a transaction that commits only a 2xx.
 * With it:
 * <ol>
 *   <li>the key row (endpoint, key, caller, {@link RequestFingerprint}) is inserted first, in the transaction that
 *       starts the instance, and completed with the answer before it commits: a committed row always names a
 *       committed instance, and a crash or a refused start (4xx) leaves neither;</li>
 *   <li>a repeat that arrives while the first runs blocks on the primary key (endpoint, key) until the first commits,
 *       then reads its answer; if the first rolled back, the repeat starts instead. H2 gives up on the wait after its
 *       lock timeout: the repeat asks again for up to {@link #REPEAT_WAIT}, then answers 409;</li>
 *   <li>a repeat with the same fingerprint and caller answers the first answer's body with 200 (header
 *       {@value #REPLAYED}); another body, path or caller under the same key answers 422.</li>
 * </ol>
 * Keys are forgotten after {@link IdempotencyProperties#retention()}: a key older than that starts anew, and expired
 * rows are deleted at most once a minute by the next keyed start.
 */
@Component
public class IdempotentStarts {

  public static final String HEADER = "Idempotency-Key";
  public static final String REPLAYED = "Idempotent-Replayed";
  public static final int MAX_KEY = 255;
  static final Duration REPEAT_WAIT = Duration.ofSeconds(60);
  static final Duration PURGE_EVERY = Duration.ofMinutes(1);
  private static final Logger log = LoggerFactory.getLogger(IdempotentStarts.class);
  private static final TypeReference<LinkedHashMap<String, Object>> MAP = new TypeReference<>() {
  };

  private final JdbcTemplate jdbc;
  private final TransactionTemplate transaction;
  private final IdentityService identity;
  private final ObjectMapper mapper;
  private final IdempotencyProperties properties;
  private final AtomicLong nextPurge = new AtomicLong();

  IdempotentStarts(JdbcTemplate jdbc, PlatformTransactionManager transactionManager, IdentityService identity,
      ObjectMapper mapper, IdempotencyProperties properties) {
    this.jdbc = jdbc;
    this.transaction = new TransactionTemplate(transactionManager);
    this.identity = identity;
    this.mapper = mapper;
    this.properties = properties;
  }

  /** A committed row of idempotency_key. */
  record Stored(String caller, String fingerprint, int status, String answer, String processInstanceId,
      Instant createdAt) {
  }

  /** The insert found the key taken: committed by an earlier request (or one that committed while this one waited). */
  private static final class KeyTaken extends RuntimeException {
    KeyTaken() {
      super(null, null, false, false);
    }
  }

  /** H2 stopped waiting for the transaction that holds the key. */
  private static final class KeyBusy extends RuntimeException {
    KeyBusy() {
      super(null, null, false, false);
    }
  }

  /**
   * Answers {@code start} (which starts at most one instance and returns its answer) once per key; see the class
   * comment. Everything {@code start} writes is committed only with a 2xx answer.
   */
  public ResponseEntity<Map<String, Object>> start(HttpServletRequest http, RequestFingerprint fingerprint,
      Supplier<ResponseEntity<Map<String, Object>>> start) {
    List<String> keys = Collections.list(http.getHeaders(HEADER));
    if (keys.isEmpty()) {
      return transaction.execute(status -> commitOnlySuccess(status, start.get()));
    }
    String problem = problem(keys);
    if (problem != null) {
      return ResponseEntity.badRequest().body(Map.of("message", "Nothing was started: " + problem,
          "problems", List.of(problem)));
    }
    String key = keys.get(0);
    String endpoint = endpoint(http);
    String caller = caller();
    String print = fingerprint.hex();
    long deadline = System.nanoTime() + REPEAT_WAIT.toNanos();
    while (true) {
      purgeNowAndThen();
      try {
        return transaction.execute(status -> first(status, endpoint, key, caller, print, start));
      } catch (KeyTaken taken) {
        Optional<Stored> stored = find(endpoint, key);
        if (stored.isPresent() && !expired(stored.get().createdAt())) {
          return repeat(endpoint, key, stored.get(), caller, print);
        }
        // Expired (deleted by the next round) or purged meanwhile: start afresh.
      } catch (KeyBusy busy) {
        // The first request with this key has not committed yet.
      }
      if (System.nanoTime() > deadline) {
        return ResponseEntity.status(HttpStatus.CONFLICT).body(Map.of("message", "A request with this "
            + HEADER + " is still being processed: send it again in a moment", "type", "IDEMPOTENCY_KEY_IN_PROGRESS"));
      }
    }
  }

  private ResponseEntity<Map<String, Object>> first(TransactionStatus status, String endpoint, String key,
      String caller, String fingerprint, Supplier<ResponseEntity<Map<String, Object>>> start) {
    OffsetDateTime now = OffsetDateTime.ofInstant(Instant.now().truncatedTo(ChronoUnit.MICROS), ZoneOffset.UTC);
    try {
      jdbc.update("delete from idempotency_key where endpoint = ? and idempotency_key = ? and created_at < ?",
          endpoint, key, now.minus(properties.retention()));
      jdbc.update("insert into idempotency_key (endpoint, idempotency_key, caller, fingerprint, created_at) "
          + "values (?, ?, ?, ?, ?)", endpoint, key, caller, fingerprint, now);
    } catch (DuplicateKeyException e) {
      throw new KeyTaken();
    } catch (PessimisticLockingFailureException | QueryTimeoutException e) {
      throw new KeyBusy();
    }
    ResponseEntity<Map<String, Object>> answer = commitOnlySuccess(status, start.get());
    if (answer.getStatusCode().is2xxSuccessful()) {
      Object instance = answer.getBody() == null ? null : answer.getBody().get("processInstanceId");
      jdbc.update("update idempotency_key set status = ?, answer = ?, process_instance_id = ? "
          + "where endpoint = ? and idempotency_key = ?", answer.getStatusCode().value(), json(answer.getBody()),
          instance == null ? null : instance.toString(), endpoint, key);
    }
    return answer;
  }

  private ResponseEntity<Map<String, Object>> repeat(String endpoint, String key, Stored first, String caller,
      String fingerprint) {
    if (!first.fingerprint().equals(fingerprint) || !Objects.equals(first.caller(), caller)) {
      return ResponseEntity.unprocessableEntity().body(Map.of("message", HEADER + " '" + Text.abbreviate(key, 80)
          + "' was used at " + first.createdAt() + " for a different request (another body, path or user): use a "
          + "new key for a new request, or repeat the first one unchanged", "type", "IDEMPOTENCY_KEY_REUSED"));
    }
    log.info("{} repeat on {}: answered with the first start, instance {}", HEADER, endpoint,
        first.processInstanceId());
    return ResponseEntity.ok().header(REPLAYED, "true").body(map(first.answer()));
  }

  private static ResponseEntity<Map<String, Object>> commitOnlySuccess(TransactionStatus status,
      ResponseEntity<Map<String, Object>> answer) {
    if (!answer.getStatusCode().is2xxSuccessful()) {
      status.setRollbackOnly();
    }
    return answer;
  }

  /** What is wrong with the header, or null: one value of 1 to 255 printable ASCII characters. */
  static String problem(List<String> values) {
    if (values.size() > 1) {
      return HEADER + " was sent " + values.size() + " times: send it once";
    }
    String key = values.get(0);
    if (key.isBlank()) {
      return HEADER + " is empty: send 1 to " + MAX_KEY + " printable ASCII characters, e.g. a UUID";
    }
    if (key.length() > MAX_KEY) {
      return HEADER + " has " + key.length() + " characters: at most " + MAX_KEY;
    }
    if (!key.chars().allMatch(c -> c >= 0x20 && c <= 0x7e)) {
      return HEADER + " must be printable ASCII (space to ~), e.g. a UUID";
    }
    return null;
  }

  /** The handler's route, e.g. {@code POST /api/cint/target-groups/{targetGroupId}/recontacts/replacement}. */
  static String endpoint(HttpServletRequest http) {
    Object pattern = http.getAttribute(HandlerMapping.BEST_MATCHING_PATTERN_ATTRIBUTE);
    String path = pattern != null ? pattern.toString()
        : http.getServletPath() + (http.getPathInfo() == null ? "" : http.getPathInfo());
    return Text.abbreviate(http.getMethod() + " " + path, 200);
  }

  private String caller() {
    Authentication authentication = identity.getCurrentAuthentication();
    return authentication == null ? null : authentication.getUserId();
  }

  Optional<Stored> find(String endpoint, String key) {
    return jdbc.query("select caller, fingerprint, status, answer, process_instance_id, created_at "
            + "from idempotency_key where endpoint = ? and idempotency_key = ?",
        (rs, n) -> new Stored(rs.getString(1), rs.getString(2), rs.getInt(3), rs.getString(4), rs.getString(5),
            rs.getObject(6, OffsetDateTime.class).toInstant()), endpoint, key).stream().findFirst();
  }

  private boolean expired(Instant createdAt) {
    return createdAt.isBefore(Instant.now().minus(properties.retention()));
  }

  /** Deletes expired keys, at most once per {@link #PURGE_EVERY} on this node; a failure waits for the next time. */
  private void purgeNowAndThen() {
    long now = System.nanoTime();
    long due = nextPurge.get();
    if (due != 0 && now - due < 0 || !nextPurge.compareAndSet(due, now + PURGE_EVERY.toNanos())) {
      return;
    }
    try {
      int purged = jdbc.update("delete from idempotency_key where created_at < ?",
          OffsetDateTime.now(ZoneOffset.UTC).minus(properties.retention()));
      if (purged > 0) {
        log.debug("Deleted {} expired {} rows", purged, HEADER);
      }
    } catch (DataAccessException e) {
      log.warn("Expired {} rows were not deleted (next try in {}): {}", HEADER, PURGE_EVERY, e.getMessage());
    }
  }

  private String json(Map<String, Object> body) {
    try {
      return mapper.writeValueAsString(body);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("an /api answer is JSON", e);
    }
  }

  private Map<String, Object> map(String json) {
    try {
      return json == null ? Map.of() : mapper.readValue(json, MAP);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("idempotency_key.answer holds JSON", e);
    }
  }
}
