package io.recontact.cint.client;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Connection settings for the Cint Exchange Demand API.
 *
 * <p>A blank {@code baseUrl}/{@code tokenUrl} means "the simulator mounted in this server", resolved against the
 * actual port at request time, so the sandbox works on any port (tests use random ports). {@code pageSize} is the
 * {@code page_size} of cursor lists: the spec allows 1–100 (the guide says 1–1000), so 100 satisfies both.
 *
 * @param baseUrl Cint API root ending in {@code /v1}, e.g. {@code https://api.cint.com/v1}; blank = this server's
 *     simulator (set both URLs for a real or standalone marketplace)
 * @param tokenUrl OAuth token endpoint, e.g. {@code https://auth.cint.com/oauth/token}; blank = this server's simulator
 * @param clientId OAuth client id (Cint API Starter Kit); unset = the sandbox's {@code sandbox-client}, required in
 *     {@code prod}
 * @param clientSecret OAuth client secret; unset = the sandbox's, required in {@code prod}
 * @param audience token {@code audience}
 * @param authScopes token {@code auth_scopes}
 * @param apiVersion {@code Cint-API-Version} header
 * @param connectTimeout HTTP connect timeout
 * @param readTimeout HTTP read timeout
 * @param tokenRefreshMargin fetch a new token this long before {@code expires_in} runs out
 * @param pageSize {@code page_size} of cursor lists (spec: 1–100)
 */
@ConfigurationProperties("recontact.cint")
public record CintProperties(
    String baseUrl,
    String tokenUrl,
    String clientId,
    String clientSecret,
    @DefaultValue("https://api.luc.id") String audience,
    @DefaultValue("app:api") String authScopes,
    @DefaultValue("2025-12-18") String apiVersion,
    @DefaultValue("5s") Duration connectTimeout,
    @DefaultValue("30s") Duration readTimeout,
    @DefaultValue("5m") Duration tokenRefreshMargin,
    @DefaultValue("100") int pageSize) {

  /** Keeps the secret out of logs, actuator output and exception messages. */
  @Override
  public String toString() {
    return "CintProperties[baseUrl=" + baseUrl + ", tokenUrl=" + tokenUrl + ", clientId=" + clientId
        + ", clientSecret=" + (clientSecret == null || clientSecret.isEmpty() ? "<unset>" : "****")
        + ", apiVersion=" + apiVersion + "]";
  }
}
