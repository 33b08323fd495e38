package io.recontact.sandbox.cint;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.recontact.sandbox.cint.SimulatedError.InvalidParam;
import io.recontact.sandbox.cint.Job.Kind;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
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
import org.springframework.web.bind.annotation.RequestPart;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;

/**
 * The simulated Cint Demand API (version 2025-12-18): target groups, recontact uploads/removals and launch. Paths
 * after {@code /sandbox/cint/v1} equal the real API's. Authentication and the version header are checked by
 * {@link CintApiFilter}; each handler first counts the call and applies injected faults ({@link CintMarketplace#enter}).
 *
 * <p>Projects are not modelled: any ULID under a configured account is treated as an existing project.
 */
@RestController
@RequestMapping(CintSimulatorController.TG_BASE)
class CintSimulatorController {

  static final String TG_BASE = "/sandbox/cint/v1/demand/accounts/{a}/projects/{p}/target-groups";
  private static final String RECONTACTS = "/{tg}/recontacts";
  private static final Set<String> ENTITY_TYPES = Set.of("RSID", "RESPONDENT_ID", "RID", "RESPONSE_ID");
  private static final Set<String> TG_STATUSES = Set.of("draft", "scheduled", "live", "paused", "completed", "archived");
  /** Internal storage "pages": list pages never cross these boundaries, so some pages come back short. */
  private static final int JOB_SEGMENT = 7;
  private static final int RSID_SEGMENT = 997;

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
    int account = account(a);
    project(p);
    CintTargetGroupValidator.validate(body);
    TargetGroup tg = market.createTargetGroup(account, p, (ObjectNode) body.deepCopy());
    return ResponseEntity.status(HttpStatus.CREATED).body(F.objectNode().put("id", tg.id));
  }

  @GetMapping
  ObjectNode list(@PathVariable String a, @PathVariable String p, @RequestParam MultiValueMap<String, String> query) {
    market.enter("get_list_target_groups");
    int account = account(a);
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
    page.items.forEach(tg -> items.add(CintJson.listItem(tg)));
    out.put("url", "/demand/accounts/" + account + "/projects/" + p + "/target-groups");
    out.put("has_more", page.nextCursor != null);
    out.put("next_cursor", page.nextCursor);
    return out;
  }

  @GetMapping("/{tg}")
  ResponseEntity<ObjectNode> get(@PathVariable String a, @PathVariable String p, @PathVariable String tg) {
    market.enter("get_target_group");
    TargetGroup group = targetGroup(a, p, tg);
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
    TargetGroup group = targetGroup(a, p, tg);
    if (!"draft".equals(group.status)) {
      throw SimulatedError.notDraft(group.status);
    }
    CintTargetGroupValidator.validate(body);
    market.updateTargetGroup(group, (ObjectNode) body.deepCopy());
    return ResponseEntity.noContent().build();
  }

  // ------------------------------------------------------------------ recontact uploads

  @PostMapping(RECONTACTS + "/jobs/upload-respondents-by-file")
  ResponseEntity<ObjectNode> upload(@PathVariable String a, @PathVariable String p, @PathVariable String tg,
      @RequestParam(name = "entity_type", required = false) String entityType,
      @RequestPart(name = "file", required = false) MultipartFile file, HttpServletRequest request) throws IOException {
    market.enter("recontact_create_upload_respondents_by_file_job");
    return createUpload(a, p, tg, entityType, false, file, request);
  }

  /** Legacy RSID-only upload: same rules, duplicate RSIDs within the file are failed lines. */
  @PostMapping(RECONTACTS + "/jobs/upload-rsids-by-file")
  ResponseEntity<ObjectNode> uploadRsids(@PathVariable String a, @PathVariable String p, @PathVariable String tg,
      @RequestPart(name = "file", required = false) MultipartFile file, HttpServletRequest request) throws IOException {
    market.enter("recontact_create_upload_rsids_by_file_job");
    return createUpload(a, p, tg, "RSID", true, file, request);
  }

  private ResponseEntity<ObjectNode> createUpload(String a, String p, String tg, String entityType, boolean legacy,
      MultipartFile file, HttpServletRequest request) throws IOException {
    TargetGroup group = targetGroup(a, p, tg);
    if (entityType == null || !ENTITY_TYPES.contains(entityType)) {
      throw SimulatedError.invalidParam("entity_type", "is required and must be one of RSID, RESPONDENT_ID, RID, RESPONSE_ID");
    }
    if (file == null) {
      throw SimulatedError.invalidParam("file", "a multipart part named 'file' is required");
    }
    if (file.getSize() >= CintMarketplace.MAX_FILE_BYTES) {
      throw SimulatedError.tooLarge();
    }
    Job job = market.createUpload(group, entityType, legacy, file.getBytes(), file.getOriginalFilename(),
        createdBy(request), traceId(request));
    return ResponseEntity.status(HttpStatus.CREATED).body(F.objectNode().put("job_id", job.id));
  }

  @GetMapping(RECONTACTS + "/jobs/upload-respondents-by-file/{job}")
  ObjectNode uploadJob(@PathVariable String a, @PathVariable String p, @PathVariable String tg, @PathVariable String job) {
    market.enter("get_recontact_upload_respondents_by_file_job");
    return CintJson.recontactJob(market.job(targetGroup(a, p, tg), job, Kind.UPLOAD));
  }

  @GetMapping(RECONTACTS + "/jobs/upload-rsids-by-file/{job}")
  ObjectNode uploadRsidsJob(@PathVariable String a, @PathVariable String p, @PathVariable String tg,
      @PathVariable String job) {
    market.enter("get_recontact_upload_rsids_by_file_job");
    return CintJson.recontactJob(market.job(targetGroup(a, p, tg), job, Kind.UPLOAD));
  }

  @GetMapping(RECONTACTS + "/jobs/upload-respondents-by-file")
  ObjectNode uploadJobs(@PathVariable String a, @PathVariable String p, @PathVariable String tg,
      @RequestParam(name = "page_size", required = false) String pageSize,
      @RequestParam(name = "start_after", required = false) String startAfter) {
    market.enter("recontact_list_upload_respondents_by_file_jobs");
    TargetGroup group = targetGroup(a, p, tg);
    Page<Job> page = page(market.uploads(group), j -> j.id, "job", startAfter, pageSize(pageSize), JOB_SEGMENT);
    ObjectNode out = F.objectNode();
    ArrayNode data = out.putArray("data");
    page.items.forEach(j -> data.add(CintJson.uploadListItem(j)));
    out.put("next_cursor", page.nextCursor);
    return out;
  }

  @GetMapping(RECONTACTS + "/jobs/upload-respondents-by-file/{job}/download")
  ResponseEntity<byte[]> download(@PathVariable String a, @PathVariable String p, @PathVariable String tg,
      @PathVariable String job) {
    market.enter("recontact_download_job_file");
    Job upload = market.job(targetGroup(a, p, tg), job, Kind.UPLOAD);
    return ResponseEntity.ok().contentType(MediaType.APPLICATION_OCTET_STREAM)
        .header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"" + CintJson.fileName(upload) + "\"")
        .body(upload.file);
  }

  // ------------------------------------------------------------------ remove-all, overview, RSID list

  @PostMapping(RECONTACTS + "/jobs/remove-all-rsids")
  ResponseEntity<ObjectNode> removeAll(@PathVariable String a, @PathVariable String p, @PathVariable String tg,
      HttpServletRequest request) {
    market.enter("create_all_recontact_rsids_removal_job");
    Job job = market.createRemoveAll(targetGroup(a, p, tg), createdBy(request), traceId(request));
    return ResponseEntity.status(HttpStatus.CREATED).body(F.objectNode().put("job_id", job.id));
  }

  @GetMapping(RECONTACTS + "/jobs/remove-all-rsids/{job}")
  ObjectNode removeAllJob(@PathVariable String a, @PathVariable String p, @PathVariable String tg,
      @PathVariable String job) {
    market.enter("recontacts_remove_all_rsids_job_status");
    return CintJson.recontactJob(market.job(targetGroup(a, p, tg), job, Kind.REMOVE_ALL));
  }

  @GetMapping(RECONTACTS + "/overview")
  ObjectNode overview(@PathVariable String a, @PathVariable String p, @PathVariable String tg) {
    market.enter("get_recontacts_overview");
    return F.objectNode().put("saved_respondent_ids_count", market.rsids(targetGroup(a, p, tg)).size());
  }

  @GetMapping(RECONTACTS + "/rsids")
  ObjectNode rsids(@PathVariable String a, @PathVariable String p, @PathVariable String tg,
      @RequestParam(name = "page_size", required = false) String pageSize,
      @RequestParam(name = "start_after", required = false) String startAfter,
      @RequestParam(name = "end_before", required = false) String endBefore) {
    market.enter("get_target_group_rsid_recontact_list");
    TargetGroup group = targetGroup(a, p, tg);
    List<String> all = market.rsids(group); // sorted ascending
    int size = pageSize(pageSize);
    List<String> items;
    String next;
    if (endBefore != null && startAfter == null) {
      int end = position(all, decodeCursor(endBefore, "rsid", "end_before"), false);
      items = all.subList(Math.max(0, end - size), end);
      next = end < all.size() && !items.isEmpty() ? cursor("rsid", items.get(items.size() - 1)) : null;
    } else {
      Page<String> page = page(all, Function.identity(), "rsid", startAfter, size, RSID_SEGMENT);
      items = page.items;
      next = page.nextCursor;
    }
    ObjectNode out = F.objectNode();
    ArrayNode data = out.putArray("data");
    items.forEach(data::add);
    // Unlike the upload-job list, this schema's next_cursor is not nullable: the last page omits it.
    if (next != null) {
      out.put("next_cursor", next);
    }
    out.put("url", group.path() + "/recontacts/rsids");
    return out;
  }

  // ------------------------------------------------------------------ launch

  @PostMapping("/{tg}/fielding-run-jobs/launch-from-draft")
  ResponseEntity<ObjectNode> launch(@PathVariable String a, @PathVariable String p, @PathVariable String tg,
      @RequestHeader(name = "idempotency-key", required = false) String key,
      @RequestBody(required = false) JsonNode body, HttpServletRequest request) {
    market.enter("create_launch_fielding_run_from_draft_job");
    TargetGroup group = targetGroup(a, p, tg);
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
    return CintJson.launchJob(market.job(targetGroup(a, p, tg), job, Kind.LAUNCH));
  }

  // ------------------------------------------------------------------ helpers

  private int account(String a) {
    int account;
    try {
      account = Integer.parseInt(a);
    } catch (NumberFormatException e) {
      throw SimulatedError.invalidParam("account_id", "must be an integer");
    }
    if (!market.config().accounts().contains(account)) {
      throw SimulatedError.notFound();
    }
    return account;
  }

  private static void project(String p) {
    if (!Ulid.isValid(p)) {
      throw SimulatedError.invalidParam("project_id", "must match ^[0-9A-Z]{26}$");
    }
  }

  private TargetGroup targetGroup(String a, String p, String tg) {
    int account = account(a);
    project(p);
    if (!Ulid.isValid(tg)) {
      throw SimulatedError.invalidParam("target_group_id", "must match ^[0-9A-Z]{26}$");
    }
    return market.targetGroup(account, p, tg);
  }

  /** page_size defaults to 10; 1-1000 accepted (the guide's range, a superset of the spec's 1-100). */
  private static int pageSize(String raw) {
    if (raw == null) {
      return 10;
    }
    try {
      int size = Integer.parseInt(raw);
      if (size >= 1 && size <= 1000) {
        return size;
      }
    } catch (NumberFormatException ignored) {
      // fall through
    }
    throw SimulatedError.invalidParam("page_size", "must be an integer between 1 and 1000");
  }

  /** Repeated query parameters, each possibly comma-separated. */
  private static List<String> multi(List<String> values) {
    if (values == null) {
      return List.of();
    }
    return values.stream().flatMap(v -> Arrays.stream(v.split(","))).map(String::trim).filter(s -> !s.isEmpty()).toList();
  }

  private record Page<T>(List<T> items, String nextCursor) {}

  /**
   * Cursor pagination over an ordered list. A page ends early at a multiple of {@code segment} (an internal storage
   * page), as the real API may return short pages; every item is still returned exactly once.
   */
  private static <T> Page<T> page(List<T> items, Function<T, String> key, String kind, String startAfter, int pageSize,
      int segment) {
    int start = 0;
    if (startAfter != null) {
      String after = decodeCursor(startAfter, kind, "start_after");
      int index = -1;
      for (int i = 0; i < items.size() && index < 0; i++) {
        if (key.apply(items.get(i)).equals(after)) {
          index = i;
        }
      }
      if (index < 0 && kind.equals("rsid")) {
        @SuppressWarnings("unchecked")
        List<String> sorted = (List<String>) items;
        start = position(sorted, after, true);
      } else if (index < 0) {
        throw SimulatedError.invalidParam("start_after", "unknown cursor");
      } else {
        start = index + 1;
      }
    }
    long boundary = segment == Integer.MAX_VALUE ? Long.MAX_VALUE : ((long) start / segment + 1) * segment;
    int end = (int) Math.min(Math.min((long) start + pageSize, items.size()), boundary);
    List<T> slice = items.subList(start, Math.max(start, end));
    String next = end < items.size() ? cursor(kind, key.apply(items.get(end - 1))) : null;
    return new Page<>(slice, next);
  }

  /** Index of the first element after (or, if {@code after} is false, not before) the key in a sorted list. */
  private static int position(List<String> sorted, String key, boolean after) {
    int i = Collections.binarySearch(sorted, key);
    return i >= 0 ? (after ? i + 1 : i) : -(i + 1);
  }

  private static String cursor(String kind, String key) {
    return Base64.getUrlEncoder().withoutPadding().encodeToString((kind + ":" + key).getBytes(StandardCharsets.UTF_8));
  }

  private static String decodeCursor(String cursor, String kind, String param) {
    try {
      String decoded = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
      if (decoded.startsWith(kind + ":")) {
        return decoded.substring(kind.length() + 1);
      }
    } catch (IllegalArgumentException ignored) {
      // fall through
    }
    throw SimulatedError.invalidParam(param, "is not a valid cursor");
  }

  /** The user behind the token: a stable uuid derived from the client id. */
  private static String createdBy(HttpServletRequest request) {
    Object subject = request.getAttribute(CintApiFilter.SUBJECT);
    return UUID.nameUUIDFromBytes(String.valueOf(subject).getBytes(StandardCharsets.UTF_8)).toString();
  }

  private static String traceId(HttpServletRequest request) {
    return (String) request.getAttribute(CintApiFilter.TRACE_ID);
  }
}
