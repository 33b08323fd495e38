package io.recontact.toluna.client;

import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Toluna Integrated Panel "External Sample" connection. Blank URLs mean the simulator mounted in this server.
 * {@code pageSize} is the {@code maxResults} of member-code pages: Toluna's default is 10,000 and it recommends
 * staying below it. Member Management calls for one member code are at least {@code memberCallSpacing} apart
 * (Toluna refuses calls closer than 1000 ms).
 *
 * @param baseUrl External Sample host ({@code IP_ES_URL}) without {@code /IPExternalSamplingService}; blank = this
 *     server's simulator ({@code /sandbox/toluna})
 * @param memberBaseUrl Member Management host ({@code IP_CORE_URL}); blank = same as {@code base-url}
 * @param apiAuthKey {@code API_AUTH_KEY} header (secret); unset = the sandbox's key, required in {@code prod}
 * @param panelGuids panels served by the key (comma-separated); unset = the sandbox's two panels, required in
 *     {@code prod}
 * @param connectTimeout HTTP connect timeout
 * @param readTimeout HTTP read timeout
 * @param pageSize member codes per page (1–9999)
 * @param memberCallSpacing least time between Member Management calls for one member code (Toluna's 1000 ms rule)
 */
@ConfigurationProperties("recontact.toluna")
public record TolunaProperties(
    String baseUrl,
    String memberBaseUrl,
    String apiAuthKey,
    @DefaultValue List<String> panelGuids,
    @DefaultValue("5s") Duration connectTimeout,
    @DefaultValue("30s") Duration readTimeout,
    @DefaultValue("5000") int pageSize,
    @DefaultValue("1000ms") Duration memberCallSpacing) {

  public TolunaProperties {
    if (memberCallSpacing == null || memberCallSpacing.isNegative()) {
      throw new IllegalArgumentException("recontact.toluna.member-call-spacing must be 0 or more, not "
          + memberCallSpacing);
    }
    if (pageSize < 1 || pageSize >= 10_000) {
      throw new IllegalArgumentException("recontact.toluna.page-size must be between 1 and 9999 (Toluna recommends "
          + "pages below 10,000), not " + pageSize);
    }
  }

  /** Keeps the key out of logs and actuator output. */
  @Override
  public String toString() {
    return "TolunaProperties[baseUrl=" + baseUrl + ", memberBaseUrl=" + memberBaseUrl + ", apiAuthKey="
        + (apiAuthKey == null || apiAuthKey.isEmpty() ? "<unset>" : "****") + ", panelGuids=" + panelGuids
        + ", memberCallSpacing=" + memberCallSpacing + "]";
  }
}
