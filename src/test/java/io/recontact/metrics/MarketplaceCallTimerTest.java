package io.recontact.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import feign.Client;
import feign.Feign;
import feign.FeignException;
import feign.RequestLine;
import feign.Response;
import feign.RetryableException;
import feign.Retryer;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The call timer on a real Feign client: operation from the interface method, status from the answer or io_error. */
class MarketplaceCallTimerTest {

  interface Api {
    @RequestLine("GET /quotas")
    String getQuotas();

    @RequestLine("POST /invites")
    String generateInvite();
  }

  final SimpleMeterRegistry registry = new SimpleMeterRegistry();

  Api client(Client http) {
    return Feign.builder().retryer(Retryer.NEVER_RETRY).client(new MarketplaceCallTimer(registry, "toluna")
        .enrich(http)).target(Api.class, "http://toluna.invalid");
  }

  static Client answering(int status) {
    return (request, options) -> Response.builder().request(request).status(status).reason("x")
        .headers(Map.of()).body("{}", StandardCharsets.UTF_8).build();
  }

  Timer timer(String operation, String status) {
    return registry.find(MarketplaceCallTimer.NAME).tags("marketplace", "toluna", "operation", operation, "status",
        status).timer();
  }

  @Test
  void timesEachCallByOperationAndStatus() {
    client(answering(200)).getQuotas();
    client(answering(200)).getQuotas();
    assertThatThrownBy(() -> client(answering(503)).generateInvite()).isInstanceOf(FeignException.class);

    assertThat(timer("getQuotas", "200").count()).isEqualTo(2);
    assertThat(timer("generateInvite", "503").count()).isEqualTo(1);
    assertThat(timer("generateInvite", "200")).isNull();
  }

  @Test
  void aCallWithoutAnswerIsAnIoError() {
    Client refused = (request, options) -> {
      throw new IOException("Connection refused");
    };
    assertThatThrownBy(() -> client(refused).generateInvite()).isInstanceOf(RetryableException.class);
    assertThat(timer("generateInvite", "io_error").count()).isEqualTo(1);
  }
}
