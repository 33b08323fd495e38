package io.recontact.sandbox.cint;

import com.fasterxml.jackson.databind.JsonNode;
import io.recontact.sandbox.SandboxProperties;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;

/** Mutable copy of the configured settings; the admin API changes it, reset restores it. */
final class CintSettings {

  Duration jobBase;
  // Per-ID time of a job is drawn per job between the low and high rate (equal by default: no spread).
  Duration jobPerId;
  Duration jobPerIdMax;
  Duration removalPerId;
  Duration removalPerIdMax;
  Duration launch;
  Set<String> refusedIds;
  double refusedFraction;
  long tokenTtlSeconds;

  static CintSettings defaults(SandboxProperties.Cint config) {
    CintSettings s = new CintSettings();
    s.jobBase = config.jobBaseDuration();
    s.jobPerId = config.jobPerIdDuration();
    s.jobPerIdMax = s.jobPerId;
    // Cint quotes 3-5 min per 10,000 removed vs 10-15 min per 10,000 uploaded: a third of the upload rate.
    s.removalPerId = s.jobPerId.dividedBy(3);
    s.removalPerIdMax = s.removalPerId;
    s.launch = config.launchDuration();
    s.refusedIds = lower(config.refusedIds());
    s.refusedFraction = config.refusedFraction();
    s.tokenTtlSeconds = config.tokenTtl().toSeconds();
    return s;
  }

  /** These settings with the admin API's changes. */
  CintSettings patched(JsonNode patch) {
    CintSettings s = new CintSettings();
    CintSettings old = this;
    s.jobBase = patch.has("jobBaseMillis") ? Duration.ofMillis(patch.get("jobBaseMillis").asLong()) : old.jobBase;
    s.jobPerId = micros(patch, "jobPerIdMicros", old.jobPerId);
    s.jobPerIdMax = micros(patch, "jobPerIdMaxMicros", patch.has("jobPerIdMicros") ? s.jobPerId : old.jobPerIdMax);
    s.removalPerId = micros(patch, "removalPerIdMicros", patch.has("jobPerIdMicros") ? s.jobPerId.dividedBy(3)
        : old.removalPerId);
    s.removalPerIdMax = micros(patch, "removalPerIdMaxMicros", patch.has("removalPerIdMicros")
        || patch.has("jobPerIdMicros") ? s.removalPerId : old.removalPerIdMax);
    s.launch = patch.has("launchMillis") ? Duration.ofMillis(patch.get("launchMillis").asLong()) : old.launch;
    s.refusedIds = old.refusedIds;
    if (patch.has("refusedIds")) {
      List<String> ids = new ArrayList<>();
      patch.get("refusedIds").forEach(n -> ids.add(n.asText()));
      s.refusedIds = lower(ids);
    }
    s.refusedFraction = patch.has("refusedFraction") ? patch.get("refusedFraction").asDouble() : old.refusedFraction;
    s.tokenTtlSeconds = patch.has("tokenTtlSeconds") ? patch.get("tokenTtlSeconds").asLong() : old.tokenTtlSeconds;
    return s;
  }

  /** How long an upload of {@code ids} lines takes. */
  Duration uploadTime(long ids) {
    return jobBase.plus(drawn(jobPerId, jobPerIdMax, ids));
  }

  /** How long removing {@code ids} stored RSIDs takes. */
  Duration removalTime(long ids) {
    return jobBase.plus(drawn(removalPerId, removalPerIdMax, ids));
  }

  /** Per-ID rate times count, the rate drawn uniformly between low and high for this job. */
  private static Duration drawn(Duration low, Duration high, long count) {
    long lowNanos = low.toNanos();
    long spread = Math.max(0, high.toNanos() - lowNanos);
    double perId = lowNanos + (spread == 0 ? 0 : ThreadLocalRandom.current().nextDouble() * spread);
    return Duration.ofNanos(Math.round(perId * count));
  }

  /** Whether the marketplace refuses this uploaded line (as given, or its RSID). */
  boolean refused(String raw, String rsid) {
    if (refusedIds.contains(raw.toLowerCase(Locale.ROOT)) || refusedIds.contains(rsid)) {
      return true;
    }
    // Deterministic: the same RSID is always refused or always accepted for a given fraction.
    return refusedFraction > 0 && Math.floorMod(rsid.hashCode(), 10_000) < refusedFraction * 10_000;
  }

  private static Duration micros(JsonNode patch, String field, Duration otherwise) {
    return patch.has(field) ? Duration.ofNanos(patch.get(field).asLong() * 1000) : otherwise;
  }

  private static Set<String> lower(Collection<String> ids) {
    Set<String> out = new HashSet<>();
    ids.forEach(id -> out.add(id.trim().toLowerCase(Locale.ROOT)));
    return out;
  }
}
