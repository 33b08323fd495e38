package io.recontact.marketplace;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The client-side retry of idempotent marketplace calls ({@link CallRetry}): at most {@code attempts} tries, waiting
 * {@code backoff} after the first failure and doubling up to {@code maxBackoff}; a 429 whose {@code Retry-After} is
 * at most {@code maxBackoff} is waited out too (longer ones go to the job, see {@code RateLimitRetryPlugin}).
 * Repeated are calls that may be: reads, PUTs, the Cint token, the launch, Toluna's GenerateInvite and member calls;
 * after the last try the job fails and Camunda's retry cycle takes over.
 *
 * @param attempts client tries of a call that may be repeated (reads, PUTs, the Cint token, the launch, Toluna's
 *     GenerateInvite and member calls)
 * @param backoff wait after the first failure, doubling with each further one
 * @param maxBackoff longest wait between tries
 */
@ConfigurationProperties("recontact.marketplace.retry")
public record RetryProperties(
    @DefaultValue("3") int attempts,
    @DefaultValue("200ms") Duration backoff,
    @DefaultValue("2s") Duration maxBackoff) {

  public RetryProperties {
    if (attempts < 1) {
      throw new IllegalArgumentException("recontact.marketplace.retry.attempts must be at least 1, not " + attempts);
    }
    if (backoff == null || backoff.isNegative() || maxBackoff == null || maxBackoff.compareTo(backoff) < 0) {
      throw new IllegalArgumentException("recontact.marketplace.retry: backoff must be 0 or more and max-backoff at "
          + "least backoff, not " + backoff + " / " + maxBackoff);
    }
  }
}
