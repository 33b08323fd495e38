package io.recontact.dataretention;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.MeterRegistry;
import io.recontact.governance.Marketplace;
import io.recontact.governance.RespondentIds;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.IntStream;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.history.HistoricProcessInstance;
import org.camunda.bpm.engine.history.HistoricVariableInstance;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Rows planted in both marketplaces' tables, some of recontacts and quotas that ended long before the retention period,
 * some of ones still running or ended within it: a run removes exactly the old ended ones. The same scenario runs on
 * H2 ({@link RetentionH2Test}) and PostgreSQL ({@link RetentionPostgresTest}).
 */
abstract class RetentionScenario {

  static final Instant NOW = Instant.now();
  static final Instant LONG_AGO = NOW.minus(Duration.ofDays(100));
  static final Instant RECENTLY = NOW.minus(Duration.ofDays(10));

  @Autowired TestRestTemplate http;
  @Autowired ProcessEngine engine;
  @Autowired JdbcTemplate jdbc;
  @Autowired RetainedRows rows;
  @Autowired MeterRegistry meters;

  /** Per test, so runs of other tests and repeated runs never meet these rows. */
  String panel;
  String tag;

  @BeforeEach
  void names() {
    panel = UUID.randomUUID().toString();
    tag = UUID.randomUUID().toString().substring(0, 8);
  }

