package io.recontact.sandbox.cint;

import static io.recontact.sandbox.cint.CintPaging.multi;
import static io.recontact.sandbox.cint.CintPaging.page;
import static io.recontact.sandbox.cint.CintPaging.pageSize;
import static io.recontact.sandbox.cint.CintRequests.account;
import static io.recontact.sandbox.cint.CintRequests.createdBy;
import static io.recontact.sandbox.cint.CintRequests.project;
import static io.recontact.sandbox.cint.CintRequests.targetGroup;
import static io.recontact.sandbox.cint.CintRequests.traceId;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.recontact.sandbox.cint.CintPaging.Page;
import io.recontact.sandbox.cint.Job.Kind;
import io.recontact.sandbox.cint.SimulatedError.InvalidParam;
import jakarta.servlet.http.HttpServletRequest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The simulated Cint Demand API (version 2025-12-18): target groups and launch; the recontact routes are
 * {@link CintSimulatorRecontactController}'s. Paths after {@code /sandbox/cint/v1} equal the real API's.
 * Authentication and the version header are checked by {@link CintApiFilter}; each handler first counts the call and
 * applies injected faults ({@link CintMarketplace#enter}).
 *
 * <p>Projects are not modelled: any ULID under a configured account is treated as an existing project.
 */
@RestController
@RequestMapping(CintSimulatorController.TG_BASE)
class CintSimulatorController {

  static final String TG_BASE = "/sandbox/cint/v1/demand/accounts/{a}/projects/{p}/target-groups";
  private static final Set<String> TG_STATUSES = Set.of("draft", "scheduled", "live", "paused", "completed", "archived");

  private static final JsonNodeFactory F = JsonNodeFactory.instance;
  private final CintMarketplace market;

  CintSimulatorController(CintMarketplace market) {
    this.market = market;
  }

  // ------------------------------------------------------------------ target groups

  @PostMapping
  ResponseEntity<ObjectNode> create(@PathVariable String a, @PathVariable String p,
      @RequestBody(required = false) JsonNode body) {
    market.enter("create_target_group");
    int account = account(market, a);
    project(p);
    CintTargetGroupValidator.validate(body);
    TargetGroup tg = market.createTargetGroup(account, p, (ObjectNode) body.deepCopy());
    return ResponseEntity.status(HttpStatus.CREATED).body(F.objectNode().put("id", tg.id));
  }

  @GetMapping
  ObjectNode list(@PathVariable String a, @PathVariable String p, @RequestParam MultiValueMap<String, String> query) {
    market.enter("get_list_target_groups");
    int account = account(market, a);
    project(p);
    int pageSize = pageSize(query.getFirst("page_size"));
    List<String> statuses = multi(query.get("status"));
    for (String s : statuses) {
      if (!TG_STATUSES.contains(s)) {
        throw SimulatedError.invalidParam("status", "must be one of " + TG_STATUSES.stream().sorted().toList());
      }
    }
    List<String> refs = multi(query.get("target_group_customer_reference_numbers"));
    List<TargetGroup> matching = market.targetGroups(account, p).stream()
        .filter(tg -> statuses.isEmpty() || statuses.contains(tg.status))
        .filter(tg -> refs.isEmpty() || refs.contains(tg.body.path("target_group_customer_reference_number").asText(null)))
        .toList();
    Page<TargetGroup> page = page(matching, tg -> tg.id, "tg", query.getFirst("start_after"), pageSize, Integer.MAX_VALUE);
    ObjectNode out = F.objectNode();
    ArrayNode items = out.putArray("target_groups");
    page.items().forEach(tg -> items.add(CintJson.listItem(tg)));
    out.put("url", "/demand/accounts/" + account + "/projects/" + p + "/target-groups");
    out.put("has_more", page.nextCursor() != null);
    out.put("next_cursor", page.nextCursor());
    return out;
  }

  @GetMapping("/{tg}")
  ResponseEntity<ObjectNode> get(@PathVariable String a, @PathVariable String p, @PathVariable String tg) {
    market.enter("get_target_group");
    TargetGroup group = targetGroup(market, a, p, tg);
    if (!"draft".equals(group.status)) {
      // Launched groups live at .../details; the simulator gives its own absolute path so redirects resolve here.
      return ResponseEntity.status(HttpStatus.MOVED_PERMANENTLY)
          .header(HttpHeaders.LOCATION, "/sandbox/cint/v1" + group.path() + "/details").build();
    }
    return ResponseEntity.ok(CintJson.draft(group));
  }

  @PutMapping("/{tg}")
  ResponseEntity<Void> update(@PathVariable String a, @PathVariable String p, @PathVariable String tg,
      @RequestBody(required = false) JsonNode body) {
    market.enter("update_target_group");
    TargetGroup group = targetGroup(market, a, p, tg);
    if (!"draft".equals(group.status)) {
      throw SimulatedError.notDraft(group.status);
    }
    CintTargetGroupValidator.validate(body);
    market.updateTargetGroup(group, (ObjectNode) body.deepCopy());
    return ResponseEntity.noContent().build();
  }

  // ------------------------------------------------------------------ launch

  @PostMapping("/{tg}/fielding-run-jobs/launch-from-draft")
  ResponseEntity<ObjectNode> launch(@PathVariable String a, @PathVariable String p, @PathVariable String tg,
      @RequestHeader(name = "idempotency-key", required = false) String key,
      @RequestBody(required = false) JsonNode body, HttpServletRequest request) {
    market.enter("create_launch_fielding_run_from_draft_job");
    TargetGroup group = targetGroup(market, a, p, tg);
    List<InvalidParam> problems = new ArrayList<>();
    if (key == null || key.isBlank() || key.length() > 255) {
      problems.add(new InvalidParam("idempotency-key", "header is required and must be 1 to 255 characters"));
    }
    JsonNode end = body == null ? null : body.get("end_fielding_at");
    Instant endAt = end == null || !end.isTextual() ? null : CintTargetGroupValidator.parseDateTime(end.asText());
    if (endAt == null) {
      problems.add(new InvalidParam("end_fielding_at", "is required and must be an RFC 3339 date-time"));
    } else if (endAt.isBefore(Instant.now())) {
      problems.add(new InvalidParam("end_fielding_at", "must be in the future"));
    }
    if (!problems.isEmpty()) {
      throw SimulatedError.badRequest("The request is invalid.", problems);
    }
    Job job = market.createLaunch(group, key, end.asText(), createdBy(request), traceId(request));
    return ResponseEntity.status(HttpStatus.CREATED)
        // The spec declares no body: the job id travels only in Location, so clients must read it from there.
        .header(HttpHeaders.LOCATION, group.path() + "/fielding-run-jobs/launch-from-draft/" + job.id)
        .build();
  }

  @GetMapping("/{tg}/fielding-run-jobs/launch-from-draft/{job}")
  ObjectNode launchJob(@PathVariable String a, @PathVariable String p, @PathVariable String tg,
      @PathVariable String job) {
    market.enter("get_launch_fielding_run_from_draft_job");
    return CintJson.launchJob(market.job(targetGroup(market, a, p, tg), job, Kind.LAUNCH));
  }
}
