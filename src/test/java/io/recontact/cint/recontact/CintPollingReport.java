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
    line("%-8s %-8s %8s %10s %11s %7s %9s %7s %11s %8s %4s %10s %10s", "phase", "job", "IDs", "duration",
        "real equiv.", "checks", "lag", "lag %", "real lag", "goal", "met", "planned", "pick-up+");
    line("%-8s %-8s %8s %10s %11s %7s %9s %7s %11s %8s %4s %10s %10s", "", "", "", "", "", "(<= 15)", "", "", "", "",
        "", "lag", "call");
    for (Measured m : measured) {
      line("%-8s %-8s %,8d %10s %11s %7d %9s %6.1f%% %11s %8s %4s %10s %10s", m.run().phase(), m.run().kind(),
          m.run().ids(), ms(m.duration().toMillis()), minutes(m.duration().toMillis() * DIVISOR), m.checks(),
          ms(m.lag().toMillis()), m.lagShare(), seconds(m.lag().toMillis() * DIVISOR), m.run().phase().goal(),
          m.met() ? "yes" : "NO", ms(m.planned().toMillis()), ms(m.pickUpAndCall().toMillis()));
    }
    line("lag %%: of the job's duration (AT_ONCE jobs last 0 ms: their goal is the real lag). 'real': x %d. 'planned "
        + "lag': the seeing check's due time minus the job's end (the schedule's part, scaled); 'pick-up+call': the "
        + "rest, the job executor's pick-up, the check's Cint call and commit (not scaled: a fixed cost that the "
        + "time factor multiplies in 'real lag').", DIVISOR);
    line("");
    line("Goals over the measured jobs (lag: end of the check that saw the job done minus its end; x %d = real):",
        DIVISOR);
    for (Phase phase : Phase.values()) {
      List<Measured> of = measured.stream().filter(m -> m.run().phase() == phase).toList();
      Measured worst = of.stream().max(Comparator.comparingDouble(m -> phase == Phase.AT_ONCE
          ? m.lag().toMillis() : m.lagShare())).orElseThrow();
      long unmet = of.stream().filter(m -> !m.lagMet()).count();
      line("  %-8s %-9s worst %-8s %,7d IDs: lag %s = %s real, %.1f %% of its duration; %s", phase,
          phase.goal(), worst.run().kind(), worst.run().ids(), ms(worst.lag().toMillis()),
          seconds(worst.lag().toMillis() * DIVISOR), worst.lagShare(),
          unmet == 0 ? "met by all " + of.size() : "NOT met by " + unmet + " of " + of.size());
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
