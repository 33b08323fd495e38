package io.recontact.cint.client;

import io.recontact.marketplace.CallRetry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * Holds one bearer token, fetched with client credentials and reused until {@code refreshMargin} before it expires.
 * The token and the secret are never logged or put in exception messages.
 */
class CintTokenProvider {

  private final CintTokenApi tokenApi;
  private final CintProperties properties;
  private final Clock clock;
  /** Asking for a token twice only issues two tokens: a 5xx or timeout of the token endpoint is retried here. */
  private final CallRetry retry;

  private String token;
  private Instant refreshAt = Instant.MIN;

  CintTokenProvider(CintTokenApi tokenApi, CintProperties properties, Clock clock) {
    this(tokenApi, properties, clock, CallRetry.NONE);
  }

  CintTokenProvider(CintTokenApi tokenApi, CintProperties properties, Clock clock, CallRetry retry) {
    this.retry = retry;
    this.tokenApi = tokenApi;
    this.properties = properties;
    this.clock = clock;
  }

  synchronized String token() {
    if (token == null || !clock.instant().isBefore(refreshAt)) {
      fetch();
    }
    return token;
  }

  /** After a 401: the next call fetches a new token. */
  synchronized void invalidate() {
    token = null;
  }

  private void fetch() {
    CintTokenApi.TokenResponse response = retry.call(() -> tokenApi.requestToken(new CintTokenApi.TokenRequest(
        properties.clientId(), properties.clientSecret(), "client_credentials", properties.authScopes(),
        properties.audience())));
    if (response == null || response.accessToken() == null || response.accessToken().isBlank()) {
      throw new IllegalStateException("Cint token endpoint answered without an access_token");
    }
    long lifetime = response.expiresIn() == null ? 86_400 : response.expiresIn();
    Duration usable = Duration.ofSeconds(lifetime).minus(properties.tokenRefreshMargin());
    if (usable.isNegative()) {
      usable = Duration.ofSeconds(lifetime / 2);
    }
    token = response.accessToken();
    refreshAt = clock.instant().plus(usable);
  }
}
