package io.recontact.marketplace;

import feign.RetryableException;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Supplier;

/**
 * A bounded retry with back-off for marketplace calls that may be repeated without harm: reads, PUTs, the OAuth
 * token, and writes the marketplace deduplicates (an idempotency key, a 409 the caller treats as "already there").
 * Retried are 5xx, timeouts and connection errors ({@link #isTransient}), and a 429 whose {@code Retry-After} is
 * short; anything else, or the last failure, is thrown to the caller, whose Camunda job then retries.
 * Non-idempotent creates are never wrapped: a lost answer there is the job's to resolve (look-up before create).
 */
public final class CallRetry {

  /** One attempt: for tests and clients built without configuration. */
  public static final CallRetry NONE = new CallRetry(new RetryProperties(1, Duration.ZERO, Duration.ZERO));

  private final RetryProperties properties;

  public CallRetry(RetryProperties properties) {
    this.properties = properties;
  }

  public <T> T call(Supplier<T> call) {
    for (int attempt = 1; ; attempt++) {
      try {
        return call.get();
      } catch (RuntimeException e) {
        Duration wait = attempt < properties.attempts() ? waitBefore(attempt + 1, e) : null;
        if (wait == null) {
          throw e;
        }
        sleep(wait, e);
      }
    }
  }

  public void run(Runnable call) {
    call(() -> {
      call.run();
      return null;
    });
  }

  /** How long to wait before {@code nextAttempt}, or null when {@code failure} is not worth another try. */
  private Duration waitBefore(int nextAttempt, RuntimeException failure) {
    Optional<MarketplaceApiException> api = apiCause(failure);
    if (api.isPresent() && api.get().isRateLimited()) {
      Duration after = api.get().retryAfter().orElse(null);
      return after != null && after.compareTo(properties.maxBackoff()) <= 0 ? after : null;
    }
    if (!isTransient(failure)) {
      return null;
    }
    long base = properties.backoff().toMillis() << Math.min(nextAttempt - 2, 20);
    long capped = Math.min(base, properties.maxBackoff().toMillis());
    // Jitter (half to full): callers that failed together do not all come back at the same instant.
    return Duration.ofMillis(capped / 2 + ThreadLocalRandom.current().nextLong(capped / 2 + 1));
  }

  /** A failure that may pass by itself: a 5xx answer, a timeout or a connection error, anywhere in the causes. */
  public static boolean isTransient(Throwable failure) {
    for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
      if (cause instanceof MarketplaceApiException api) {
        return api.isTechnical();
      }
      if (cause instanceof RetryableException) {
        return true;
      }
    }
    return false;
  }

  private static Optional<MarketplaceApiException> apiCause(Throwable failure) {
    for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
      if (cause instanceof MarketplaceApiException api) {
        return Optional.of(api);
      }
    }
    return Optional.empty();
  }

  private static void sleep(Duration wait, RuntimeException failure) {
    try {
      Thread.sleep(wait.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw failure;
    }
  }
}
