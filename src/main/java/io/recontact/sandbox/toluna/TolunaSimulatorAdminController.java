package io.recontact.sandbox.toluna;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.recontact.sandbox.AdminSettings;
import io.recontact.sandbox.faults.InjectedFaults;
import java.util.ArrayList;
import java.util.List;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Test controls for the Toluna simulator: inventory and recontact lists per panel, quota live switch (which sends
 * quota status notifications), survey close (survey closed notification), state, faults, settings, reset. No authentication: it exists only in the sandbox.
 */
@RestController
@RequestMapping("/sandbox/toluna/admin")
class TolunaSimulatorAdminController {

  private static final JsonNodeFactory F = JsonNodeFactory.instance;
  private static final long DAY_MILLIS = java.time.Duration.ofDays(1).toMillis();

  /** The admin API's settings, each with its type and range (docs/toluna-simulator.md). */
  static final AdminSettings.Spec SPEC = AdminSettings.spec()
      .url("notificationUrl")
      .url("surveyClosedUrl")
      .wholeNumber("notificationRetries", 0, 20)
      .wholeNumber("notificationBackoffMillis", 0, DAY_MILLIS)
      .wholeNumber("notificationTimeoutMillis", 1, java.time.Duration.ofMinutes(10).toMillis())
      .wholeNumber("memberCallSpacingMillis", 0, DAY_MILLIS);
  private final TolunaPanels panels;
  private final TolunaCalls calls;
  private final TolunaMembers members;
  private final NotificationTargets targets;
  private final TolunaMemberPlay play;

  TolunaSimulatorAdminController(TolunaPanels panels, TolunaCalls calls, TolunaMembers members,
      NotificationTargets targets, TolunaMemberPlay play) {
    this.play = play;
    this.panels = panels;
    this.calls = calls;
    this.members = members;
    this.targets = targets;
  }

  @PutMapping("/panels/{panelGuid}/quotas")
  ObjectNode putQuotas(@PathVariable String panelGuid, @RequestBody ObjectNode inventory) {
    int quotas = panels.putInventory(panelGuid, inventory);
    return F.objectNode().put("panelGuid", TolunaPanels.normalise(panelGuid))
        .put("surveys", inventory.path("Surveys").size()).put("quotas", quotas);
  }

  @PutMapping("/panels/{panelGuid}/recontact/{quotaId}/members")
  ObjectNode putMembers(@PathVariable String panelGuid, @PathVariable int quotaId, @RequestBody JsonNode codes) {
    if (!codes.isArray()) {
      throw TolunaError.message(400, "A JSON array of member codes is required.");
    }
    List<String> list = new ArrayList<>(codes.size());
    for (JsonNode c : codes) {
      if (!c.isTextual() || c.asText().isBlank()) {
        throw TolunaError.message(400, "Member codes must be non-blank strings.");
      }
      list.add(c.asText());
    }
    int stored = panels.putRecontact(panelGuid, quotaId, list);
    return F.objectNode().put("panelGuid", TolunaPanels.normalise(panelGuid)).put("quotaId", quotaId)
        .put("members", stored);
  }

  @PostMapping("/quotas/{quotaId}/status")
  ObjectNode status(@PathVariable int quotaId, @RequestBody JsonNode body) {
    if (!body.path("IsLive").isBoolean()) {
      throw TolunaError.message(400, "{\"IsLive\": true|false} is required.");
    }
    return panels.setLive(quotaId, body.path("IsLive").asBoolean());
  }

