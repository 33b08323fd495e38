package io.recontact.sandbox.toluna;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.recontact.sandbox.faults.FaultStorm;
import io.recontact.sandbox.faults.InjectedFaults;
import io.recontact.sandbox.faults.InjectedFaults.Fault;
import java.util.Map;
import java.util.TreeMap;
import org.springframework.stereotype.Component;

/** The calls of the simulated Toluna APIs, counted by route, and the faults injected into them. */
@Component
class TolunaCalls {

  private final Map<String, Long> calls = new TreeMap<>();
  private final InjectedFaults faults = new InjectedFaults("toluna", false);

  /** Counts the call and applies an injected fault (delay, or a thrown 500/403/400) before any other check. */
  void enter(String route) {
    synchronized (this) {
      calls.merge(route, 1L, Long::sum);
    }
    Fault fault = faults.take(route);
    if (fault == null) {
      return;
    }
    if (fault.status() == 403) {
      throw TolunaError.message(403, "Invalid API_AUTH_KEY");
    }
    if (fault.status() == 500) {
      throw TolunaError.message(500, "An error has occurred.");
    }
    if (fault.status() == 400) { // member routes only: a refusal of the member's data
      throw TolunaError.message(400, "The request is invalid.");
    }
    if (fault.status() == 503) { // storms and outages only
      throw TolunaError.message(503, "The service is unavailable.");
    }
  }

  FaultStorm storm() {
    return faults.storm();
  }

  void addFault(String route, Fault fault) {
    faults.add(route, fault);
  }

  synchronized void reset() {
    faults.reset();
    calls.clear();
  }

  /** {@code calls}, {@code faults} (one-shot) and {@code storm} of the admin state. */
  synchronized void stateInto(ObjectNode out) {
    ObjectNode c = out.putObject("calls");
    calls.forEach(c::put);
    ObjectNode fs = out.putObject("faults");
    faults.oneShot().forEach((r, f) -> fs.putObject(r).put("status", f.status()).put("remaining", f.remaining())
        .put("delayMillis", f.delayMillis()));
    out.set("storm", faults.storm().state());
  }
}
