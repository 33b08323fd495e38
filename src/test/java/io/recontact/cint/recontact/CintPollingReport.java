package io.recontact.cint.recontact;

import static io.recontact.cint.recontact.CintPollingBenchmark.DIVISOR;

import io.recontact.cint.client.CintJobRates;
import io.recontact.cint.recontact.CintPollingBenchmark.Measured;
import io.recontact.cint.recontact.CintPollingBenchmark.Phase;
import io.recontact.engine.JobPolling;
import io.recontact.engine.PollingGoals;
import io.recontact.engine.PollingProperties;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

/**
 * The report of {@link CintPollingBenchmark}: the schedule's goals by arithmetic, then the jobs measured through the
 * flows against them. Written to target/benchmark/cint-polling.txt and printed.
 */
final class CintPollingReport {

  final StringBuilder report = new StringBuilder();
  /** uptime's load averages (1, 5, 15 min) when the measured part began. */
  String loadAtStart = loadAverage();

  /** The schedule's goals by arithmetic at the product's defaults, and the checks of 500 recontacts at once. */
  void goals() {
    PollingProperties defaults = defaults("recontact.polling", PollingProperties.class);
    JobPolling product = new JobPolling(defaults);
    CintJobRates quoted = new CintJobRates(Duration.ofMinutes(10), Duration.ofMinutes(3));
    line("Schedule goals at the product's defaults (arithmetic on JobPolling.planned; the job executor's pick-up "
        + "comes on top):");
    line("%-8s %8s %10s %12s %12s %11s %12s %7s %9s %11s", "job", "IDs", "quoted", "1st-min lag", "lag at quoted",
        "lag at half", "quoted range", "checks", "to dead-", "500 at once");
    line("%-8s %8s %10s %12s %12s %11s %12s %7s %9s %11s", "", "", "(E)", "(<= 30 s)", "(<= 10 %)", "(<= 30 %)",
        "(<= 10 %)", "(<= 15)", "line", "checks/min");
    int[] sizes = {10, 100, 1_000, 3_000, 10_000, 30_000, 50_000, 100_000};
    for (String kind : List.of("upload", "removal")) {
      for (int ids : sizes) {
        Duration e = kind.equals("upload") ? quoted.upload(ids) : quoted.removal(ids);
        PollingGoals g = PollingGoals.of(product, e, kind.equals("upload") ? 1.5 : 5.0 / 3);
        boolean small = e.compareTo(Duration.ofSeconds(10)) < 0;
        line("%-8s %,8d %10s %12s %12s %11s %12s %7d %9d %11d", kind, ids, ms(e.toMillis()),
            ms(g.firstMinuteLag().toMillis()),
            small ? ms(g.atQuotedLag().toMillis()) : pct(g.atQuotedShare()),
            small ? ms(g.atHalfLag().toMillis()) : pct(g.atHalfShare()), pct(g.quotedRangeShare()), g.maxChecks(),
            g.checksToDeadline(), 500 * perMinute(PollingGoals.schedule(product, e, defaults.deadline())));
      }
    }
    line("Jobs quoted below 10 s: lags in ms (at most the 1 s floor between checks), not shares. 'to deadline': "
        + "checks of a job still running when a person is asked (4 h). '500 at once': the most checks in any minute "
        + "of 500 jobs of that size started together (3 per job in the first minute).");
    line("");
  }

  /** A @ConfigurationProperties record at the product's defaults, bound as the application binds it. */
  static <T> T defaults(String prefix, Class<T> type) {
    return new Binder(new MapConfigurationPropertySource(Map.of())).bindOrCreate(prefix, Bindable.of(type));
  }

  /** The most checks of one job's schedule that fall into any one minute. */
  static int perMinute(List<Duration> checks) {
    int most = 0;
    for (int i = 0; i < checks.size(); i++) {
      int n = 0;
      for (int j = i; j < checks.size() && checks.get(j).minus(checks.get(i)).toMillis() < 60_000; j++) {
        n++;
      }
      most = Math.max(most, n);
    }
    return most;
  }

  static String pct(double share) {
    return String.format(Locale.ROOT, "%.1f %%", 100 * share);
  }

