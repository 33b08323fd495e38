package io.recontact.sandbox.faults;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.EnumMap;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;

/**
 * Random faults on every operation of one simulator at once, shared by the Cint and Toluna simulators: a share of
 * calls answer 5xx, a share answer only after {@code slowMillis} (then behave normally, so the side effect happens
 * although the caller already gave up), a share answer 429 with {@code Retry-After}; or, in an outage, every call
 * answers 503. One seeded {@link Random} decides, so a run with the same seed draws the same sequence. The
 * simulator turns a {@link Fault} into its own error body; this class only decides and counts (by kind and
 * operation, kept after {@link #stop()} until {@link #reset()}).
 */
public final class FaultStorm {

  public enum Kind { SERVER_ERROR, SLOW, RATE_LIMITED, OUTAGE }

  /** What to inject into one call: a status to answer at once, or a delay before answering normally. */
  public record Fault(Kind kind, int status, long delayMillis, int retryAfterSeconds) {
  }

  /**
   * @param serverErrorRate share of calls answered 500 or 503 (half each)
   * @param slowRate share of calls delayed by {@code slowMillis}
   * @param rateLimitRate share of calls answered 429 with {@code Retry-After: retryAfterSeconds}
   * @param outage every call answers 503 (the rates are ignored meanwhile)
   */
  public record Settings(double serverErrorRate, double slowRate, double rateLimitRate, long slowMillis,
      int retryAfterSeconds, long seed, boolean outage) {
  }

  private static final JsonNodeFactory F = JsonNodeFactory.instance;

  private final String simulator;
  private final boolean rateLimits;
  private Settings settings;
  private Random random;
  private final Map<Kind, Map<String, Long>> injected = new EnumMap<>(Kind.class);

  /**
   * @param simulator the name used in error messages ({@code cint}, {@code toluna})
   * @param rateLimits whether this marketplace answers 429 at all (Toluna documents no throttling)
   */
  public FaultStorm(String simulator, boolean rateLimits) {
    this.simulator = simulator;
    this.rateLimits = rateLimits;
  }

  /**
   * Reads settings from the admin API's JSON body: {@code serverErrorRate}, {@code slowRate}, {@code rateLimitRate}
   * (each 0..1, together at most 1), {@code slowMillis}, {@code retryAfterSeconds}, {@code seed}, {@code outage}.
   *
   * @throws IllegalArgumentException naming the wrong field
   */
  public Settings parse(JsonNode body) {
    if (body == null || !body.isObject()) {
      throw new IllegalArgumentException("A JSON object is required, e.g. {\"serverErrorRate\": 0.1, "
          + "\"slowRate\": 0.02, \"slowMillis\": 2000" + (rateLimits ? ", \"rateLimitRate\": 0.02" : "")
          + ", \"seed\": 42} or {\"outage\": true}");
    }
    double errors = rate(body, "serverErrorRate");
    double slow = rate(body, "slowRate");
    double limited = rate(body, "rateLimitRate");
    if (limited > 0 && !rateLimits) {
      throw new IllegalArgumentException("rateLimitRate must be 0: the " + simulator + " API has no rate limits");
    }
    if (errors + slow + limited > 1) {
      throw new IllegalArgumentException("serverErrorRate + slowRate + rateLimitRate must be at most 1");
    }
    long slowMillis = body.path("slowMillis").asLong(0);
    if (slow > 0 && slowMillis <= 0) {
      throw new IllegalArgumentException("slowMillis must be > 0 when slowRate > 0");
    }
    int retryAfter = body.path("retryAfterSeconds").asInt(1);
    if (retryAfter < 0) {
      throw new IllegalArgumentException("retryAfterSeconds must be 0 or more");
    }
    JsonNode outage = body.path("outage");
    if (!outage.isMissingNode() && !outage.isBoolean()) {
      throw new IllegalArgumentException("outage must be true or false");
    }
    return new Settings(errors, slow, limited, slowMillis, retryAfter, body.path("seed").asLong(1),
        outage.asBoolean(false));
  }

  private static double rate(JsonNode body, String field) {
    JsonNode value = body.path(field);
    if (value.isMissingNode() || value.isNull()) {
      return 0;
    }
    if (!value.isNumber() || value.asDouble() < 0 || value.asDouble() > 1) {
      throw new IllegalArgumentException(field + " must be a number from 0 to 1");
    }
    return value.asDouble();
  }

  public synchronized void start(Settings settings) {
    this.settings = settings;
    this.random = new Random(settings.seed());
  }

  /** No more faults; the counts stay for inspection. */
  public synchronized void stop() {
    settings = null;
    random = null;
  }

  public synchronized void reset() {
    stop();
    injected.clear();
  }

  /** The fault for this call of {@code operation}, or null; counts what it injects. */
  public synchronized Fault next(String operation) {
    if (settings == null) {
      return null;
    }
    Fault fault = decide();
    if (fault != null) {
      injected.computeIfAbsent(fault.kind(), k -> new TreeMap<>()).merge(operation, 1L, Long::sum);
    }
    return fault;
  }

  private Fault decide() {
    Settings s = settings;
    if (s.outage()) {
      return new Fault(Kind.OUTAGE, 503, 0, 0);
    }
    double draw = random.nextDouble();
    if (draw < s.serverErrorRate()) {
      return new Fault(Kind.SERVER_ERROR, random.nextBoolean() ? 500 : 503, 0, 0);
    }
    draw -= s.serverErrorRate();
    if (draw < s.slowRate()) {
      return new Fault(Kind.SLOW, 200, s.slowMillis(), 0);
    }
    draw -= s.slowRate();
    if (draw < s.rateLimitRate()) {
      return new Fault(Kind.RATE_LIMITED, 429, 0, s.retryAfterSeconds());
    }
    return null;
  }

  /** {@code {"active", "settings", "injected": {kind: {operation: n}}, "total"}} for the admin state. */
  public synchronized ObjectNode state() {
    ObjectNode out = F.objectNode().put("active", settings != null);
    if (settings != null) {
      out.putObject("settings").put("serverErrorRate", settings.serverErrorRate())
          .put("slowRate", settings.slowRate()).put("rateLimitRate", settings.rateLimitRate())
          .put("slowMillis", settings.slowMillis()).put("retryAfterSeconds", settings.retryAfterSeconds())
          .put("seed", settings.seed()).put("outage", settings.outage());
    }
    ObjectNode kinds = out.putObject("injected");
    long total = 0;
    for (Map.Entry<Kind, Map<String, Long>> kind : injected.entrySet()) {
      ObjectNode ops = kinds.putObject(kind.getKey().name());
      for (Map.Entry<String, Long> op : kind.getValue().entrySet()) {
        ops.put(op.getKey(), op.getValue());
        total += op.getValue();
      }
    }
    return out.put("total", total);
  }
}
