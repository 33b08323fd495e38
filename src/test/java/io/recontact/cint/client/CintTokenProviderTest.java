package io.recontact.cint.client;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class CintTokenProviderTest {

  private final List<CintTokenApi.TokenRequest> requests = new ArrayList<>();
  private final MutableClock clock = new MutableClock();
  private final CintProperties properties = new CintProperties("u", "t", "client", "very-secret",
      "https://api.luc.id", "app:api", "2025-12-18", Duration.ofSeconds(1), Duration.ofSeconds(1),
      Duration.ofMinutes(5), 100);
  private final CintTokenProvider tokens = new CintTokenProvider(request -> {
    requests.add(request);
    return new CintTokenApi.TokenResponse("jwt-" + requests.size(), 3600L, "Bearer");
  }, properties, clock);

  @Test
  void tokenIsCachedUntilShortlyBeforeExpiry() {
    assertThat(tokens.token()).isEqualTo("jwt-1");
    clock.advance(Duration.ofMinutes(54));
    assertThat(tokens.token()).isEqualTo("jwt-1");
    clock.advance(Duration.ofMinutes(1));
    assertThat(tokens.token()).isEqualTo("jwt-2");
    assertThat(requests).hasSize(2);
  }

  @Test
  void requestCarriesClientCredentialsAndDocumentedFields() {
    tokens.token();
    CintTokenApi.TokenRequest request = requests.get(0);
    assertThat(request.clientId()).isEqualTo("client");
    assertThat(request.clientSecret()).isEqualTo("very-secret");
    assertThat(request.grantType()).isEqualTo("client_credentials");
    assertThat(request.audience()).isEqualTo("https://api.luc.id");
    assertThat(request.authScopes()).isEqualTo("app:api");
    assertThat(request.toString()).doesNotContain("very-secret");
    assertThat(properties.toString()).doesNotContain("very-secret");
  }

  @Test
  void invalidatedTokenIsFetchedAgain() {
    tokens.token();
    tokens.invalidate();
    assertThat(tokens.token()).isEqualTo("jwt-2");
  }

  static final class MutableClock extends Clock {
    private Instant now = Instant.parse("2026-11-23T10:00:00Z");

    void advance(Duration duration) {
      now = now.plus(duration);
    }

    @Override
    public ZoneOffset getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(java.time.ZoneId zone) {
      return this;
    }

    @Override
    public Instant instant() {
      return now;
    }
  }
}
