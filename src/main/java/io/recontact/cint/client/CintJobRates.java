package io.recontact.cint.client;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How long Cint's recontact jobs take per 10,000 IDs, at the fast end of Cint's quote (uploads 10-15 minutes,
 * removals 3-5 minutes per 10,000 IDs): the expected time a job's checks approach after their early ones
 * (io.recontact.engine.JobPolling#planned).
 *
 * @param upload time per 10,000 IDs of an upload job (Cint quotes 10–15 min): the expected time of its checks
 * @param removal time per 10,000 IDs of a removal job (Cint quotes 3–5 min): the expected time of its checks
 *     (docs/benchmarks-cint.md)
 */
@ConfigurationProperties("recontact.cint.job-rates")
public record CintJobRates(
    @DefaultValue("10m") Duration upload,
    @DefaultValue("3m") Duration removal) {

  static final int PER = 10_000;

  /** Earliest expected completion of an upload job of this many IDs (lines in the file). */
  public Duration upload(int ids) {
    return scaled(upload, ids);
  }

  /** Earliest expected completion of a removal of this many stored IDs. */
  public Duration removal(int ids) {
    return scaled(removal, ids);
  }

  private static Duration scaled(Duration rate, int ids) {
    return Duration.ofNanos(Math.round((double) rate.toNanos() * Math.max(0, ids) / PER));
  }
}
