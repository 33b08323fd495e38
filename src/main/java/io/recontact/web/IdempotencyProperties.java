package io.recontact.web;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The {@code Idempotency-Key} of the starting POSTs under {@code /api} (docs/api.md).
 *
 * @param retention how long a key is remembered: a repeat within it answers the first start (200) or 422 for another
 *     body; afterwards the key is forgotten and starts again
 */
@ConfigurationProperties("recontact.api.idempotency")
public record IdempotencyProperties(@DefaultValue("24h") Duration retention) {
}
