package io.recontact.sandbox.cint;

import com.fasterxml.jackson.databind.JsonNode;
import io.recontact.sandbox.cint.SimulatedError.InvalidParam;
import java.net.URI;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Validation of {@code CreateDraftTargetGroupRequest}/{@code UpdateDraftTargetGroupRequest} plus the recontact rules
 * of Cint's recontact guide. Collects every problem so one 400 lists them all, as the real API does.
 */
final class CintTargetGroupValidator {

  static final String RECONTACT_TEMPLATE_ID = "01JH0PEGPC4Z8RDD304E2SF0EW";
  static final String RSID_PLACEHOLDER = "[%RECONTACT_RSID%]";
  private static final Set<String> STUDY_TYPES = Set.of("adhoc", "diary", "recontact");

  private final List<InvalidParam> problems = new ArrayList<>();

  private CintTargetGroupValidator() {}

  /** Throws 400 with all problems found; 403 for the feature-gated re-entry configuration. */
  static void validate(JsonNode body) {
    if (body == null || !body.isObject()) {
      throw SimulatedError.badRequest("The request body must be a JSON object.", null);
    }
    if (body.has("re_entry_configuration")) {
      throw new SimulatedError(403, "authorization_error",
          "you don't have the right permissions to perform this operation");
    }
    var v = new CintTargetGroupValidator();
    v.check(body);
    if (!v.problems.isEmpty()) {
      throw SimulatedError.badRequest("The request body is invalid.", v.problems);
    }
  }

  private void check(JsonNode b) {
    JsonNode name = required(b, "name");
    if (name != null && textOf(name, "name") != null) {
      int length = name.asText().trim().length();
      if (length < 5 || length > 128) {
        problem("name", "must be between 5 and 128 characters");
      }
    }
    JsonNode bu = required(b, "business_unit_id");
    if (bu != null && !(bu.isIntegralNumber() || bu.isTextual() && bu.asText().matches("^[0-9]{1,9}$"))) {
      problem("business_unit_id", "must be a numeric business unit id");
    }
    JsonNode locale = required(b, "locale");
    if (locale != null && textOf(locale, "locale") != null && !locale.asText().matches("^[a-z]{3}_[a-z]{2}$")) {
      problem("locale", "must be a locale code like eng_us");
    }
    JsonNode pii = required(b, "collects_pii");
    if (pii != null && !pii.isBoolean()) {
      problem("collects_pii", "must be a boolean");
    }
    String studyType = "adhoc";
    JsonNode st = b.get("study_type_code");
    if (st != null && !st.isNull()) {
      if (!st.isTextual() || !STUDY_TYPES.contains(st.asText())) {
        problem("study_type_code", "must be one of " + STUDY_TYPES.stream().sorted().toList());
      } else {
        studyType = st.asText();
      }
    }
    optionalText(b, "industry_code");
    JsonNode pm = required(b, "project_manager_id");
    if (pm != null && !isUuid(pm)) {
      problem("project_manager_id", "must be a uuid");
    }
    JsonNode clientId = b.get("client_id");
    if (clientId != null && !clientId.isNull() && !clientId.isIntegralNumber()) {
      problem("client_id", "must be an integer or null");
    }
    checkFielding(required(b, "fielding_specification"));
    JsonNode goal = required(b, "completes_goal");
    if (goal != null && (!goal.isNumber() || goal.asDouble() != Math.rint(goal.asDouble()) || goal.asDouble() < 1)) {
      problem("completes_goal", "must be an integer greater than or equal to 1");
    }
    JsonNode loi = required(b, "expected_length_of_interview_minutes");
    if (loi != null && (!loi.isIntegralNumber() || loi.asInt() < 1 || loi.asInt() > 45)) {
      problem("expected_length_of_interview_minutes", "must be an integer between 1 and 45");
    }
    JsonNode ir = required(b, "expected_incidence_rate");
    if (ir != null) {
      double x = ir.asDouble();
      if (!ir.isNumber() || x < 0 || x > 1 || Math.abs(x * 100 - Math.rint(x * 100)) > 1e-9) {
        problem("expected_incidence_rate", "must be a number between 0 and 1 in steps of 0.01");
      }
    }
    JsonNode exclusion = b.get("exclusion");
    if (exclusion != null && !exclusion.isNull()) {
      if (!exclusion.isObject()) {
        problem("exclusion", "must be an object");
      } else if (exclusion.has("enabled") && !exclusion.get("enabled").isBoolean()) {
        problem("exclusion.enabled", "must be a boolean");
      }
    }
    optionalText(b, "industry_lockout_code");
    boolean recontact = "recontact".equals(studyType);
    checkUrl(b, "live_url", recontact);
    checkUrl(b, "test_url", recontact);
    JsonNode faa = required(b, "fielding_assistant_assignment");
    if (faa != null && !faa.isObject()) {
      problem("fielding_assistant_assignment", "must be an object");
    }
    checkAllocations(required(b, "allocations"), recontact);
    JsonNode profiling = b.get("profiling");
    if (profiling != null && !profiling.isNull() && !profiling.isObject()) {
      problem("profiling", "must be an object or null");
    }
    JsonNode ref = b.get("target_group_customer_reference_number");
    if (ref != null && !ref.isNull()) {
      if (!ref.isTextual() || ref.asText().length() < 3 || ref.asText().length() > 128
          || !ref.asText().matches("^[a-zA-Z0-9\\-_ ]*$")) {
        problem("target_group_customer_reference_number",
            "must be 3 to 128 characters of letters, digits, '-', '_' or space");
      }
    }
  }