  /**
   * Plays an outcome for a member's newest invite of a quota: {@code {"panelGuid": …, "quotaId": …, "outcome":
   * "COMPLETE|TERMINATE|PRESTART|RECONCILE", "reason": "QuotaFull", "rejectionId": 57, "rejectionName": "…",
   * "times": 1}} ({@code times} > 1 repeats it, as Toluna repeats completions).
   */
  @PostMapping("/members/{memberCode}/outcome")
  ObjectNode playOutcome(@PathVariable String memberCode, @RequestBody JsonNode body) {
    TolunaMemberPlay.Play outcome;
    try {
      outcome = TolunaMemberPlay.Play.valueOf(body.path("outcome").asText("").toUpperCase(java.util.Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw TolunaError.message(400, "outcome must be one of " + java.util.Arrays.toString(
          TolunaMemberPlay.Play.values()));
    }
    if (!body.path("panelGuid").isTextual() || !body.path("quotaId").canConvertToInt()) {
      throw TolunaError.message(400, "{\"panelGuid\": \"…\", \"quotaId\": 123, \"outcome\": …} is required.");
    }
    int times = body.path("times").asInt(1);
    if (times < 1 || times > 10) {
      throw TolunaError.message(400, "times must be 1 to 10.");
    }
    String reason = body.hasNonNull("reason") ? body.path("reason").asText() : null;
    var rejection = body.path("rejectionId").canConvertToInt() ? java.util.Map.entry(body.path("rejectionId").asInt(),
        body.path("rejectionName").asText("Unnamed")) : null;
    int sent = 0;
    for (int i = 0; i < times; i++) {
      if (play.play(body.path("panelGuid").asText(), memberCode, body.path("quotaId").asInt(), outcome, reason,
          rejection)) {
        sent++;
      }
    }
    if (sent == 0) {
      throw TolunaError.message(404, "No invite of that member for that quota was generated by the simulator "
          + "(or no notification URL is set).");
    }
    return F.objectNode().put("queued", sent).put("outcome", outcome.name());
  }

  /** Switches the members' own play of delivered invites on or off: {@code {"enabled": false}}. */
  @PostMapping("/member-play")
  ObjectNode memberPlay(@RequestBody JsonNode body) {
    if (!body.path("enabled").isBoolean()) {
      throw TolunaError.message(400, "{\"enabled\": true|false} is required.");
    }
    play.setEnabled(body.path("enabled").asBoolean());
    return F.objectNode().put("enabled", play.enabled());
  }

  @PostMapping("/surveys/{surveyId}/close")
  ObjectNode closeSurvey(@PathVariable int surveyId) {
    return panels.closeSurvey(surveyId);
  }

  @GetMapping("/state")
  ObjectNode state() {
    ObjectNode state = panels.state();
    state.path("panels").fields().forEachRemaining(p -> ((ObjectNode) p.getValue()).put("members",
        members.count(p.getKey())));
    ((ObjectNode) state.path("settings")).put("memberCallSpacingMillis", members.spacingMillis())
        .put("memberPlay", play.enabled());
    return state;
  }

  @PostMapping("/faults")
  ResponseEntity<ObjectNode> addFault(@RequestBody JsonNode body) {
    String route = body.path("route").asText("");
    int status = body.path("status").asInt(500);
    int count = body.path("count").asInt(1);
    long delay = body.path("delayMillis").asLong(0);
    boolean memberRoute = route.endsWith("Member");
    if (!TolunaPanels.ROUTES.contains(route) || count < 1 || delay < 0
        || (status != 500 && status != 403 && !(status == 400 && memberRoute) && !(status == 200 && delay > 0))) {
      return ResponseEntity.badRequest().body(F.objectNode().put("error",
          "route (one of " + new java.util.TreeSet<>(TolunaPanels.ROUTES) + ") and count >= 1 are required; "
              + "status must be 500 or 403, 400 for a member route, or 200 with delayMillis > 0"));
    }
    calls.addFault(route, new InjectedFaults.Fault(status, count, 0, delay));
    return ResponseEntity.ok(F.objectNode().put("route", route).put("count", count));
  }

  /**
   * Random faults on every route (Member API included) until DELETE: {@code serverErrorRate} (500/503),
   * {@code slowRate} with {@code slowMillis}, {@code seed}; or {@code outage: true} (503 to everything). Toluna has
   * no rate limits, so {@code rateLimitRate} must be 0. One-shot faults still come first.
   */
  @PostMapping("/storm")
  ResponseEntity<ObjectNode> startStorm(@RequestBody(required = false) JsonNode body) {
    try {
      calls.storm().start(calls.storm().parse(body));
    } catch (IllegalArgumentException e) {
      return ResponseEntity.badRequest().body(F.objectNode().put("error", e.getMessage()));
    }
    return ResponseEntity.ok(calls.storm().state());
  }

  /** Stops the storm (or outage); what it injected stays in the state until reset. */
  @DeleteMapping("/storm")
  ObjectNode stopStorm() {
    calls.storm().stop();
    return calls.storm().state();
  }

  /**
   * A partial update of {@link #SPEC}'s settings. A wrong type, a value out of range or a field that is no setting:
   * 400 {@code {"error", "field"}} and nothing changed (the whole body is checked first).
   */
  @PostMapping("/settings")
  ResponseEntity<ObjectNode> settings(@RequestBody JsonNode body) {
    AdminSettings patch;
    try {
      patch = SPEC.read(body);
    } catch (AdminSettings.Refused e) {
      return ResponseEntity.badRequest().body(e.body());
    }
    members.updateSettings(patch);
    targets.updateSettings(patch);
    return ResponseEntity.ok((ObjectNode) state().get("settings"));
  }

  @PostMapping("/reset")
  ResponseEntity<Void> reset() {
    panels.reset();
    members.reset();
    play.reset();
    return ResponseEntity.noContent().build();
  }
}
