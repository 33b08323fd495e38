package io.recontact.sandbox.cint;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.recontact.sandbox.AdminSettings;
import io.recontact.sandbox.faults.InjectedFaults.Fault;
import java.util.Comparator;
import java.util.Set;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Test controls for the simulator: inspect state, inject faults (one-shot, or a storm), change timings and refused
 * IDs, revoke tokens, reset. No authentication: it exists only while the sandbox is enabled, never in prod.
 */
@RestController
@RequestMapping("/sandbox/cint/admin")
class CintSimulatorAdminController {

  private static final Set<Integer> FAULT_STATUSES = Set.of(429, 500, 503);
  private static final JsonNodeFactory F = JsonNodeFactory.instance;
  private final CintMarketplace market;
  private final CintTokens tokens;

  CintSimulatorAdminController(CintMarketplace market, CintTokens tokens) {
    this.market = market;
    this.tokens = tokens;
  }

  @GetMapping("/state")
  ObjectNode state() {
    ObjectNode out = F.objectNode();
    ArrayNode groups = out.putArray("targetGroups");
    for (TargetGroup tg : market.allTargetGroups()) {
      groups.addObject().put("accountId", tg.account).put("projectId", tg.project).put("id", tg.id)
          .put("name", tg.body.path("name").asText()).put("studyType", tg.studyType()).put("status", tg.status)
          .put("storedRespondentIds", tg.rsids.size()).put("completesGoal", tg.body.path("completes_goal").asLong())
          .put("customerReference", tg.body.path("target_group_customer_reference_number").asText(null))
          .put("fieldingRunId", tg.fieldingRunId).put("completes", FieldingPlay.completes(tg))
          .put("runVersion", tg.runVersion).put("endFieldingAt", CintJson.time(tg.endFieldingAt));
    }
    ArrayNode jobs = out.putArray("jobs");
    market.allJobs().stream().sorted(Comparator.comparingLong((Job j) -> j.seq)).forEach(j -> jobs.addObject()
        .put("kind", j.kind.name()).put("id", j.id).put("targetGroupId", j.tg.id).put("status", j.status)
        .put("entityType", j.entityType).put("fileName", j.fileName).put("uploaded", j.uploaded).put("failed", j.failed)
        .put("failureCode", j.failureCode).put("createdAt", CintJson.time(j.createdAt))
        .put("dueAt", CintJson.time(j.dueAt)));
    ObjectNode calls = out.putObject("calls");
    market.callCounts().forEach(calls::put);
    ObjectNode faults = out.putObject("faults");
    market.faults().forEach((op, f) -> faults.putObject(op).put("status", f.status()).put("remaining", f.remaining())
        .put("retryAfterSeconds", f.retryAfterSeconds()).put("delayMillis", f.delayMillis()));
    out.set("storm", market.storm().state());
    var s = market.settings();
    out.putObject("settings").put("jobBaseMillis", s.jobBase.toMillis()).put("jobPerIdMicros", s.jobPerId.toNanos() / 1000)
        .put("jobPerIdMaxMicros", s.jobPerIdMax.toNanos() / 1000).put("removalPerIdMicros", s.removalPerId.toNanos() / 1000)
        .put("removalPerIdMaxMicros", s.removalPerIdMax.toNanos() / 1000)
        .put("launchMillis", s.launch.toMillis()).put("refusedFraction", s.refusedFraction)
        .put("tokenTtlSeconds", s.tokenTtlSeconds).put("completesPerHour", s.completesPerHour)
        .put("fieldingIncidenceRate", s.fieldingIncidenceRate).put("fieldingConversionRate", s.fieldingConversionRate)
        .put("webhookUrl", s.webhookUrl)
        .set("refusedIds", F.arrayNode().addAll(
            s.refusedIds.stream().sorted().map(F::textNode).toList()));
    return out;
  }

  @PostMapping("/faults")
  ResponseEntity<ObjectNode> addFault(@RequestBody JsonNode body) {
    String operation = body.path("operation").asText("");
    int status = body.path("status").asInt(500);
    int count = body.path("count").asInt(1);
    long delay = body.path("delayMillis").asLong(0);
    if (operation.isEmpty() || count < 1 || delay < 0 || (delay == 0 && !FAULT_STATUSES.contains(status))) {
      return ResponseEntity.badRequest().body(F.objectNode().put("error",
          "operation (an operationId) and count >= 1 are required; status must be 429, 500 or 503 unless delayMillis > 0"));
    }
    market.addFault(operation, new Fault(status, count, body.path("retryAfterSeconds").asInt(1), delay));
    return ResponseEntity.ok(F.objectNode().put("operation", operation).put("count", count));
  }

  @DeleteMapping("/faults")
  ResponseEntity<Void> clearFaults() {
    market.clearFaults();
    return ResponseEntity.noContent().build();
  }

  /**
   * Random faults on every operation (token included) until DELETE: {@code serverErrorRate}, {@code slowRate} with
   * {@code slowMillis}, {@code rateLimitRate} with {@code retryAfterSeconds}, {@code seed}; or {@code outage: true}
   * (503 to everything). One-shot faults still come first.
   */
  @PostMapping("/storm")
  ResponseEntity<ObjectNode> startStorm(@RequestBody(required = false) JsonNode body) {
    try {
      market.storm().start(market.storm().parse(body));
    } catch (IllegalArgumentException e) {
      return ResponseEntity.badRequest().body(F.objectNode().put("error", e.getMessage()));
    }
    return ResponseEntity.ok(market.storm().state());
  }

  /** Stops the storm (or outage); what it injected stays in the state until reset. */
  @DeleteMapping("/storm")
  ObjectNode stopStorm() {
    market.storm().stop();
    return market.storm().state();
  }

  /**
   * A partial update of {@link CintSettings#SPEC}'s settings. A wrong type, a value out of range or a field that is
   * no setting: 400 {@code {"error", "field"}} and nothing changed.
   */
  @PostMapping("/settings")
  ResponseEntity<ObjectNode> settings(@RequestBody JsonNode body) {
    try {
      market.updateSettings(CintSettings.SPEC.read(body));
    } catch (AdminSettings.Refused e) {
      return ResponseEntity.badRequest().body(e.body());
    }
    return ResponseEntity.ok((ObjectNode) state().get("settings"));
  }

  @PostMapping("/tokens/revoke")
  ResponseEntity<Void> revoke() {
    tokens.revokeAll();
    return ResponseEntity.noContent().build();
  }

  /**
   * Someone else changes the target group's fielding run right before our next {@code count} pauses or resumes
   * ({@code {"count": 1}} by default): their If-Match is stale and Cint answers 412.
   */
  @PostMapping("/target-groups/{id}/concurrent-change")
  ResponseEntity<ObjectNode> concurrentChange(@org.springframework.web.bind.annotation.PathVariable String id,
      @RequestBody(required = false) JsonNode body) {
    int count = body == null ? 1 : body.path("count").asInt(1);
    TargetGroup tg = market.allTargetGroups().stream().filter(t -> t.id.equals(id)).findFirst().orElse(null);
    if (tg == null || count < 1) {
      return ResponseEntity.badRequest().body(F.objectNode().put("error",
          "an existing target group id and count >= 1 are required"));
    }
    market.concurrentChange(tg, count);
    return ResponseEntity.ok(F.objectNode().put("targetGroupId", id).put("count", count));
  }

  @PostMapping("/reset")
  ResponseEntity<Void> reset() {
    market.reset();
    return ResponseEntity.noContent().build();
  }
}
