package io.recontact.cint.client;

import feign.Client;
import io.micrometer.core.instrument.MeterRegistry;
import io.recontact.marketplace.CallRetry;
import io.recontact.marketplace.MarketplaceFeign;
import io.recontact.marketplace.RetryProperties;
import io.recontact.metrics.MarketplaceCallTimer;
import java.time.Clock;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

/** The application's {@link CintClient}. Blank URLs point at the simulator mounted in this very server. */
@Configuration
class CintClientConfiguration {

  static final String SANDBOX_API_PATH = "/sandbox/cint/v1";
  static final String SANDBOX_TOKEN_PATH = "/sandbox/cint/oauth/token";

  @Bean
  CintClient cintClient(CintProperties properties, RetryProperties retry, Environment environment,
      ObjectProvider<Client> httpClient, MeterRegistry registry) {
    Client http = new MarketplaceCallTimer(registry, "cint").registerOperations(CintApi.class, CintTokenApi.class)
        .enrich(httpClient.getIfAvailable(() -> new Client.Default(null, null)));
    return CintClients.create(properties,
        MarketplaceFeign.baseUrl(properties.baseUrl(), environment, SANDBOX_API_PATH),
        MarketplaceFeign.baseUrl(properties.tokenUrl(), environment, SANDBOX_TOKEN_PATH),
        http, Clock.systemUTC(), new CallRetry(retry));
  }
}
