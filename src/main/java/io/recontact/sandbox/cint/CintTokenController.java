package io.recontact.sandbox.cint;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.security.MessageDigest;
import java.nio.charset.StandardCharsets;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/** Stand-in for {@code POST https://auth.cint.com/oauth/token} (OAuth2 client credentials, JSON body). */
@RestController
class CintTokenController {

  private final CintMarketplace market;
  private final CintTokens tokens;

  CintTokenController(CintMarketplace market, CintTokens tokens) {
    this.market = market;
    this.tokens = tokens;
  }

  @PostMapping("/sandbox/cint/oauth/token")
  ResponseEntity<ObjectNode> token(@RequestBody(required = false) JsonNode body) {
    market.enter("token");
    if (body == null || !body.isObject()) {
      return oauthError(400, "invalid_request", "The request body must be a JSON object.");
    }
    String clientId = body.path("client_id").asText("");
    String secret = body.path("client_secret").asText("");
    if (clientId.isEmpty() || secret.isEmpty()) {
      return oauthError(400, "invalid_request", "Missing required parameter: client_id and client_secret.");
    }
    if (!"client_credentials".equals(body.path("grant_type").asText())) {
      return oauthError(400, "invalid_request", "grant_type must be client_credentials.");
    }
    if (!"https://api.luc.id".equals(body.path("audience").asText())) {
      return oauthError(400, "invalid_request", "audience must be https://api.luc.id.");
    }
    var config = market.config();
    if (!equal(clientId, config.clientId()) || !equal(secret, config.clientSecret())) {
      return oauthError(401, "access_denied", "Unauthorized");
    }
    long ttl = market.settings().tokenTtlSeconds;
    ObjectNode out = JsonNodeFactory.instance.objectNode();
    out.put("access_token", tokens.issue(clientId, ttl));
    out.put("expires_in", ttl);
    out.put("token_type", "Bearer");
    return ResponseEntity.ok(out);
  }

  private static boolean equal(String given, String expected) {
    return MessageDigest.isEqual(given.getBytes(StandardCharsets.UTF_8), expected.getBytes(StandardCharsets.UTF_8));
  }

  private static ResponseEntity<ObjectNode> oauthError(int status, String error, String description) {
    return ResponseEntity.status(status)
        .body(JsonNodeFactory.instance.objectNode().put("error", error).put("error_description", description));
  }
}
