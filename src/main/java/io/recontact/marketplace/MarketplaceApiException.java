package io.recontact.marketplace;

import java.time.Duration;
import java.util.Optional;

/**
 * A marketplace answered with an HTTP error. Process code decides on the status alone: 5xx is technical (retry, then
 * incident), 429 waits {@link #retryAfter()}, other 4xx are business answers a person can act on.
 */
public abstract class MarketplaceApiException extends RuntimeException {

  private final int status;
  private final Duration retryAfter;

  protected MarketplaceApiException(String message, int status, Duration retryAfter) {
    super(message);
    this.status = status;
    this.retryAfter = retryAfter;
  }

  public int status() {
    return status;
  }

  /** From the {@code Retry-After} header, when the marketplace sent one. */
  public Optional<Duration> retryAfter() {
    return Optional.ofNullable(retryAfter);
  }

  /** Server-side or gateway failure: worth retrying later without changing anything. */
  public boolean isTechnical() {
    return status >= 500;
  }

  public boolean isRateLimited() {
    return status == 429;
  }
}
