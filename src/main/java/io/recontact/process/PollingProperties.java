package io.recontact.process;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Timer polling of marketplace jobs: the interval starts at {@code initialInterval} and grows by {@code factor} up
 * to {@code maxInterval}; after {@code deadline} a person is asked. {@code conflictWait} is the pause after a 409
 * (another job of the same target group still runs).
 */
@ConfigurationProperties("recontact.polling")
public record PollingProperties(
    @DefaultValue("5s") Duration initialInterval,
    @DefaultValue("2.0") double factor,
    @DefaultValue("2m") Duration maxInterval,
    @DefaultValue("4h") Duration deadline,
    @DefaultValue("30s") Duration conflictWait) {
}
