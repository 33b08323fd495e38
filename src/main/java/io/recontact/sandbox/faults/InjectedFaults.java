package io.recontact.sandbox.faults;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The faults one simulator injects into its calls, shared by the Cint and Toluna simulators: one-shot faults per
 * operation (set through the admin API, each used up by that many calls) come first, then the running
 * {@link FaultStorm}. This class decides and waits out delays; each simulator turns the status into its own error
 * body.
 */
public final class InjectedFaults {

  /**
   * A fault for the next {@code remaining} calls of one operation: wait {@code delayMillis}, then answer
   * {@code status} (with {@code Retry-After} where the simulator sends one).
   */
  public record Fault(int status, int remaining, int retryAfterSeconds, long delayMillis) {

    Fault usedOnce() {
      return remaining > 1 ? new Fault(status, remaining - 1, retryAfterSeconds, delayMillis) : null;
    }
  }

  private final Map<String, Fault> oneShot = new ConcurrentHashMap<>();
  private final FaultStorm storm;

  /** See {@link FaultStorm#FaultStorm(String, boolean)}. */
  public InjectedFaults(String simulator, boolean rateLimits) {
    this.storm = new FaultStorm(simulator, rateLimits);
  }

  /**
   * The fault for this call of {@code operation}, or null: a one-shot fault first, else the storm's draw (as a fault
   * for this call only). Its delay has been waited out when this returns.
   */
  public Fault take(String operation) {
    Fault[] taken = new Fault[1];
    oneShot.computeIfPresent(operation, (k, f) -> {
      taken[0] = f;
      return f.usedOnce();
    });
    Fault fault = taken[0] != null ? taken[0] : fromStorm(operation);
    if (fault != null && fault.delayMillis() > 0) {
      try {
        Thread.sleep(fault.delayMillis());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    return fault;
  }

  private Fault fromStorm(String operation) {
    FaultStorm.Fault f = storm.next(operation);
    return f == null ? null : new Fault(f.status(), 1, f.retryAfterSeconds(), f.delayMillis());
  }

  public void add(String operation, Fault fault) {
    oneShot.put(operation, fault);
  }

  /** Drops the one-shot faults; a storm goes on. */
  public void clear() {
    oneShot.clear();
  }

  /** The one-shot faults still waiting, by operation. */
  public Map<String, Fault> oneShot() {
    return new TreeMap<>(oneShot);
  }

  public FaultStorm storm() {
    return storm;
  }

  /** No faults, and the storm's counts cleared. */
  public void reset() {
    oneShot.clear();
    storm.reset();
  }
}
