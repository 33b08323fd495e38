package io.recontact.cint.client;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import com.fasterxml.jackson.annotation.JsonInclude;
import feign.Client;
import io.recontact.marketplace.CallRetry;
import io.recontact.marketplace.MarketplaceFeign;
import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.function.Supplier;

/** Builds a {@link CintClient}; used by the Spring configuration and by tests that need no Spring context. */
public final class CintClients {

  /** Cint wants RFC 3339 UTC with exactly three fractional digits, e.g. {@code 2025-06-20T15:11:35.699Z}. */
  private static final DateTimeFormatter CINT_INSTANT =
      DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

  private CintClients() {
  }

  public static ObjectMapper objectMapper() {
    SimpleModule instants = new SimpleModule("cint-instants");
    instants.addSerializer(Instant.class, new StdSerializer<>(Instant.class) {
      @Override
      public void serialize(Instant value, JsonGenerator gen, SerializerProvider provider) throws IOException {
        gen.writeString(CINT_INSTANT.format(value));
      }
    });
    return JsonMapper.builder()
        .addModule(new JavaTimeModule())
        .addModule(instants)
        .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
        .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
        .serializationInclusion(JsonInclude.Include.NON_NULL)
        .build();
  }

  /**
   * @param baseUrl the API root ending in {@code /v1}, looked up per request
   * @param tokenUrl the OAuth token endpoint, looked up per request
   * @param http the HTTP client (tests wrap it to validate every exchange against the contract)
   */
  public static CintClient create(CintProperties properties, Supplier<String> baseUrl, Supplier<String> tokenUrl,
      Client http, Clock clock) {
    return create(properties, baseUrl, tokenUrl, http, clock, CallRetry.NONE);
  }

  /** @param retry the retry of idempotent calls and the token (the application's comes from configuration) */
  public static CintClient create(CintProperties properties, Supplier<String> baseUrl, Supplier<String> tokenUrl,
      Client http, Clock clock, CallRetry retry) {
    ObjectMapper mapper = objectMapper();
    CintErrorDecoder errors = new CintErrorDecoder(mapper);
    CintTokenApi tokenApi = MarketplaceFeign.builder(mapper, properties.connectTimeout(), properties.readTimeout(),
            errors, CintTokenApi.class)
        .client(http)
        .target(MarketplaceFeign.target(CintTokenApi.class, tokenUrl));
    CintTokenProvider tokens = new CintTokenProvider(tokenApi, properties, clock, retry);
    CintApi api = MarketplaceFeign.builder(mapper, properties.connectTimeout(), properties.readTimeout(), errors,
            CintApi.class)
        .client(http)
        .requestInterceptor(template -> {
          template.header("Authorization", "Bearer " + tokens.token());
          template.header("Cint-API-Version", properties.apiVersion());
          if (!template.headers().containsKey("Accept")) {
            template.header("Accept", "application/json");
          }
        })
        .target(MarketplaceFeign.target(CintApi.class, baseUrl));
    return new FeignCintClient(api, tokens, errors, mapper, properties.pageSize(), retry);
  }
}
