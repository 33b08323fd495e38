package io.recontact.sandbox.cint;

import static io.recontact.sandbox.cint.CintRequests.account;
import static io.recontact.sandbox.cint.CintRequests.createdBy;
import static io.recontact.sandbox.cint.CintRequests.project;
import static io.recontact.sandbox.cint.CintRequests.targetGroup;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.recontact.sandbox.cint.SimulatedError.InvalidParam;
import jakarta.servlet.http.HttpServletRequest;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

/**
 * The simulated fielding of a launched target group: overview, performance, the fielding run (ETag, pause and
 * resume with If-Match) and the batch job that completes runs. Respondents are played by {@link FieldingPlay}.
 */
@RestController
class CintSimulatorFieldingController {

  static final String TG = CintSimulatorController.TG_BASE + "/{tg}";
  static final String BATCH = "/sandbox/cint/v1/demand/accounts/{a}/projects/{p}/batch-jobs/"
      + "complete-fielding-runs-by-target-group-id";
  /** The simulated cost per interview. */
  static final BigDecimal CPI = new BigDecimal("2.50");

  private static final JsonNodeFactory F = JsonNodeFactory.instance;
  private final CintMarketplace market;

  CintSimulatorFieldingController(CintMarketplace market) {
    this.market = market;
  }

  @GetMapping(TG + "/overview")
  ObjectNode overview(@PathVariable String a, @PathVariable String p, @PathVariable String tg) {
    market.enter("get_target_group_overview");
    TargetGroup group = market.fieldingRun(targetGroup(market, a, p, tg), null);
    CintSettings s = market.settings();
    ObjectNode out = F.objectNode();
    out.put("project_name", "Sandbox project " + group.project);
    out.put("target_group_name", group.body.path("name").asText().trim());
    out.put("human_readable_id", group.humanReadableId);
    out.put("project_manager_id", group.body.path("project_manager_id").asText());
    ObjectNode progress = out.putObject("progress");
    progress.put("current_completes", FieldingPlay.completes(group));
    progress.put("current_prescreens", FieldingPlay.prescreens(group, s));
    progress.put("filling_goal", group.goal());
    progress.put("filling_strategy", "completes");
    out.put("pricing_model", "rate_card");
    out.put("is_pricing_restricted", false);
    out.set("current_cost_per_interview", money(CPI));
    out.set("average_cost_per_interview", money(CPI));
    out.set("current_cost", money(cost(group)));
    out.put("status", group.status);
    String locale = group.body.path("locale").asText("eng_us");
    out.put("country_code", locale.length() >= 6 ? locale.substring(4, 6).toUpperCase(Locale.ROOT) : "US");
    out.put("language_code", locale.length() >= 3 ? locale.substring(0, 3).toUpperCase(Locale.ROOT) : "ENG");
    out.put("conversion_rate", rate(group, s.fieldingConversionRate));
    out.put("drop_off_rate", 0.1);
    out.put("incidence_rate", rate(group, s.fieldingIncidenceRate));
    out.put("study_type_code", group.studyType());
    out.put("created_at", CintJson.time(group.createdAt));
    return out;
  }

  @GetMapping(TG + "/performance")
  ObjectNode performance(@PathVariable String a, @PathVariable String p, @PathVariable String tg) {
    market.enter("get_target_group_performance");
    TargetGroup group = market.fieldingRun(targetGroup(market, a, p, tg), null);
    CintSettings s = market.settings();
    ObjectNode out = F.objectNode();
    out.put("entrants", FieldingPlay.entrants(group, s));
    out.put("prescreens", FieldingPlay.prescreens(group, s));
    out.put("completes", FieldingPlay.completes(group));
    out.set("completes_cost", money(cost(group)));
    if (group.firstComplete != null) {
      out.put("first_complete", CintJson.time(group.firstComplete));
      out.put("last_complete", CintJson.time(group.lastComplete));
    }
    out.put("incidence_rate", rate(group, s.fieldingIncidenceRate));
    out.put("drop_off_rate", 0.1);
    out.put("conversion_rate", rate(group, s.fieldingConversionRate));
    return out;
  }

  @GetMapping(TG + "/fielding-runs")
  ObjectNode runs(@PathVariable String a, @PathVariable String p, @PathVariable String tg) {
    market.enter("get_fielding_runs_by_target_group_id");
    TargetGroup group = targetGroup(market, a, p, tg);
    ObjectNode out = F.objectNode();
    ArrayNode data = out.putArray("data");
    if (group.fieldingRunId != null) {
      data.add(run(market.fieldingRun(group, null)));
    }
    out.put("has_more", false);
    return out;
  }

  @GetMapping(TG + "/fielding-runs/{run}")
  ResponseEntity<ObjectNode> run(@PathVariable String a, @PathVariable String p, @PathVariable String tg,
      @PathVariable String run) {
    market.enter("get_fielding_run");
    TargetGroup group = market.fieldingRun(targetGroup(market, a, p, tg), run);
    return ResponseEntity.ok().header(HttpHeaders.ETAG, group.etag()).body(run(group));
  }

