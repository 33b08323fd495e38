package io.recontact.toluna.client;

import com.fasterxml.jackson.databind.ObjectMapper;
import feign.Client;
import io.recontact.marketplace.CallRetry;
import io.recontact.marketplace.MarketplaceFeign;
import io.recontact.toluna.model.TolunaJson;
import java.util.function.Supplier;

/** Builds a {@link TolunaClient}; used by the Spring configuration and by tests without Spring. */
public final class TolunaClients {

  private TolunaClients() {
  }

  static ObjectMapper objectMapper() {
    return TolunaJson.mapper();
  }

  /**
   * @param esBaseUrl the External Sample host ({@code IP_ES_URL}), looked up per request
   * @param memberBaseUrl the Member Management host ({@code IP_CORE_URL}), looked up per request
   */
  public static TolunaClient create(TolunaProperties properties, Supplier<String> esBaseUrl,
      Supplier<String> memberBaseUrl, Client http) {
    return create(properties, esBaseUrl, memberBaseUrl, http, CallRetry.NONE);
  }

  /** @param retry the retry of every call (the application's comes from configuration) */
  public static TolunaClient create(TolunaProperties properties, Supplier<String> esBaseUrl,
      Supplier<String> memberBaseUrl, Client http, CallRetry retry) {
    ObjectMapper mapper = objectMapper();
    TolunaErrorDecoder errors = new TolunaErrorDecoder(mapper);
    TolunaApi api = MarketplaceFeign.builder(mapper, properties.connectTimeout(), properties.readTimeout(), errors,
            TolunaApi.class)
        .client(http)
        .requestInterceptor(template -> {
          template.header("API_AUTH_KEY", properties.apiAuthKey());
          template.header("Accept", "application/json");
        })
        .target(MarketplaceFeign.target(TolunaApi.class, esBaseUrl));
    TolunaMemberApi members = MarketplaceFeign.builder(mapper, properties.connectTimeout(), properties.readTimeout(),
            errors, TolunaMemberApi.class)
        .client(http)
        .target(MarketplaceFeign.target(TolunaMemberApi.class, memberBaseUrl));
    return new FeignTolunaClient(api, members, properties.pageSize(),
        new MemberCallSpacing(properties.memberCallSpacing()), retry);
  }
}
