package io.recontact.sandbox.cint;

import static io.recontact.sandbox.cint.CintPaging.cursor;
import static io.recontact.sandbox.cint.CintPaging.decodeCursor;
import static io.recontact.sandbox.cint.CintPaging.page;
import static io.recontact.sandbox.cint.CintPaging.pageSize;
import static io.recontact.sandbox.cint.CintPaging.position;
import static io.recontact.sandbox.cint.CintRequests.createdBy;
import static io.recontact.sandbox.cint.CintRequests.targetGroup;
import static io.recontact.sandbox.cint.CintRequests.traceId;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.recontact.sandbox.cint.CintPaging.Page;
import io.recontact.sandbox.cint.Job.Kind;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RequestPart;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;

/**
 * The recontact routes of the simulated Cint Demand API: respondent uploads (current and legacy RSID-only), remove-all,
 * the overview and the RSID list. Same rules as {@link CintSimulatorController}: paths as the real API's, each
 * handler first counts the call and applies injected faults.
 */
@RestController
@RequestMapping(CintSimulatorController.TG_BASE)
class CintSimulatorRecontactController {

  private static final String RECONTACTS = "/{tg}/recontacts";
  private static final Set<String> ENTITY_TYPES = Set.of("RSID", "RESPONDENT_ID", "RID", "RESPONSE_ID");
  /** Internal storage "pages": list pages never cross these boundaries, so some pages come back short. */
  private static final int JOB_SEGMENT = 7;
  private static final int RSID_SEGMENT = 997;

  private static final JsonNodeFactory F = JsonNodeFactory.instance;
  private final CintMarketplace market;

  CintSimulatorRecontactController(CintMarketplace market) {
    this.market = market;
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
    TargetGroup group = targetGroup(market, a, p, tg);
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
    return CintJson.recontactJob(market.job(targetGroup(market, a, p, tg), job, Kind.UPLOAD));
  }

  @GetMapping(RECONTACTS + "/jobs/upload-rsids-by-file/{job}")
  ObjectNode uploadRsidsJob(@PathVariable String a, @PathVariable String p, @PathVariable String tg,
      @PathVariable String job) {
    market.enter("get_recontact_upload_rsids_by_file_job");
    return CintJson.recontactJob(market.job(targetGroup(market, a, p, tg), job, Kind.UPLOAD));
  }

  @GetMapping(RECONTACTS + "/jobs/upload-respondents-by-file")
  ObjectNode uploadJobs(@PathVariable String a, @PathVariable String p, @PathVariable String tg,
      @RequestParam(name = "page_size", required = false) String pageSize,
      @RequestParam(name = "start_after", required = false) String startAfter) {
    market.enter("recontact_list_upload_respondents_by_file_jobs");
    TargetGroup group = targetGroup(market, a, p, tg);
    Page<Job> page = page(market.uploads(group), j -> j.id, "job", startAfter, pageSize(pageSize), JOB_SEGMENT);
    ObjectNode out = F.objectNode();
    ArrayNode data = out.putArray("data");
    page.items().forEach(j -> data.add(CintJson.uploadListItem(j)));
    out.put("next_cursor", page.nextCursor());
    return out;
  }

  @GetMapping(RECONTACTS + "/jobs/upload-respondents-by-file/{job}/download")
  ResponseEntity<byte[]> download(@PathVariable String a, @PathVariable String p, @PathVariable String tg,
      @PathVariable String job) {
    market.enter("recontact_download_job_file");
    Job upload = market.job(targetGroup(market, a, p, tg), job, Kind.UPLOAD);
    return ResponseEntity.ok().contentType(MediaType.APPLICATION_OCTET_STREAM)
        .header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"" + CintJson.fileName(upload) + "\"")
        .body(upload.file);
  }

  // ------------------------------------------------------------------ remove-all, overview, RSID list

  @PostMapping(RECONTACTS + "/jobs/remove-all-rsids")
  ResponseEntity<ObjectNode> removeAll(@PathVariable String a, @PathVariable String p, @PathVariable String tg,
      HttpServletRequest request) {
    market.enter("create_all_recontact_rsids_removal_job");
    Job job = market.createRemoveAll(targetGroup(market, a, p, tg), createdBy(request), traceId(request));
    return ResponseEntity.status(HttpStatus.CREATED).body(F.objectNode().put("job_id", job.id));
  }

  @GetMapping(RECONTACTS + "/jobs/remove-all-rsids/{job}")
  ObjectNode removeAllJob(@PathVariable String a, @PathVariable String p, @PathVariable String tg,
      @PathVariable String job) {
    market.enter("recontacts_remove_all_rsids_job_status");
    return CintJson.recontactJob(market.job(targetGroup(market, a, p, tg), job, Kind.REMOVE_ALL));
  }

  @GetMapping(RECONTACTS + "/overview")
  ObjectNode overview(@PathVariable String a, @PathVariable String p, @PathVariable String tg) {
    market.enter("get_recontacts_overview");
    return F.objectNode().put("saved_respondent_ids_count", market.rsids(targetGroup(market, a, p, tg)).size());
  }

  @GetMapping(RECONTACTS + "/rsids")
  ObjectNode rsids(@PathVariable String a, @PathVariable String p, @PathVariable String tg,
      @RequestParam(name = "page_size", required = false) String pageSize,
      @RequestParam(name = "start_after", required = false) String startAfter,
      @RequestParam(name = "end_before", required = false) String endBefore) {
    market.enter("get_target_group_rsid_recontact_list");
    TargetGroup group = targetGroup(market, a, p, tg);
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
      items = page.items();
      next = page.nextCursor();
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
}