  @PostMapping(TG + "/fielding-runs/{run}/pause")
  ResponseEntity<Void> pause(@PathVariable String a, @PathVariable String p, @PathVariable String tg,
      @PathVariable String run, @RequestHeader(name = "If-Match", required = false) String ifMatch) {
    market.enter("pause_fielding_run");
    TargetGroup group = targetGroup(market, a, p, tg);
    market.changeRun(group, run, ifMatch, "live", "paused");
    return ResponseEntity.noContent().header(HttpHeaders.ETAG, group.etag()).build();
  }

  @PostMapping(TG + "/fielding-runs/{run}/resume")
  ResponseEntity<Void> resume(@PathVariable String a, @PathVariable String p, @PathVariable String tg,
      @PathVariable String run, @RequestHeader(name = "If-Match", required = false) String ifMatch) {
    market.enter("resume_fielding_run");
    TargetGroup group = targetGroup(market, a, p, tg);
    market.changeRun(group, run, ifMatch, "paused", "live");
    return ResponseEntity.noContent().header(HttpHeaders.ETAG, group.etag()).build();
  }

  @PostMapping(BATCH)
  ResponseEntity<Void> complete(@PathVariable String a, @PathVariable String p,
      @RequestHeader(name = "idempotency-key", required = false) String key,
      @RequestBody(required = false) JsonNode body, HttpServletRequest request) {
    market.enter("create_bulk_complete_target_groups_job");
    int account = account(market, a);
    project(p);
    List<InvalidParam> problems = new ArrayList<>();
    if (key == null || key.isBlank() || key.length() > 255) {
      problems.add(new InvalidParam("idempotency-key", "header is required and must be 1 to 255 characters"));
    }
    JsonNode ids = body == null ? null : body.get("target_group_ids");
    List<String> groups = new ArrayList<>();
    if (ids == null || !ids.isArray() || ids.isEmpty()) {
      problems.add(new InvalidParam("target_group_ids", "is required: at least one target group id"));
    } else {
      ids.forEach(id -> {
        if (!id.isTextual() || !Ulid.isValid(id.asText())) {
          problems.add(new InvalidParam("target_group_ids", "must be target group ids (^[0-9A-Z]{26}$)"));
        } else {
          groups.add(id.asText());
        }
      });
    }
    if (!problems.isEmpty()) {
      throw SimulatedError.badRequest("The request is invalid.", problems);
    }
    BulkCompleteJobs.BulkComplete job = market.createBulkComplete(account, p, key, groups, createdBy(request));
    return ResponseEntity.status(HttpStatus.CREATED)
        .header(HttpHeaders.LOCATION, "/demand/accounts/" + account + "/projects/" + p
            + "/batch-jobs/complete-fielding-runs-by-target-group-id/" + job.id())
        .build();
  }

  @GetMapping(BATCH + "/{job}")
  ObjectNode completeJob(@PathVariable String a, @PathVariable String p, @PathVariable String job) {
    market.enter("get_bulk_complete_target_groups_job");
    int account = account(market, a);
    project(p);
    BulkCompleteJobs.BulkComplete bulk = market.bulkComplete(account, p, job);
    ObjectNode out = F.objectNode();
    out.put("job_id", bulk.id());
    out.put("created_at", CintJson.time(bulk.createdAt()));
    out.put("created_by", bulk.createdBy());
    out.put("status", bulk.status());
    ArrayNode updated = out.putObject("updated_target_groups").putArray("data");
    ((ObjectNode) out.get("updated_target_groups")).put("has_more", false);
    ArrayNode failed = out.putObject("failed_target_groups").putArray("data");
    ((ObjectNode) out.get("failed_target_groups")).put("has_more", false);
    if (bulk.updated() != null) {
      bulk.updated().forEach(id -> updated.addObject().put("target_group_id", id));
      bulk.failed().forEach((id, code) -> {
        ObjectNode f = failed.addObject().put("target_group_id", id);
        f.putObject("failure_reason").put("code", code).put("description",
            "TargetGroupNotFound".equals(code) ? "Target group not found." : "Status transition is not allowed.");
      });
    }
    return out;
  }

  private static ObjectNode run(TargetGroup group) {
    ObjectNode out = F.objectNode();
    out.put("id", group.fieldingRunId);
    out.put("last_changed_at", CintJson.time(group.lastChangedAt));
    out.put("last_changed_by", "b551326b-ac9d-4d32-8823-4f025787dab9");
    out.put("start_fielding_at", CintJson.time(group.startFieldingAt));
    out.put("end_fielding_at", CintJson.time(group.endFieldingAt));
    out.put("status", group.status);
    out.put("version", group.runVersion);
    return out;
  }

  private static BigDecimal cost(TargetGroup group) {
    return CPI.multiply(BigDecimal.valueOf(FieldingPlay.completes(group)));
  }

  private static ObjectNode money(BigDecimal amount) {
    return F.objectNode().put("value", amount.setScale(2, RoundingMode.HALF_UP).toPlainString())
        .put("currency_code", "USD").put("currency_scale", 2);
  }

  /** The configured rate once there are completes; 0 before. */
  private static double rate(TargetGroup group, double configured) {
    return FieldingPlay.completes(group) == 0 ? 0 : configured;
  }
}