  void write(List<Measured> measured) throws Exception {
    line("Measured through the flows, %s, %d cores, Java %s, load average %s at the start, %s at the end; time "
        + "factor 1/%d (simulated job durations, the application's rates, polling settings and job executor pause)",
        OffsetDateTime.now(ZoneOffset.UTC).withNano(0), Runtime.getRuntime().availableProcessors(),
        System.getProperty("java.version"), loadAtStart, loadAverage(), DIVISOR);
    line("Phases: AT_ONCE done at once (as a job Cint fails at once), HALF at half the quoted time, QUOTED at it, RANGE "
        + "drawn across Cint's quote (uploads 10-15 min, removals 3-5 min per 10,000 IDs); x 1/%d.", DIVISOR);
    line("Scaled settings: %s", CintPollingBenchmark.SCALED);
    line("");
    String h = "%-8s %-8s %8s %10s %9s %6s %9s %8s %9s %4s %9s %9s %9s %9s %7s %4s";
    line(h, "phase", "job", "IDs", "duration", "real", "checks", "lag", "lag %", "goal", "met", "planned", "pick-up",
        "schedule", "fixed", "real", "real");
    line(h, "", "", "", "", "equiv.", "<= 15", "", "", "(scaled)", "", "lag", "+call", "lag", "cost", "est.", "met");
    for (Measured m : measured) {
      line(h, m.run().phase(), m.run().kind(), String.format(Locale.ROOT, "%,d", m.run().ids()),
          ms(m.duration().toMillis()), minutes(m.duration().toMillis() * DIVISOR), m.checks(),
          ms(m.lag().toMillis()), m.run().phase() == Phase.AT_ONCE ? "-"
              : String.format(Locale.ROOT, "%.1f%%", m.lagShare()), goal(m.run().phase()), m.met() ? "yes" : "NO",
          ms(m.planned().toMillis()), ms(m.pickUpAndCall().toMillis()), ms(m.schedule().toMillis()),
          ms(m.fixedCost().toMillis()), m.run().phase() == Phase.AT_ONCE ? seconds(m.realEstimate().toMillis())
              : String.format(Locale.ROOT, "%.1f%%", m.realShare()), m.realMet() ? "yes" : "NO");
    }
    line("lag: end of the check that saw the job done minus the job's end (simulator); lag %%: of the job's duration "
        + "(AT_ONCE jobs last 0 ms: their goal is 30 s / %d). planned lag: that check's due time minus the job's "
        + "end; pick-up+call: the rest. schedule lag: what the scaled schedule alone gives (its first check at or "
        + "after the end); fixed cost: lag minus schedule lag (pick-up, call, commit, an upload's local work before "
        + "its first check), which the divisor does not shrink. real est.: schedule lag x %d + fixed cost (for a job seen "
        + "by its first check: the later of schedule lag x %d and planned lag, + pick-up+call, as the start's commit "
        + "falls inside the first wait at real rates), as a share of the real duration (AT_ONCE: in seconds), against "
        + "the same goals.", DIVISOR, DIVISOR, DIVISOR);
    line("");
    line("Goals over the measured jobs, at the benchmark's scale (lag; goal 30 s / %d for AT_ONCE) and estimated at "
        + "Cint's real rates:", DIVISOR);
    for (Phase phase : Phase.values()) {
      List<Measured> of = measured.stream().filter(m -> m.run().phase() == phase).toList();
      if (of.isEmpty()) {
        continue;
      }
      Measured worst = of.stream().max(Comparator.comparingDouble(m -> phase == Phase.AT_ONCE
          ? m.lag().toMillis() : m.lagShare())).orElseThrow();
      Measured worstReal = of.stream().max(Comparator.comparingDouble(m -> phase == Phase.AT_ONCE
          ? m.realEstimate().toMillis() : m.realShare())).orElseThrow();
      long unmet = of.stream().filter(m -> !m.lagMet()).count();
      long unmetReal = of.stream().filter(m -> !m.realMet()).count();
      line("  %-8s %-8s scaled: worst %s %,d IDs, lag %s (%s); %s. Real est.: worst %s %,d IDs, %s; %s", phase,
          phase.goal(), worst.run().kind(), worst.run().ids(), ms(worst.lag().toMillis()),
          phase == Phase.AT_ONCE ? "goal " + ms(30_000 / DIVISOR) : String.format(Locale.ROOT, "%.1f %%",
              worst.lagShare()), unmet == 0 ? "met by all " + of.size() : "NOT met by " + unmet + " of " + of.size(),
          worstReal.run().kind(), worstReal.run().ids(), phase == Phase.AT_ONCE
              ? seconds(worstReal.realEstimate().toMillis())
              : String.format(Locale.ROOT, "%.1f %%", worstReal.realShare()),
          unmetReal == 0 ? "met by all " + of.size() : "NOT met by " + unmetReal + " of " + of.size());
    }
    Measured most = measured.stream().max(Comparator.comparingInt(Measured::checks)).orElseThrow();
    line("  checks   <= 15     most: %d (%s %s %,d IDs); %s", most.checks(), most.run().phase(), most.run().kind(),
        most.run().ids(), most.checks() <= 15 ? "met by all " + measured.size()
            : "NOT met by " + measured.stream().filter(m -> m.checks() > 15).count() + " of " + measured.size());
    Path out = Path.of("target", "benchmark", "cint-polling.txt");
    Files.createDirectories(out.getParent());
    Files.writeString(out, report);
    System.out.print(report);
  }

  /** The 1, 5 and 15 minute load averages as uptime prints them (the 1 minute one where /proc is absent). */
  static String loadAverage() {
    try {
      String[] fields = Files.readString(Path.of("/proc/loadavg")).trim().split(" ");
      return fields[0] + ", " + fields[1] + ", " + fields[2];
    } catch (java.io.IOException | RuntimeException e) {
      return String.format(Locale.ROOT, "%.2f",
          java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
    }
  }

  /** A phase's lag goal at the benchmark's scale. */
  static String goal(Phase phase) {
    return phase == Phase.AT_ONCE ? ms(30_000 / DIVISOR) : phase.goal();
  }

  static String seconds(long millis) {
    return String.format(Locale.ROOT, "%.1f s", millis / 1000.0);
  }

  static String ms(long millis) {
    return String.format(Locale.ROOT, "%,d ms", millis);
  }

  static String minutes(long millis) {
    return String.format(Locale.ROOT, "%.1f min", millis / 60_000.0);
  }

  void line(String format, Object... args) {
    report.append(String.format(Locale.ROOT, format, args)).append('\n');
  }
}
