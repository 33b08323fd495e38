package io.recontact.sandbox.cint;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Base64;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.springframework.stereotype.Component;

/**
 * Issues and checks HS256 JWTs. The key is random per process, so tokens from an earlier simulator process are
 * rejected like forged ones; revocation forgets all issued token ids.
 */
@Component
class CintTokens {

  enum Check { VALID, INVALID, EXPIRED }

  record Verified(Check check, String subject) {}

  private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();
  private final byte[] key = new byte[32];
  private final Set<String> issued = ConcurrentHashMap.newKeySet();
  /** Every token handed out by this process, for tests that check no token was stored or logged anywhere. */
  private final Set<String> tokens = ConcurrentHashMap.newKeySet();
  private final ObjectMapper mapper;

  CintTokens(ObjectMapper mapper) {
    this.mapper = mapper;
    new SecureRandom().nextBytes(key);
  }

  String issue(String subject, long ttlSeconds) {
    long now = Instant.now().getEpochSecond();
    String jti = UUID.randomUUID().toString();
    var payload = mapper.createObjectNode().put("iss", "https://auth.cint.com/").put("sub", subject)
        .put("aud", "https://api.luc.id").put("iat", now).put("exp", now + ttlSeconds).put("jti", jti)
        .put("scope", "app:api");
    String unsigned = B64.encodeToString("{\"alg\":\"HS256\",\"typ\":\"JWT\"}".getBytes(StandardCharsets.UTF_8))
        + "." + B64.encodeToString(payload.toString().getBytes(StandardCharsets.UTF_8));
    issued.add(jti);
    String token = unsigned + "." + B64.encodeToString(sign(unsigned));
    tokens.add(token);
    return token;
  }

  Set<String> issuedTokens() {
    return Set.copyOf(tokens);
  }

  Verified verify(String token) {
    String[] parts = token == null ? new String[0] : token.split("\\.");
    if (parts.length != 3) {
      return new Verified(Check.INVALID, null);
    }
    try {
      byte[] signature = Base64.getUrlDecoder().decode(parts[2]);
      if (!MessageDigest.isEqual(signature, sign(parts[0] + "." + parts[1]))) {
        return new Verified(Check.INVALID, null);
      }
      JsonNode payload = mapper.readTree(Base64.getUrlDecoder().decode(parts[1]));
      if (!issued.contains(payload.path("jti").asText())) {
        return new Verified(Check.INVALID, null); // revoked
      }
      boolean expired = Instant.now().getEpochSecond() >= payload.path("exp").asLong();
      return new Verified(expired ? Check.EXPIRED : Check.VALID, payload.path("sub").asText());
    } catch (Exception e) {
      return new Verified(Check.INVALID, null);
    }
  }

  void revokeAll() {
    issued.clear();
  }

  private byte[] sign(String data) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(key, "HmacSHA256"));
      return mac.doFinal(data.getBytes(StandardCharsets.UTF_8));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }
}