  @Test
  void aRunRemovesExactlyTheOldEndedOnesAndCountsThem() {
    // Cint: files whose recontact ended long ago (with history, and with history already gone) go; a running one,
    // one that ended recently and a new file stay.
    long endedLongAgo = file("ended-" + tag, LONG_AGO.minus(Duration.ofDays(5)));
    endInstance("ended-" + tag, LONG_AGO);
    long historyGone = file("gone-" + tag, LONG_AGO);
    long running = file("running-" + tag, LONG_AGO);
    ProcessInstance runningInstance = engine.getRuntimeService().startProcessInstanceByKey("smokeTest",
        "running-" + tag);
    long endedRecently = file("recent-" + tag, LONG_AGO);
    endInstance("recent-" + tag, RECENTLY);
    long fresh = file("fresh-" + tag, NOW);
    long cutFromOld = batch("upload-run-" + tag, endedLongAgo, List.of());
    long listedOld = batch("replace-run-" + tag, null, List.of("R1-" + tag, "R2-" + tag));
    long listedRunning = batch(runningInstance.getId(), null, List.of("R3-" + tag));
    // Toluna: an old ended quota loses members, claims, cursor and invite bodies; a quota of a survey another quota
    // still runs keeps its claims; a running quota and one ended recently keep everything.
    long survey = nextId();
    long otherSurvey = nextId();
    long oldQuota = quota(survey, false, LONG_AGO, 3);
    long runningQuota = quota(otherSurvey, true, null, 2);
    long oldQuotaOfRunningSurvey = quota(otherSurvey, false, LONG_AGO, 2);
    long recentQuota = quota(nextId(), false, RECENTLY, 2);
    double removedBefore = counted("quota_member_rows");

    Map<String, Object> end = runRetention();

    assertThat(files()).containsExactlyInAnyOrder(running, endedRecently, fresh);
    assertThat(jdbc.queryForObject("select count(*) from respondent_file_id where file_id in (?, ?)", Long.class,
        endedLongAgo, historyGone)).isZero();
    assertThat(jdbc.queryForObject("select count(*) from respondent_file_page where file_id in (?, ?)", Long.class,
        endedLongAgo, historyGone)).isZero();
    assertThat(jdbc.queryForObject("select count(*) from respondent_file_id where file_id = ?", Long.class, running))
        .isEqualTo(2);
    assertThat(jdbc.queryForMap("select file_id, id_count from cint_upload_batch where id = ?", cutFromOld))
        .as("the batch stays for its figures, no longer pointing into a file")
        .containsEntry(key("file_id"), null).containsEntry(key("id_count"), 2);
    assertThat(batchIds(listedOld)).isZero();
    assertThat(batchIds(listedRunning)).isEqualTo(1);

    assertThat(members(oldQuota)).isZero();
    assertThat(members(oldQuotaOfRunningSurvey)).isZero();
    assertThat(members(runningQuota)).isEqualTo(2);
    assertThat(members(recentQuota)).isEqualTo(2);
    assertThat(claims(oldQuota)).isZero();
    assertThat(claims(oldQuotaOfRunningSurvey)).as("the survey still runs: its claims stop a second invite")
        .isEqualTo(2);
    assertThat(claims(runningQuota)).isEqualTo(2);
    assertThat(jdbc.queryForObject("select count(*) from toluna_fetch_cursor where panel_guid = ?", Long.class,
        panel)).isEqualTo(2);
    assertThat(jdbc.queryForList("select url, member_code from toluna_invite where panel_guid = ? and quota_id = ?",
        panel, oldQuota)).hasSize(3).allSatisfy(row -> {
          assertThat(row.get(key("url"))).isEqualTo("");
          assertThat((String) row.get(key("member_code"))).startsWith(RetainedRows.EXPIRED_MEMBER);
        });
    assertThat(jdbc.queryForList("select member_code from toluna_invite_outcome where panel_guid = ? and quota_id = ?"
        + " and outcome = 'COMPLETED'", String.class, panel, oldQuota)).hasSize(3)
        .allMatch(code -> code.startsWith(RetainedRows.EXPIRED_MEMBER));
    assertThat(contactHashes(oldQuota)).as("the history keeps the contacts, by hash once the invites lose the code")
        .containsExactlyInAnyOrder(IntStream.rangeClosed(1, 3).mapToObj(n -> RespondentIds.hash(Marketplace.TOLUNA,
            "M-" + oldQuota + "-" + n)).toArray(String[]::new));
    assertThat(contactHashes(recentQuota)).as("their invites, which name the members, are the contacts").isEmpty();
    assertThat(jdbc.queryForList("select url from toluna_invite where panel_guid = ? and quota_id in (?, ?)",
        String.class, panel, runningQuota, recentQuota)).hasSize(4).allMatch(url -> url.startsWith("https://"));
    assertThat(jdbc.queryForObject("select count(*) from toluna_invite_outcome where panel_guid = ? and member_code "
        + "like 'M-%'", Long.class, panel)).isEqualTo(4);

    assertThat(((Number) end.get(RetentionVariables.FILES_REMOVED)).longValue()).isGreaterThanOrEqualTo(2);
    assertThat(((Number) end.get("quotaMemberRowsRemoved")).longValue()).isGreaterThanOrEqualTo(3 + 2 + 3 + 1);
    assertThat(((Number) end.get("inviteBodiesRemoved")).longValue()).isGreaterThanOrEqualTo(3 + 2);
    assertThat(((Number) end.get("uploadBatchIdsRemoved")).longValue()).isGreaterThanOrEqualTo(2);
    assertThat(end).containsKeys(RetentionVariables.HISTORY_DUE, RetentionVariables.SUMMARY);
    assertThat(counted("quota_member_rows") - removedBefore).isGreaterThanOrEqualTo(3 + 2 + 3 + 1);
    engine.getRuntimeService().deleteProcessInstance(runningInstance.getId(), "test over");
  }

  @Test
  void chunksAreBoundedAndASkippedFileDoesNotHoldUpTheOnesAfterIt() {
    Instant cutoff = NOW.minus(Duration.ofDays(90));
    long running = file("running-" + tag, LONG_AGO);
    ProcessInstance instance = engine.getRuntimeService().startProcessInstanceByKey("smokeTest", "running-" + tag);
    long gone = file("gone-" + tag, LONG_AGO);
    long quota = quota(nextId(), false, LONG_AGO, 3);

    // Other tests' files are new; older ones of this database are only ours.
    RetainedRows.Removed first = rows.respondentFiles(cutoff, String.valueOf(running - 1), 1);
    assertThat(first).isEqualTo(new RetainedRows.Removed(0, 0, String.valueOf(running), true));
    RetainedRows.Removed second = rows.respondentFiles(cutoff, first.cursor(), 1);
    assertThat(second.items()).isEqualTo(1);
    assertThat(second.cursor()).isEqualTo(String.valueOf(gone));
    assertThat(files()).containsExactly(running);

    int chunks = 0;
    RetainedRows.Removed chunk;
    do {
      chunk = rows.quotaMembers(cutoff, 1);
      assertThat(chunk.items()).isLessThanOrEqualTo(1);
      chunks++;
    } while (chunk.more() && chunks < 20);
    assertThat(members(quota)).isZero();
    assertThat(chunks).as("one member per chunk, and a last one that finds none").isGreaterThanOrEqualTo(4);
    engine.getRuntimeService().deleteProcessInstance(instance.getId(), "test over");
  }

