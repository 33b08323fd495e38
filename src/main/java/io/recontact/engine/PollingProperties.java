package io.recontact.engine;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Timer polling of marketplace jobs. A job of unknown length is checked after {@code initialInterval}, then at
 * intervals growing by {@code factor} up to {@code maxInterval}. A job whose length can be estimated (Cint's quoted
 * rate times its IDs) is first checked when it is expected to be done at the earliest, then every {@code lagShare} of
 * the time it has run so far (at least {@code initialInterval}, at most {@code maxPlannedInterval}), so a completion
 * is seen within about that share of the job's duration. After {@code deadline} a person is asked.
 * {@code conflictWait} is the pause after a 409 (another job of the same target group still runs).
 *
 * @param initialInterval first wait before checking a marketplace job
 * @param factor back-off factor between checks of a job of unknown length
 * @param maxInterval longest wait between checks of a job of unknown length
 * @param deadline after this a person is asked (Cint quotes 10–15 min per 10,000 IDs)
 * @param conflictWait wait after a 409 before trying again
 * @param lagShare jobs of estimated length (Cint uploads, removals) are checked every this share of the time they have
 *     run so far (completion seen within about 7 % of the job's duration)
 * @param maxPlannedInterval longest wait between checks of a job of estimated length
 */
@ConfigurationProperties("recontact.polling")
public record PollingProperties(
    @DefaultValue("1s") Duration initialInterval,
    @DefaultValue("2.0") double factor,
    @DefaultValue("30s") Duration maxInterval,
    @DefaultValue("4h") Duration deadline,
    @DefaultValue("5s") Duration conflictWait,
    @DefaultValue("0.07") double lagShare,
    @DefaultValue("1h") Duration maxPlannedInterval) {
}
