package io.recontact.toluna.client;

import static org.assertj.core.api.Assertions.assertThat;

import feign.Request;
import feign.Response;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.Test;

class TolunaErrorDecoderTest {

  final TolunaErrorDecoder decoder = new TolunaErrorDecoder(TolunaClients.objectMapper());

  TolunaApiException decode(int status, String body) {
    Request request = Request.create(Request.HttpMethod.GET, "http://localhost/x", Map.of(), null,
        StandardCharsets.UTF_8, null);
    return (TolunaApiException) decoder.decode("TolunaApi#op()", Response.builder().status(status).reason("x")
        .request(request).headers(Map.of()).body(body, StandardCharsets.UTF_8).build());
  }

  @ParameterizedTest
  @EnumSource(value = TolunaResultCode.class, mode = EnumSource.Mode.EXCLUDE, names = "UNKNOWN")
  void everyDocumentedResultCodeIsTyped(TolunaResultCode code) {
    TolunaApiException error = decode(400, "{\"Result\":\"" + code.name() + "\",\"ResultCode\":" + code.code() + "}");
    assertThat(error.resultCode()).isEqualTo(code);
    assertThat(error.getMessage()).contains(code.name(), "(" + code.code() + ")");
  }

  @Test
  void theDocumentedCodesAreAllThere() {
    assertThat(Arrays.stream(TolunaResultCode.values()).mapToInt(TolunaResultCode::code).filter(c -> c > 0))
        .containsExactlyInAnyOrder(1, 3, 4, 5, 6, 8, 9, 10, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24, 25,
            26, 27, 28, 29, 30, 31, 32, 33, 34, 35, 36, 37, 38, 39, 40, 41, 42, 43, 45, 46, 47);
  }

  @Test
  void forbiddenMeansABadKeyAndPlainTextAndMemberMessagesAreKept() {
    TolunaApiException forbidden = decode(403, "");
    assertThat(forbidden.isBadKey()).isTrue();
    assertThat(forbidden.getMessage()).contains("API_AUTH_KEY");

    assertThat(decode(500, "boom").detail()).isEqualTo("boom");
    assertThat(decode(500, "boom").isTechnical()).isTrue();
    TolunaApiException member = decode(400, "{\"Message\":\"No member found with member code X\"}");
    assertThat(member.detail()).startsWith("No member found");
    assertThat(member.resultCode()).isEqualTo(TolunaResultCode.UNKNOWN);
    assertThat(decode(400, "{\"Result\":\"NOT_A_CODE\",\"ResultCode\":99}").resultCode())
        .isEqualTo(TolunaResultCode.UNKNOWN);
  }
}
