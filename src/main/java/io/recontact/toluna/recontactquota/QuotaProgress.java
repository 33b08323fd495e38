package io.recontact.toluna.recontactquota;

import io.recontact.toluna.QuotaMemberState;
import static io.recontact.toluna.QuotaMemberState.*;

import io.recontact.toluna.recontactquota.TolunaQuotaVariables.Count;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.stereotype.Component;

/**
 * Copies the member counts of the tables into the instance's variables, so Cockpit shows progress. Counting from
 * the tables (not adding up deltas) keeps the figures right after retries and rechecks; between chunks of a large
 * quota the counts are refreshed every few seconds, not after each chunk (a count over 100,000 rows is not free).
 */
@Component
class QuotaProgress {

  /** Between two chunk jobs of one instance the counts are refreshed at most this often. */
  static final long EVERY_NANOS = 3_000_000_000L;

  private final QuotaMembers members;
  private final Map<String, Long> lastUpdate = new ConcurrentHashMap<>();

  QuotaProgress(QuotaMembers members) {
    this.members = members;
  }

  /** After a chunk: counts refreshed if the last refresh of this instance is a few seconds old. */
  void chunkDone(String instanceId, TolunaQuotaVariables vars) {
    long now = System.nanoTime();
    Long last = lastUpdate.get(instanceId);
    if (last == null || now - last > EVERY_NANOS) {
      lastUpdate.put(instanceId, now);
      update(vars);
    }
  }

  /** At the end of a step: counts always refreshed. */
  void stepDone(String instanceId, TolunaQuotaVariables vars) {
    lastUpdate.remove(instanceId);
    update(vars);
  }

  private void update(TolunaQuotaVariables vars) {
    Map<QuotaMemberState, Long> counts = members.countByState(vars.panelGuid(), vars.quotaId());
    long total = counts.values().stream().mapToLong(Long::longValue).sum();
    vars.set(Count.codesReceived, total);
    vars.set(Count.exceptionCount, counts.getOrDefault(EXCEPTION, 0L));
    vars.set(Count.validCount, counts.entrySet().stream().filter(e -> e.getKey().valid())
        .mapToLong(Map.Entry::getValue).sum());
    vars.set(Count.matched, counts.entrySet().stream().filter(e -> e.getKey().matched())
        .mapToLong(Map.Entry::getValue).sum());
    vars.set(Count.notMatched, counts.getOrDefault(NOT_MATCHED, 0L));
    vars.set(Count.otherQuota, counts.getOrDefault(OTHER_QUOTA, 0L));
    vars.set(Count.invited, sum(counts, INVITED, DELIVERED, DELIVERY_FAILED));
    vars.set(Count.subquotaFull, counts.getOrDefault(SUBQUOTA_FULL, 0L));
    vars.set(Count.delivered, counts.getOrDefault(DELIVERED, 0L));
    vars.set(Count.deliveryFailed, counts.getOrDefault(DELIVERY_FAILED, 0L));
    vars.set(Count.deliveryPending, counts.getOrDefault(INVITED, 0L));
  }

  private static long sum(Map<QuotaMemberState, Long> counts, QuotaMemberState... states) {
    long sum = 0;
    for (QuotaMemberState state : states) {
      sum += counts.getOrDefault(state, 0L);
    }
    return sum;
  }
}
