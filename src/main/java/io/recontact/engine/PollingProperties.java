package io.recontact.engine;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Timer polling of marketplace jobs. A job of unknown length is checked after {@code initialInterval}, then at
 * intervals growing by {@code factor} up to {@code maxInterval}. A job whose length can be estimated (Cint's quoted
 * rate times its IDs, the "expected" time E) is checked on a schedule ({@link JobPolling#planned}): every
 * {@code earlyInterval} during {@code earlyWindow} (a job Cint fails at once is seen at once); then growing by
 * {@code spreadFactor} up to {@code approachFrom}·E; then by {@code approachShare} up to E exactly; then every
 * {@code lagShare} of the time run up to {@code lateAfter}·E (the end of Cint's quoted range); then, the job being
 * late, by {@code lateFactor}. Never below {@code initialInterval}, never above {@code maxPlannedInterval}. After
 * {@code deadline} a person is asked. {@code conflictWait} is the pause after a 409 (another job of the same target
 * group still runs). docs/benchmarks-cint.md shows the goals this meets.
 *
 * @param initialInterval first wait before checking a marketplace job; shortest wait between planned checks
 * @param factor back-off factor between checks of a job of unknown length
 * @param maxInterval longest wait between checks of a job of unknown length
 * @param deadline after this a person is asked (Cint quotes 10–15 min per 10,000 IDs)
 * @param conflictWait wait after a 409 before trying again
 * @param lagShare jobs of estimated length (Cint uploads, removals) that run past their expected time are checked
 *     every this share of the time they have run (a completion in Cint's quoted range is seen within 9 % of the job's
 *     duration)
 * @param maxPlannedInterval longest wait between checks of a job of estimated length
 * @param earlyInterval a job of estimated length is checked at least this often during its first {@code earlyWindow}
 *     (a job that fails or finishes at once is seen within this long)
 * @param earlyWindow how long a job of estimated length is checked every {@code earlyInterval}
 * @param spreadFactor after the early window, a job of estimated length is next checked at this multiple of the time
 *     it has run, until the approach to its expected time begins
 * @param approachFrom share of a job's expected time at which the checks approach it closely (a job that finishes at
 *     half its expected time is seen at most {@code approachShare} of its duration late)
 * @param approachShare from {@code approachFrom} of the expected time on, the next check comes after this share of
 *     the time run, the last one exactly at the expected time
 * @param lateAfter multiple of the expected time up to which the checks come every {@code lagShare} (Cint's quote
 *     runs to 1.5 times its fast end for uploads, 1.67 times for removals)
 * @param lateFactor a job still running after {@code lateAfter} times its expected time is next checked after this
 *     multiple of the time it has run (few checks until the deadline)
 * @param wakeHorizon a timer this node creates that is due within this long wakes the job executor at its due time
 *     (TimerWakeUp), so job checks run on time instead of at the executor's next acquisition (up to its
 *     {@code max-wait} later); 0 switches it off
 */
@ConfigurationProperties("recontact.polling")
public record PollingProperties(
    @DefaultValue("1s") Duration initialInterval,
    @DefaultValue("2.0") double factor,
    @DefaultValue("30s") Duration maxInterval,
    @DefaultValue("4h") Duration deadline,
    @DefaultValue("5s") Duration conflictWait,
    @DefaultValue("0.09") double lagShare,
    @DefaultValue("1h") Duration maxPlannedInterval,
    @DefaultValue("20s") Duration earlyInterval,
    @DefaultValue("1m") Duration earlyWindow,
    @DefaultValue("4.0") double spreadFactor,
    @DefaultValue("0.5") double approachFrom,
    @DefaultValue("0.26") double approachShare,
    @DefaultValue("1.7") double lateAfter,
    @DefaultValue("1.0") double lateFactor,
    @DefaultValue("1h") Duration wakeHorizon) {

  /** The product's defaults with other base intervals (tests, benchmarks scaled in time). */
  public static PollingProperties of(Duration initialInterval, double factor, Duration maxInterval,
      Duration deadline, Duration conflictWait, double lagShare, Duration maxPlannedInterval) {
    return new PollingProperties(initialInterval, factor, maxInterval, deadline, conflictWait, lagShare,
        maxPlannedInterval, Duration.ofSeconds(20), Duration.ofMinutes(1), 4.0, 0.5, 0.26, 1.7, 1.0,
        Duration.ofHours(1));
  }
}
