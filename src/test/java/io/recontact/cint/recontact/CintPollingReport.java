package io.recontact.cint.recontact;

import static io.recontact.cint.recontact.CintPollingBenchmark.DIVISOR;

import io.recontact.cint.client.CintJobRates;
import io.recontact.cint.recontact.CintPollingBenchmark.Measured;
import io.recontact.engine.JobPolling;
import io.recontact.engine.PollingGoals;
import io.recontact.engine.PollingProperties;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
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

  /** The schedule's goals by arithmetic at the product's defaults, and the checks of 500 recontacts at once. */
  void goals() {
    PollingProperties defaults = new Binder(new MapConfigurationPropertySource(Map.of()))
        .bindOrCreate("recontact.polling", Bindable.of(PollingProperties.class));
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
    line("Measured through the flows, %s, %d cores, Java %s; time factor 1/%d (simulated job durations and the "
        + "application's rates and polling settings)", OffsetDateTime.now(ZoneOffset.UTC).withNano(0),
        Runtime.getRuntime().availableProcessors(), System.getProperty("java.version"), DIVISOR);
    line("Phases: AT_ONCE done at once (as a job Cint fails at once), HALF at half the quoted time, QUOTED at it, RANGE "
        + "drawn across Cint's quote (uploads 10-15 min, removals 3-5 min per 10,000 IDs); x 1/%d.", DIVISOR);
    line("");
    line("%-8s %-8s %8s %10s %11s %7s %9s %7s %11s %8s %s", "phase", "job", "IDs", "duration", "real equiv.",
        "checks", "lag", "lag %", "real lag", "goal", "met");
    for (Measured m : measured) {
      line("%-8s %-8s %,8d %10s %11s %7d %9s %6.1f%% %11s %8s %s", m.run().phase(), m.run().kind(), m.run().ids(),
          ms(m.duration().toMillis()), minutes(m.duration().toMillis() * DIVISOR), m.checks(), ms(m.lag().toMillis()),
          m.lagShare(), seconds(m.lag().toMillis() * DIVISOR), m.run().phase().goal(), m.met() ? "yes" : "NO");
    }
    int maxChecks = measured.stream().mapToInt(Measured::checks).max().orElse(0);
    long unmet = measured.stream().filter(m -> !m.met()).count();
    line("");
    line("max checks per job %d (goal <= 15: %s); jobs missing their lag or check goal: %d of %d", maxChecks,
        maxChecks <= 15 ? "met" : "NOT met", unmet, measured.size());
    Path out = Path.of("target", "benchmark", "cint-polling.txt");
    Files.createDirectories(out.getParent());
    Files.writeString(out, report);
    System.out.print(report);
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
