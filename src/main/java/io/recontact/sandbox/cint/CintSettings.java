package io.recontact.sandbox.cint;

import io.recontact.sandbox.AdminSettings;
import io.recontact.sandbox.SandboxProperties;
import java.time.Duration;
import java.util.Collection;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;

/** Mutable copy of the configured settings; the admin API changes it, reset restores it. */
final class CintSettings {

  static final long DAY_MILLIS = Duration.ofDays(1).toMillis();
  /** A minute per ID at most (Cint quotes about 90 ms per uploaded ID). */
  static final long MAX_PER_ID_MICROS = Duration.ofMinutes(1).toNanos() / 1000;

  /** The admin API's settings, each with its type and range (docs/cint-simulator.md). */
  static final AdminSettings.Spec SPEC = AdminSettings.spec()
      .wholeNumber("jobBaseMillis", 0, DAY_MILLIS)
      .wholeNumber("jobPerIdMicros", 0, MAX_PER_ID_MICROS)
      .wholeNumber("jobPerIdMaxMicros", 0, MAX_PER_ID_MICROS)
      .wholeNumber("removalPerIdMicros", 0, MAX_PER_ID_MICROS)
      .wholeNumber("removalPerIdMaxMicros", 0, MAX_PER_ID_MICROS)
      .wholeNumber("launchMillis", 0, DAY_MILLIS)
      .texts("refusedIds")
      .fraction("refusedFraction")
      .wholeNumber("tokenTtlSeconds", 0, Duration.ofDays(365).toSeconds())
      .wholeNumber("completesPerHour", 0, 10_000_000)
      .fraction("fieldingIncidenceRate")
      .fraction("fieldingConversionRate")
      .url("webhookUrl");

  /** Completes per hour of a live target group by default: a goal of 150 is reached in 2.5 minutes. */
  static final long DEFAULT_COMPLETES_PER_HOUR = 3600;

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
  long completesPerHour;
  double fieldingIncidenceRate;
  double fieldingConversionRate;
  /** Where signed webhooks go; blank = none. */
  String webhookUrl;

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
    s.completesPerHour = DEFAULT_COMPLETES_PER_HOUR;
    s.fieldingIncidenceRate = 0.8;
    s.fieldingConversionRate = 0.5;
    s.webhookUrl = config.webhookUrl() == null ? "" : config.webhookUrl();
    return s;
  }

  /**
   * These settings with the admin API's changes (read against {@link #SPEC}); a new object, so a refusal changes
   * nothing.
   *
   * @throws AdminSettings.Refused when a high rate of a job comes out below its low rate
   */
  CintSettings patched(AdminSettings patch) {
    CintSettings s = new CintSettings();
    CintSettings old = this;
    s.jobBase = patch.has("jobBaseMillis") ? Duration.ofMillis(patch.wholeNumber("jobBaseMillis")) : old.jobBase;
    s.jobPerId = micros(patch, "jobPerIdMicros", old.jobPerId);
    s.jobPerIdMax = micros(patch, "jobPerIdMaxMicros", patch.has("jobPerIdMicros") ? s.jobPerId : old.jobPerIdMax);
    s.removalPerId = micros(patch, "removalPerIdMicros", patch.has("jobPerIdMicros") ? s.jobPerId.dividedBy(3)
        : old.removalPerId);
    s.removalPerIdMax = micros(patch, "removalPerIdMaxMicros", patch.has("removalPerIdMicros")
        || patch.has("jobPerIdMicros") ? s.removalPerId : old.removalPerIdMax);
    atLeast(s.jobPerIdMax, "jobPerIdMaxMicros", s.jobPerId, "jobPerIdMicros");
    atLeast(s.removalPerIdMax, "removalPerIdMaxMicros", s.removalPerId, "removalPerIdMicros");
    s.launch = patch.has("launchMillis") ? Duration.ofMillis(patch.wholeNumber("launchMillis")) : old.launch;
    s.refusedIds = patch.has("refusedIds") ? lower(patch.texts("refusedIds")) : old.refusedIds;
    s.refusedFraction = patch.has("refusedFraction") ? patch.fraction("refusedFraction") : old.refusedFraction;
    s.tokenTtlSeconds = patch.has("tokenTtlSeconds") ? patch.wholeNumber("tokenTtlSeconds") : old.tokenTtlSeconds;
    s.completesPerHour = patch.has("completesPerHour") ? patch.wholeNumber("completesPerHour") : old.completesPerHour;
    s.fieldingIncidenceRate = patch.has("fieldingIncidenceRate") ? patch.fraction("fieldingIncidenceRate")
        : old.fieldingIncidenceRate;
    s.fieldingConversionRate = patch.has("fieldingConversionRate") ? patch.fraction("fieldingConversionRate")
        : old.fieldingConversionRate;
    s.webhookUrl = patch.has("webhookUrl") ? patch.text("webhookUrl") : old.webhookUrl;
    return s;
  }

  private static void atLeast(Duration high, String highField, Duration low, String lowField) {
    if (high.compareTo(low) < 0) {
      throw new AdminSettings.Refused(highField, highField + " must be at least " + lowField + " ("
          + low.toNanos() / 1000 + "), not " + high.toNanos() / 1000);
    }
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

  private static Duration micros(AdminSettings patch, String field, Duration otherwise) {
    return patch.has(field) ? Duration.ofNanos(patch.wholeNumber(field) * 1000) : otherwise;
  }

  private static Set<String> lower(Collection<String> ids) {
    Set<String> out = new HashSet<>();
    ids.forEach(id -> out.add(id.trim().toLowerCase(Locale.ROOT)));
    return out;
  }
}
