package io.recontact.sandbox.cint;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * Renders simulator state in the spec's response shapes. Built as {@link ObjectNode}s so that nullable keys stay
 * present as {@code null} whatever the application's Jackson inclusion setting is.
 */
final class CintJson {

  private static final JsonNodeFactory F = JsonNodeFactory.instance;
  private static final DateTimeFormatter TIME =
      DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

  private CintJson() {}

  static String time(Instant instant) {
    return instant == null ? null : TIME.format(instant);
  }

  /** {@code FetchTargetGroupResponse} + links, plus {@code id} and {@code status} (not in the spec; guides show id). */
  static ObjectNode draft(TargetGroup tg) {
    JsonNode b = tg.body;
    ObjectNode out = F.objectNode();
    out.put("id", tg.id);
    out.put("status", tg.status);
    out.put("human_readable_id", tg.humanReadableId);
    out.put("name", b.path("name").asText().trim());
    out.put("business_unit_id", Integer.parseInt(b.path("business_unit_id").asText()));
    out.put("locale", b.path("locale").asText());
    out.put("collects_pii", b.path("collects_pii").asBoolean());
    out.put("study_type_code", tg.studyType());
    out.put("industry_code", b.path("industry_code").asText("other"));
    out.put("pricing_model", b.hasNonNull("cost_per_interview") ? "dynamic" : "rate_card");
    copy(b, out, "cost_per_interview");
    copy(b, out, "client_cost_per_interview_note");
    copy(b, out, "client_id");
    out.put("project_manager_id", b.path("project_manager_id").asText());
    out.set("fielding_specification", b.get("fielding_specification"));
    out.put("completes_goal", b.path("completes_goal").asLong());
    out.put("expected_length_of_interview_minutes", b.path("expected_length_of_interview_minutes").asInt());
    out.put("expected_incidence_rate", b.path("expected_incidence_rate").asDouble());
    out.putObject("exclusion").put("enabled", b.path("exclusion").path("enabled").asBoolean(false));
    if (b.path("respondent_activity_exclusions").isArray()) {
      ArrayNode exclusions = out.putArray("respondent_activity_exclusions");
      b.get("respondent_activity_exclusions").forEach(e -> {
        ObjectNode copy = e.deepCopy();
        if (!copy.hasNonNull("duration")) {
          copy.put("duration", "P90D");
        }
        exclusions.add(copy);
      });
    }
    copy(b, out, "industry_lockout_code");
    copy(b, out, "live_url");
    copy(b, out, "test_url");
    out.set("fielding_assistant_assignment", b.get("fielding_assistant_assignment"));
    out.put("created_at", time(tg.createdAt));
    copy(b, out, "profiling");
    out.set("allocations", allocations(tg));
    out.set("target_group_customer_reference_number", b.path("target_group_customer_reference_number").isTextual()
        ? b.get("target_group_customer_reference_number") : F.nullNode());
    out.putObject("links").put("test_client_survey", "https://sandbox.cint.invalid/test-survey/" + tg.humanReadableId);
    return out;
  }

  private static void copy(JsonNode from, ObjectNode to, String field) {
    if (from.hasNonNull(field)) {
      to.set(field, from.get(field));
    }
  }

  /** Request allocations turned into the response shape; the recontact template expands to an empty open exchange. */
  private static ObjectNode allocations(TargetGroup tg) {
    JsonNode a = tg.body.path("allocations");
    ObjectNode out = F.objectNode();
    if (a.has("template_id")) {
      out.put("template_id", a.get("template_id").asText());
    }
    JsonNode open = a.path("open_exchange_allocations");
    ObjectNode o = out.putObject("open_exchange_allocations");
    o.putArray("exchange_suppliers");
    o.set("blocked_suppliers", suppliers(open.path("blocked_supplier_ids")));
    o.put("exchange_min_percentage", open.path("exchange_min_percentage").asInt(0));
    o.put("exchange_max_percentage", open.path("exchange_max_percentage").asInt(100));
    ArrayNode groups = o.putArray("groups");
    int i = 1;
    for (JsonNode g : open.path("groups")) {
      groups.addObject().put("group_id", String.valueOf(i++)).put("group_name", g.path("group_name").asText())
          .put("min_percentage", g.path("min_percentage").asInt()).put("max_percentage", g.path("max_percentage").asInt())
          .set("suppliers", suppliers(g.path("suppliers")));
    }
    return out;
  }

