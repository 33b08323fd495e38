package io.recontact.cint.client;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import feign.Headers;
import feign.RequestLine;

/** OAuth2 client-credentials token endpoint (another host than the API: {@code recontact.cint.token-url}). */
interface CintTokenApi {

  @RequestLine("POST")
  @Headers({"Content-Type: application/json", "Accept: application/json"})
  TokenResponse requestToken(TokenRequest request);

  @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
  record TokenRequest(String clientId, String clientSecret, String grantType, String authScopes, String audience) {

    /** Never print the secret. */
    @Override
    public String toString() {
      return "TokenRequest[clientId=" + clientId + ", clientSecret=****]";
    }
  }

  @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
  @JsonIgnoreProperties(ignoreUnknown = true)
  record TokenResponse(String accessToken, Long expiresIn, String tokenType) {

    @Override
    public String toString() {
      return "TokenResponse[expiresIn=" + expiresIn + ", tokenType=" + tokenType + "]";
    }
  }
}