  private void checkFielding(JsonNode f) {
    if (f == null) {
      return;
    }
    if (!f.isObject()) {
      problem("fielding_specification", "must be an object");
      return;
    }
    Instant start = dateTime(f, "fielding_specification.start_at");
    Instant end = dateTime(f, "fielding_specification.end_at");
    if (start != null && end != null && !end.isAfter(start)) {
      problem("fielding_specification.end_at", "must be after fielding_specification.start_at");
    } else if (end != null && end.isBefore(Instant.now())) {
      problem("fielding_specification.end_at", "must be in the future");
    }
  }

  private Instant dateTime(JsonNode parent, String path) {
    String field = path.substring(path.lastIndexOf('.') + 1);
    JsonNode node = parent.get(field);
    if (node == null || node.isNull()) {
      problem(path, "is required");
      return null;
    }
    Instant parsed = parseDateTime(node.asText());
    if (!node.isTextual() || parsed == null) {
      problem(path, "must be an RFC 3339 date-time, e.g. 2025-06-20T15:11:35.699Z");
      return null;
    }
    return parsed;
  }

  static Instant parseDateTime(String text) {
    try {
      return OffsetDateTime.parse(text).toInstant();
    } catch (Exception e) {
      return null;
    }
  }

  private void checkUrl(JsonNode b, String field, boolean recontact) {
    JsonNode url = b.get(field);
    if (url == null || url.isNull()) {
      if (recontact) {
        problem(field, "is required for recontact target groups and must contain " + RSID_PLACEHOLDER);
      }
      return;
    }
    if (!url.isTextual()) {
      problem(field, "must be a string");
      return;
    }
    String s = url.asText();
    if (s.length() > 3000) {
      problem(field, "must be at most 3000 characters");
    }
    if (!isHttpsUrl(s)) {
      problem(field, "must be an HTTPS URL");
    }
    if (recontact && !s.contains(RSID_PLACEHOLDER)) {
      problem(field, "must contain " + RSID_PLACEHOLDER + " for recontact target groups");
    }
  }

  private static boolean isHttpsUrl(String s) {
    try {
      // Placeholders like [%RID%] are not legal URI characters; neutralise them before parsing.
      URI uri = URI.create(s.replaceAll("\\[%[A-Z_]+%]", "x"));
      return "https".equalsIgnoreCase(uri.getScheme()) && uri.getHost() != null;
    } catch (IllegalArgumentException e) {
      return false;
    }
  }

  private void checkAllocations(JsonNode a, boolean recontact) {
    if (a == null) {
      return;
    }
    if (!a.isObject()) {
      problem("allocations", "must be an object");
      return;
    }
    if (recontact) {
      if (!RECONTACT_TEMPLATE_ID.equals(a.path("template_id").asText(null))) {
        problem("allocations.template_id", "must be the recontact template " + RECONTACT_TEMPLATE_ID);
      }
      return;
    }
    JsonNode open = a.get("open_exchange_allocations");
    if (open == null || !open.isObject()) {
      problem("allocations.open_exchange_allocations", "is required");
      return;
    }
    for (String f : List.of("blocked_supplier_ids", "groups")) {
      if (!open.path(f).isArray()) {
        problem("allocations.open_exchange_allocations." + f, "is required and must be an array");
      }
    }
    for (String f : List.of("exchange_min_percentage", "exchange_max_percentage")) {
      JsonNode p = open.get(f);
      if (p == null || !p.isIntegralNumber() || p.asInt() < 0 || p.asInt() > 100) {
        problem("allocations.open_exchange_allocations." + f, "is required and must be an integer between 0 and 100");
      }
    }
  }

  private JsonNode required(JsonNode b, String field) {
    JsonNode node = b.get(field);
    if (node == null || node.isNull()) {
      problem(field, "is required");
      return null;
    }
    return node;
  }

  private String textOf(JsonNode node, String field) {
    if (!node.isTextual()) {
      problem(field, "must be a string");
      return null;
    }
    return node.asText();
  }

  private void optionalText(JsonNode b, String field) {
    JsonNode node = b.get(field);
    if (node != null && !node.isNull() && !node.isTextual()) {
      problem(field, "must be a string");
    }
  }

  static boolean isUuid(JsonNode node) {
    return node.isTextual() && isUuid(node.asText());
  }

  /** 8-4-4-4-12 hex digits. A plain loop: settling an upload checks every line, and a regex cost a Matcher each. */
  static boolean isUuid(String s) {
    if (s == null || s.length() != 36) {
      return false;
    }
    for (int i = 0; i < 36; i++) {
      char c = s.charAt(i);
      boolean ok = i == 8 || i == 13 || i == 18 || i == 23 ? c == '-'
          : (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
      if (!ok) {
        return false;
      }
    }
    return true;
  }

  private void problem(String name, String reason) {
    problems.add(new InvalidParam(name, reason));
  }
}
