package io.recontact.toluna.client;

import feign.Client;
import io.micrometer.core.instrument.MeterRegistry;
import io.recontact.marketplace.CallRetry;
import io.recontact.marketplace.MarketplaceFeign;
import io.recontact.marketplace.RetryProperties;
import io.recontact.metrics.MarketplaceCallTimer;
import java.util.function.Supplier;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

/** The application's {@link TolunaClient}. Blank URLs point at the simulator mounted in this very server. */
@Configuration
class TolunaClientConfiguration {

  static final String SANDBOX_PATH = "/sandbox/toluna";

  @Bean
  TolunaClient tolunaClient(TolunaProperties properties, RetryProperties retry, Environment environment,
      MeterRegistry registry) {
    Supplier<String> es = MarketplaceFeign.baseUrl(properties.baseUrl(), environment, SANDBOX_PATH);
    Supplier<String> core = properties.memberBaseUrl() == null || properties.memberBaseUrl().isBlank() ? es
        : MarketplaceFeign.baseUrl(properties.memberBaseUrl(), environment, SANDBOX_PATH);
    Client http = new MarketplaceCallTimer(registry, "toluna")
        .registerOperations(TolunaApi.class, TolunaMemberApi.class).enrich(new Client.Default(null, null));
    return TolunaClients.create(properties, es, core, http, new CallRetry(retry));
  }
}
