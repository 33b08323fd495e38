package io.recontact.cint.followfielding;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.recontact.cint.CintSignature;
import io.recontact.engine.Text;
import io.recontact.web.ApiTags;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code POST /api/cint/webhooks}: Cint's webhook deliveries. The {@code Cint-Signature} is checked (HMAC-SHA256 of
 * {@code <t>.<body>} with {@code recontact.cint.fielding.webhook-secret}, {@code t} within the tolerance, each
 * delivery taken once); {@code target-group-updated} and {@code quota-fill-registered} wake the instance that
 * follows {@code payload.target_group_id} for an early reading. Other events are acknowledged and ignored.
 */
@RestController
@Tag(name = ApiTags.CINT_WEBHOOKS)
class CintWebhookController {

  private static final Logger LOG = LoggerFactory.getLogger(CintWebhookController.class);
  static final Set<String> WAKING = Set.of("target-group-updated", "quota-fill-registered");

  private final FieldingProperties properties;
  private final FieldingFollows follows;
  private final FieldingSignals signals;
  private final ObjectMapper mapper;

  CintWebhookController(FieldingProperties properties, FieldingFollows follows, FieldingSignals signals,
      ObjectMapper mapper) {
    this.properties = properties;
    this.follows = follows;
    this.signals = signals;
    this.mapper = mapper;
  }

  @PostMapping(path = "/api/cint/webhooks", consumes = "application/json")
  @Operation(summary = "A Cint webhook delivery (target-group-updated, quota-fill-registered wake the follow-up)",
      requestBody = @io.swagger.v3.oas.annotations.parameters.RequestBody(required = true,
      content = @Content(schema = @Schema(implementation = WebhookShapes.WebhookEvent.class))))
  @ApiResponse(responseCode = "202", description = "Taken",
      content = @Content(schema = @Schema(implementation = WebhookShapes.Taken.class)))
  ResponseEntity<Map<String, Object>> deliver(
      @RequestHeader(name = "Cint-Signature", required = false) String signature,
      @RequestBody(required = false) byte[] raw) {
    String secret = properties.webhookSecret();
    if (secret == null || secret.isBlank()) {
      return refuse(HttpStatus.SERVICE_UNAVAILABLE, "Cint webhooks are not configured here "
          + "(recontact.cint.fielding.webhook-secret is blank); the timer reads anyway");
    }
    String body = raw == null ? "" : new String(raw, StandardCharsets.UTF_8);
    CintSignature.Check check = CintSignature.check(signature, body, secret, properties.webhookTolerance(),
        Instant.now());
    if (!check.valid()) {
      LOG.warn("Cint webhook refused: {}", check.refusal());
      return refuse(HttpStatus.UNAUTHORIZED, "Cint webhook refused: " + check.refusal());
    }
    JsonNode event;
    try {
      event = mapper.readTree(body);
    } catch (IOException e) {
      event = null;
    }
    if (event == null || !event.isObject()) {
      return ResponseEntity.badRequest().body(Map.of("message", "Cint webhook refused: fix these problems",
          "problems", List.of("the body must be a JSON object {id, type, payload}")));
    }
    if (!follows.firstDelivery(sha256(signature))) {
      return refuse(HttpStatus.CONFLICT, "Cint webhook refused: this delivery was taken already (a replay)");
    }
    String type = event.path("type").asText("");
    String targetGroupId = event.path("payload").path("target_group_id").asText("");
    int woken = WAKING.contains(type) && !targetGroupId.isEmpty() ? signals.wake(targetGroupId, type) : 0;
    LOG.info("Cint webhook {} for target group {}: {} instance(s) woken", Text.abbreviate(type, 40),
        Text.abbreviate(targetGroupId, 40), woken);
    Map<String, Object> answer = new LinkedHashMap<>();
    answer.put("type", type);
    answer.put("targetGroupId", targetGroupId.isEmpty() ? null : targetGroupId);
    answer.put("woken", woken);
    return ResponseEntity.status(HttpStatus.ACCEPTED).body(answer);
  }

  private static ResponseEntity<Map<String, Object>> refuse(HttpStatus status, String message) {
    return ResponseEntity.status(status).body(Map.of("message", message));
  }

  private static String sha256(String text) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
          .digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