  Map<String, Object> runRetention() {
    ResponseEntity<Map> started = http.withBasicAuth("operator", "operator").postForEntity("/api/retention/runs",
        null, Map.class);
    assertThat(started.getStatusCode().value()).as(String.valueOf(started.getBody())).isEqualTo(202);
    String id = (String) started.getBody().get("processInstanceId");
    long deadline = System.currentTimeMillis() + 60_000;
    HistoricProcessInstance run;
    do {
      run = engine.getHistoryService().createHistoricProcessInstanceQuery().processInstanceId(id).singleResult();
      if (run.getEndTime() == null) {
        sleep();
      }
    } while (run.getEndTime() == null && System.currentTimeMillis() < deadline);
    assertThat(run.getEndActivityId()).as("the run ended").isEqualTo("RetentionDone");
    Map<String, Object> values = new HashMap<>();
    for (HistoricVariableInstance v : engine.getHistoryService().createHistoricVariableInstanceQuery()
        .processInstanceId(id).list()) {
      values.put(v.getName(), v.getValue());
    }
    return values;
  }

  /** A file of two IDs (and a page, and a rejection) stored at {@code createdAt} under this reference. */
  long file(String reference, Instant createdAt) {
    jdbc.update("insert into respondent_file (reference, file_name, entity_type, sha256, size_bytes, line_count, "
        + "accepted_count, duplicate_count, blank_count, invalid_count, header_detected, created_at) values "
        + "(?, 'ids.csv', 'RSID', ?, 10, 3, 2, 0, 0, 1, false, ?)", reference, "0".repeat(64), ts(createdAt));
    long id = jdbc.queryForObject("select id from respondent_file where reference = ?", Long.class, reference);
    jdbc.update("insert into respondent_file_id (file_id, seq, respondent_id) values (?, 1, ?), (?, 2, ?)", id,
        "A-" + tag, id, "B-" + tag);
    jdbc.update("insert into respondent_file_page (file_id, first_seq, id_count, ids) values (?, 1, 2, ?)", id,
        "A-" + tag + "\nB-" + tag);
    jdbc.update("insert into respondent_file_rejection (file_id, line_no, kind, content) values (?, 3, 'INVALID', ?)",
        id, "not-an-id-" + tag);
    return id;
  }

  /** An upload batch: a range of a file, or listed IDs. */
  long batch(String runKey, Long fileId, List<String> ids) {
    int batchNo = (int) (nextId() % 100000);
    jdbc.update("insert into cint_upload_batch (run_key, batch_no, kind, status, file_name, id_count, byte_count, "
        + "created_at, file_id, first_seq, last_seq) values (?, ?, 'INITIAL', 'COMPLETED', 'b.csv', ?, 10, ?, ?, ?, ?)",
        runKey, batchNo, fileId != null ? 2 : ids.size(), ts(LONG_AGO), fileId, fileId != null ? 1 : null,
        fileId != null ? 2 : null);
    long id = jdbc.queryForObject("select id from cint_upload_batch where run_key = ? and batch_no = ?", Long.class,
        runKey, batchNo);
    for (int n = 0; n < ids.size(); n++) {
      jdbc.update("insert into cint_upload_batch_id (batch_id, seq, respondent_id) values (?, ?, ?)", id, n + 1,
          ids.get(n));
    }
    return id;
  }

  /** An instance of the smoke-test process with this business key, ended at {@code endedAt} in its history. */
  void endInstance(String businessKey, Instant endedAt) {
    ProcessInstance instance = engine.getRuntimeService().startProcessInstanceByKey("smokeTest", businessKey);
    engine.getTaskService().complete(engine.getTaskService().createTaskQuery().processInstanceId(instance.getId())
        .singleResult().getId());
    jdbc.update("update ACT_HI_PROCINST set START_TIME_ = ?, END_TIME_ = ? where ID_ = ?",
        ts(endedAt.minusSeconds(60)), ts(endedAt), instance.getId());
  }