  private static ArrayNode suppliers(JsonNode ids) {
    ArrayNode out = F.arrayNode();
    for (JsonNode id : ids) {
      if (id.asText().matches("^[0-9]{1,9}$")) {
        out.addObject().put("id", Integer.parseInt(id.asText())).put("name", "Supplier " + id.asText());
      }
    }
    return out;
  }

  static ObjectNode listItem(TargetGroup tg) {
    JsonNode b = tg.body;
    ObjectNode out = F.objectNode();
    out.put("id", tg.id);
    out.put("human_readable_id", tg.humanReadableId);
    out.put("name", b.path("name").asText().trim());
    out.put("project_manager_id", b.path("project_manager_id").asText());
    out.put("exclusion_enabled", b.path("exclusion").path("enabled").asBoolean(false));
    out.put("locale", b.path("locale").asText());
    out.put("status", tg.status);
    out.put("created_at", time(tg.createdAt));
    out.put("updated_at", time(tg.updatedAt));
    ObjectNode progress = out.putObject("statistics").putObject("progress");
    progress.putObject("value").put("current_completes", 0).put("current_prescreens", 0)
        .put("filling_goal", b.path("completes_goal").asLong()).put("filling_strategy", "completes");
    progress.putArray("issues");
    out.set("target_group_customer_reference_number", b.path("target_group_customer_reference_number").isTextual()
        ? b.get("target_group_customer_reference_number") : F.nullNode());
    return out;
  }

  /** Upload and remove-all job status; remove-all has no {@code partial_success_reason} key at all. */
  static ObjectNode recontactJob(Job job) {
    ObjectNode out = F.objectNode();
    out.put("job_id", job.id);
    out.put("created_at", time(job.createdAt));
    out.put("created_by", job.createdBy);
    out.put("status", job.status);
    out.put("completed_at", time(job.completedAt));
    out.set("failure_reason", failure(job));
    if (job.kind == Job.Kind.UPLOAD) {
      out.set("partial_success_reason",
          job.partialSuccess == null ? F.nullNode() : F.objectNode().put("description", job.partialSuccess));
    }
    // Cint fills job_trace_id only for failed jobs (the trace of the creating request).
    out.put("job_trace_id", "Failed".equals(job.status) ? job.traceId : null);
    return out;
  }

  static ObjectNode launchJob(Job job) {
    ObjectNode out = F.objectNode();
    out.put("job_id", job.id);
    out.put("created_fielding_run_id", job.fieldingRunId);
    out.put("created_at", time(job.createdAt));
    out.put("created_by", job.createdBy);
    out.put("status", job.status);
    out.set("failure_reason", failure(job));
    out.put("job_trace_id", "Failed".equals(job.status) ? job.traceId : null);
    return out;
  }

  private static JsonNode failure(Job job) {
    return job.failureCode == null ? F.nullNode()
        : F.objectNode().put("code", job.failureCode).put("description", job.failureDescription);
  }

  static ObjectNode uploadListItem(Job job) {
    return F.objectNode().put("job_id", job.id).put("file_name", fileName(job)).put("status", job.status)
        .put("created_at", time(job.createdAt)).put("created_by", job.createdBy);
  }

  /** Original name with anything but letters, digits, '.', '-' and '_' replaced; derived from the job id if empty. */
  static String fileName(Job job) {
    String name = job.fileName == null ? "" : job.fileName.replaceAll("[^A-Za-z0-9._-]", "_");
    return name.isEmpty() || name.matches("^[._]*$") ? "recontact-upload-" + job.id + ".txt" : name;
  }
}
