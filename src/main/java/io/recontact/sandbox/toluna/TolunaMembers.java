package io.recontact.sandbox.toluna;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.recontact.sandbox.AdminSettings;
import io.recontact.sandbox.SandboxProperties;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.LongSupplier;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * Member Management v2 of the simulated Toluna (toluna-api §3.7): members per panel, add (409 when it exists), get (400
 * "No member found"), update of only the fields sent (answers merge by QuestionID), PII regulation, and the rule
 * that calls for one member code must be {@code member-call-spacing} apart (else 400). The spacing is measured from
 * the previous call for that code that passed this check, whatever its outcome.
 */
@Component
class TolunaMembers {

  private static final class Stored {
    final ObjectNode fields;
    final TreeMap<Long, ArrayNode> answers = new TreeMap<>();

    Stored(ObjectNode fields) {
      this.fields = fields;
    }

    boolean regulated() {
      return fields.path("IsPIIDataRegulated").asBoolean(false);
    }
  }

  private final TolunaPanels panels;
  private final Duration configuredSpacing;
  private final LongSupplier nanoTime;
  private final Map<String, Map<String, Stored>> members = new HashMap<>();
  /** Panel + member code to the time of its last call, only for calls younger than the spacing. */
  private final Map<String, Long> lastCall = new HashMap<>();
  private long spacingNanos;
  private long lastPrune;

  @Autowired
  TolunaMembers(TolunaPanels panels, SandboxProperties properties) {
    this(panels, properties.toluna().memberCallSpacing(), System::nanoTime);
  }

  TolunaMembers(TolunaPanels panels, Duration spacing, LongSupplier nanoTime) {
    this.panels = panels;
    this.configuredSpacing = spacing;
    this.nanoTime = nanoTime;
    this.spacingNanos = spacing.toNanos();
    this.lastPrune = nanoTime.getAsLong();
  }

  synchronized ObjectNode get(String partnerGuid, String memberCode) {
    String panel = panel(partnerGuid);
    if (memberCode == null || memberCode.isBlank()) {
      throw TolunaError.message(400, "memberCode is required.");
    }
    space(panel, memberCode);
    Stored m = members.getOrDefault(panel, Map.of()).get(memberCode);
    if (m == null || m.regulated()) {
      throw TolunaError.message(400, "No member found with member code " + memberCode + " and partner Guid "
          + partnerGuid);
    }
    return MemberBodies.render(panel, memberCode, m.fields, m.answers);
  }

  synchronized void add(ObjectNode body) {
    String panel = panel(MemberBodies.text(body, "PartnerGUID"));
    String code = requireCode(body);
    space(panel, code);
    MemberBodies.Patch patch = MemberBodies.parse(body);
    Map<String, Stored> byCode = members.computeIfAbsent(panel, p -> new TreeMap<>());
    if (byCode.containsKey(code)) {
      throw TolunaError.message(409, "An IP Member for MemberCode " + code + " and PartnerGUID "
          + patch.partnerGuid() + " already exists. To update a Member, please use the PUT verb.");
    }
    ObjectNode fields = patch.fields().objectNode().put("IsActive", true).put("IsTest", false)
        .put("IsPIIDataRegulated", false);
    Stored m = new Stored(fields);
    merge(m, patch);
    byCode.put(code, m);
  }

  synchronized void update(ObjectNode body) {
    String panel = panel(MemberBodies.text(body, "PartnerGUID"));
    String code = requireCode(body);
    space(panel, code);
    MemberBodies.Patch patch = MemberBodies.parse(body);
    Stored m = members.getOrDefault(panel, Map.of()).get(code);
    if (m == null || m.regulated()) {
      throw TolunaError.message(404, "No member found with member code " + code + " and partner Guid "
          + patch.partnerGuid());
    }
    merge(m, patch);
  }

  /** Sent scalars replace; a sent question replaces that question's answers (an empty list removes it). */
  private static void merge(Stored m, MemberBodies.Patch patch) {
    m.fields.setAll(patch.fields());
    if (patch.answers() != null) {
      patch.answers().forEach((question, answers) -> {
        if (answers.isEmpty()) {
          m.answers.remove(question);
        } else {
          m.answers.put(question, answers);
        }
      });
    }
  }

  /** 400 when the two calls for this member code are closer than the spacing; else records this call. */
  private void space(String panel, String code) {
    long now = nanoTime.getAsLong();
    if (now - lastPrune >= spacingNanos) {
      lastCall.values().removeIf(at -> now - at >= spacingNanos);
      lastPrune = now;
    }
    String key = panel + '|' + code;
    Long last = lastCall.get(key);
    if (last != null && now - last < spacingNanos) {
      throw TolunaError.message(400, "Calls for member code " + code + " must be at least "
          + Duration.ofNanos(spacingNanos).toMillis() + " ms apart; the previous one was "
          + Duration.ofNanos(now - last).toMillis() + " ms ago.");
    }
    lastCall.put(key, now);
  }

  private String panel(String partnerGuid) {
    String panel = panels.servedPanel(partnerGuid);
    if (panel == null) {
      throw TolunaError.message(400, "Invalid PartnerGUID " + partnerGuid);
    }
    return panel;
  }

  private static String requireCode(ObjectNode body) {
    String code = MemberBodies.text(body, "MemberCode");
    if (code == null) {
      throw TolunaError.message(400, "MemberCode is required.");
    }
    return code;
  }

  synchronized int count(String panel) {
    return members.getOrDefault(panel, Map.of()).size();
  }

  synchronized long spacingMillis() {
    return Duration.ofNanos(spacingNanos).toMillis();
  }

  /** Admin settings, checked already: {@code memberCallSpacingMillis} (0 switches the rule off). */
  synchronized void updateSettings(AdminSettings patch) {
    if (patch.has("memberCallSpacingMillis")) {
      spacingNanos = Duration.ofMillis(patch.wholeNumber("memberCallSpacingMillis")).toNanos();
      lastCall.clear();
    }
  }

  synchronized void reset() {
    members.clear();
    lastCall.clear();
    spacingNanos = configuredSpacing.toNanos();
  }
}