  /**
   * A quota of this panel with a run row (active, or ended at {@code endedAt}), {@code members} member rows and
   * survey claims, a fetch cursor, and an invite per member (with its delivery and a completed outcome).
   */
  long quota(long survey, boolean active, Instant endedAt, int members) {
    long quota = nextId();
    jdbc.update("insert into toluna_quota (panel_guid, quota_id, survey_id, recontact, definition, definition_hash, "
        + "in_inventory, first_seen_at, last_seen_at, live) values (?, ?, ?, true, '{}', 'h', false, ?, ?, false)",
        panel, quota, survey, ts(LONG_AGO), ts(LONG_AGO));
    jdbc.update("insert into toluna_quota_run (panel_guid, quota_id, active, run_number, started_at, ended_at, "
        + "outcome) values (?, ?, ?, 1, ?, ?, ?)", panel, quota, active, ts(LONG_AGO.minus(Duration.ofDays(1))),
        endedAt == null ? null : ts(endedAt), active ? null : "CLOSED");
    jdbc.update("insert into toluna_fetch_cursor (panel_guid, quota_id, last_code, pages) values (?, ?, ?, 1)",
        panel, quota, "M-" + quota + "-" + members);
    for (int n = 1; n <= members; n++) {
      String code = "M-" + quota + "-" + n;
      String invite = UUID.randomUUID().toString();
      jdbc.update("insert into toluna_quota_member (panel_guid, quota_id, member_code, state, reviewed, received_at, "
          + "updated_at) values (?, ?, ?, 'INVITED', false, ?, ?)", panel, quota, code, ts(LONG_AGO), ts(LONG_AGO));
      jdbc.update("insert into toluna_survey_member (panel_guid, survey_id, member_code, quota_id, claimed_at) "
          + "values (?, ?, ?, ?, ?)", panel, survey, code, quota, ts(LONG_AGO));
      jdbc.update("insert into toluna_invite (invite_id, panel_guid, quota_id, member_code, survey_id, url, "
          + "created_at) values (?, ?, ?, ?, ?, ?, ?)", invite, panel, quota, code, survey,
          "https://toluna.example/s?m=" + code, ts(LONG_AGO));
      jdbc.update("insert into toluna_invite_delivery (invite_id, panel_guid, quota_id, channel, state, attempts, "
          + "next_attempt_at, last_error) values (?, ?, ?, 'WEBHOOK', 'DELIVERED', 1, ?, ?)", invite, panel, quota,
          ts(LONG_AGO), "earlier failure for " + code);
      jdbc.update("insert into toluna_invite_outcome (invite_id, panel_guid, quota_id, survey_id, member_code, "
          + "outcome, event_at, recorded_at) values (?, ?, ?, ?, ?, 'COMPLETED', ?, ?)", invite, panel, quota, survey,
          code, ts(LONG_AGO), ts(LONG_AGO));
    }
    return quota;
  }

  List<Long> files() {
    return jdbc.queryForList("select id from respondent_file where reference like ?", Long.class, "%-" + tag);
  }

  List<String> contactHashes(long quota) {
    return jdbc.queryForList("select respondent_hash from respondent_contact where panel_guid = ? and quota_id = ?",
        String.class, panel, quota);
  }

  long members(long quota) {
    return jdbc.queryForObject("select count(*) from toluna_quota_member where panel_guid = ? and quota_id = ?",
        Long.class, panel, quota);
  }

  long claims(long quota) {
    return jdbc.queryForObject("select count(*) from toluna_survey_member where panel_guid = ? and quota_id = ?",
        Long.class, panel, quota);
  }

  long batchIds(long batch) {
    return jdbc.queryForObject("select count(*) from cint_upload_batch_id where batch_id = ?", Long.class, batch);
  }

  double counted(String kind) {
    return meters.get("recontact.retention.rows.removed").tag("kind", kind).counter().count();
  }

  /** Column labels as the database spells them (H2 upper case, PostgreSQL lower case). */
  abstract String key(String column);

  static long nextId() {
    return ThreadLocalRandom.current().nextLong(1_000_000, 9_000_000_000L);
  }

  static Timestamp ts(Instant instant) {
    return Timestamp.from(instant);
  }

  static void sleep() {
    try {
      Thread.sleep(200);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
