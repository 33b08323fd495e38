package io.recontact.cint.client;

import static org.assertj.core.api.Assertions.assertThat;

import feign.Request;
import feign.Response;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CintErrorDecoderTest {

  private final CintErrorDecoder decoder = new CintErrorDecoder(CintClients.objectMapper());

  @Test
  void specErrorBodyBecomesTypedException() {
    CintApiException error = decode(400, Map.of(), """
        {"id":"9e278238-d011-4e05-8327-1ce1d5d26254","object":"bad_request_error","detail":"Expected field 'foo' is missing.",
         "invalid_params":[{"name":"completes_goal","reason":"must be greater than or equal to 1"}]}""");

    assertThat(error.status()).isEqualTo(400);
    assertThat(error.errorId()).isEqualTo("9e278238-d011-4e05-8327-1ce1d5d26254");
    assertThat(error.object()).isEqualTo("bad_request_error");
    assertThat(error.detail()).isEqualTo("Expected field 'foo' is missing.");
    assertThat(error.invalidParams()).containsExactly(
        new CintApiException.InvalidParam("completes_goal", "must be greater than or equal to 1"));
    assertThat(error.isTechnical()).isFalse();
    assertThat(error.getMessage()).contains("400", "bad_request_error", "completes_goal: must be greater");
  }

  @Test
  void rateLimitCarriesDetailsAndRetryAfter() {
    CintApiException error = decode(429, Map.of("retry-After", List.of("17")),
        "{\"object\":\"too_many_requests_problem_details\",\"details\":\"slow down\"}");

    assertThat(error.isRateLimited()).isTrue();
    assertThat(error.object()).isEqualTo("too_many_requests_problem_details");
    assertThat(error.detail()).isEqualTo("slow down");
    assertThat(error.retryAfter()).contains(Duration.ofSeconds(17));
  }

  @Test
  void nonJsonBodyIsKeptAsReadableDetail() {
    CintApiException error = decode(502, Map.of(), "<html>Bad Gateway</html>");

    assertThat(error.isTechnical()).isTrue();
    assertThat(error.object()).isNull();
    assertThat(error.detail()).isEqualTo("<html>Bad Gateway</html>");
    assertThat(error.retryAfter()).isEmpty();
  }

  @Test
  void oauthErrorIsUnderstood() {
    CintApiException error = decode(401, Map.of(),
        "{\"error\":\"access_denied\",\"error_description\":\"Unauthorized\"}");

    assertThat(error.object()).isEqualTo("access_denied");
    assertThat(error.detail()).isEqualTo("Unauthorized");
  }

  private CintApiException decode(int status, Map<String, Collection<String>> headers, String body) {
    Request request = Request.create(Request.HttpMethod.GET, "http://localhost/x", Map.of(), null,
        StandardCharsets.UTF_8, null);
    Response response = Response.builder().status(status).reason("x").request(request).headers(headers)
        .body(body, StandardCharsets.UTF_8).build();
    return (CintApiException) decoder.decode("CintApi#op()", response);
  }
}
