package io.recontact.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.recontact.FlowRuns;
import io.recontact.sandbox.cint.CintIssuedTokens;
import io.recontact.sandbox.seed.TolunaSandboxData;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.camunda.bpm.engine.ProcessEngine;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.context.ApplicationContext;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.ActiveProfiles;

/**
 * Runs one Cint recontact to launch and one Toluna quota to delivered invites, then scrapes /actuator/prometheus over
 * HTTP as the monitoring user and checks each figure against what the tables, the simulators and the engine say
 * happened. Its own context (engine name, no webapps), so no other test's flow adds to the counters.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
    "camunda.bpm.process-engine-name=metrics",
    // Camunda's webapps keep static state per JVM: a second context with them could disturb the shared test context.
    "camunda.bpm.webapp.enabled=false"})
@ActiveProfiles("test")
class MetricsScrapeTest {

  static final String PANEL = TolunaSandboxData.PANEL_A;
  static final long SURVEY = 3920001;
  static final long QUOTA = 4920001;
  static final int FILE_IDS = 30;
  static final Path DASHBOARD = Path.of("docs/grafana/recontact.json");

  /** Both tests need the flows; whichever runs first runs them (the context is shared). */
  private static boolean flowsRan;

  @Autowired
  TestRestTemplate http;

  @Autowired
  ProcessEngine engine;

  @Autowired
  JdbcTemplate jdbc;

  @Autowired
  ApplicationContext context;

  @Test
  void scrapeMatchesWhatHappenedInBothFlows() {
    runFlowsOnce();
    List<String> mismatches = new ArrayList<>();
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    // Counters move right after their transaction commits, a moment after the tables show it: compare until equal.
    do {
      mismatches = mismatches(scrape());
    } while (!mismatches.isEmpty() && System.nanoTime() < deadline && pause());
    assertThat(mismatches).isEmpty();
  }

  @Test
  void everyMetricOfTheDashboardIsInTheScrape() throws Exception {
    runFlowsOnce();
    JsonNode dashboard = new ObjectMapper().readTree(Files.readString(DASHBOARD));
    Set<String> queried = new TreeSet<>();
    Matcher names = Pattern.compile("\\b(recontact_[a-z0-9_]+|jvm_[a-z0-9_]+|process_[a-z0-9_]+)")
        .matcher(dashboard.findValues("expr").toString());
    while (names.find()) {
      queried.add(names.group(1));
    }
    assertThat(queried).as("metrics the dashboard queries").hasSizeGreaterThan(15);
    assertThat(scrape().names()).containsAll(queried);
    assertThat(dashboard.path("__inputs").findValuesAsText("name")).contains("DS_PROMETHEUS");
  }

  List<String> mismatches(Scrape s) {
    List<String> wrong = new ArrayList<>();
    // Cint: the file's IDs, stored and then saved by Cint; the jobs, their checks and durations.
    long accepted = count("select sum(accepted_count) from respondent_file");
    expect(wrong, "IDs in the stored file", accepted, FILE_IDS);
    expect(wrong, "recontact_cint_respondent_ids_accepted_total", s.sum("recontact_cint_respondent_ids_accepted_total"),
        accepted);
    expect(wrong, "recontact_cint_respondent_ids_uploaded_total{result=saved}",
        s.sum("recontact_cint_respondent_ids_uploaded_total", "result", "saved"), accepted);
    long uploadJobs = count("select count(*) from cint_upload_batch where cint_job_id is not null");
    expect(wrong, "upload jobs > 0", Math.min(uploadJobs, 1), 1);
    expect(wrong, "jobs started{upload}", s.sum("recontact_cint_jobs_started_total", "kind", "upload"), uploadJobs);
    expect(wrong, "jobs finished{upload,completed}",
        s.sum("recontact_cint_jobs_finished_total", "kind", "upload", "outcome", "completed"), uploadJobs);
    expect(wrong, "jobs started{launch}", s.sum("recontact_cint_jobs_started_total", "kind", "launch"), 1);
    expect(wrong, "jobs finished{launch,completed}",
        s.sum("recontact_cint_jobs_finished_total", "kind", "launch", "outcome", "completed"), 1);
    expect(wrong, "jobs started{remove_all}", s.sum("recontact_cint_jobs_started_total", "kind", "remove_all"), 0);
    expect(wrong, "polls per upload job: one sample per job",
        s.sum("recontact_cint_job_checks_count", "kind", "upload"), uploadJobs);
    if (s.sum("recontact_cint_job_checks_sum", "kind", "launch") < 1) {
      wrong.add("the launch job was checked at least once");
    }
    expect(wrong, "launch duration samples",
        s.sum("recontact_cint_job_duration_seconds_count", "kind", "launch", "outcome", "completed"), 1);
    expect(wrong, "launch duration bucket +Inf",
        s.sum("recontact_cint_job_duration_seconds_bucket", "kind", "launch", "le", "+Inf"), 1);

    // Toluna: codes, exceptions by reason, matches, invites by channel, notifications by kind and outcome.
    expect(wrong, "recontact_toluna_member_codes_received_total", s.sum("recontact_toluna_member_codes_received_total"),
        count("select count(*) from toluna_quota_member where quota_id = " + QUOTA));
    List<Map<String, Object>> reasons = jdbc.queryForList("select reason_code, count(*) as n from toluna_quota_member "
        + "where quota_id = ? and state = 'EXCEPTION' group by reason_code", QUOTA);
    if (reasons.stream().noneMatch(r -> "UNKNOWN_MEMBER".equals(r.get("REASON_CODE")))) {
      wrong.add("the unknown code became an UNKNOWN_MEMBER exception: " + reasons);
    }
    reasons.forEach(r -> expect(wrong, "exceptions{reason=" + r.get("REASON_CODE") + "}",
        s.sum("recontact_toluna_member_exceptions_total", "reason", (String) r.get("REASON_CODE")),
        ((Number) r.get("N")).longValue()));
    expect(wrong, "exceptions in all", s.sum("recontact_toluna_member_exceptions_total"),
        count("select count(*) from toluna_quota_member where state = 'EXCEPTION'"));
    long invites = count("select count(*) from toluna_invite where quota_id = " + QUOTA);
    expect(wrong, "invites > 0", Math.min(invites, 1), 1);
    expect(wrong, "members matched", s.sum("recontact_toluna_members_matched_total"),
        count("select count(*) from toluna_quota_member where quota_id = " + QUOTA + " and state in ('MATCHED', "
            + "'INVITED', 'DELIVERED', 'DELIVERY_FAILED', 'SUBQUOTA_FULL')")
            + (long) s.sum("recontact_toluna_member_exceptions_total", "step", "invite"));
    expect(wrong, "invites generated{webhook}", s.sum("recontact_toluna_invites_generated_total", "channel", "webhook"),
        invites);
    expect(wrong, "invites delivered{webhook}", s.sum("recontact_toluna_invites_delivered_total", "channel", "webhook"),
        count("select count(*) from toluna_invite_delivery where state = 'DELIVERED'"));
    expect(wrong, "every invite delivered", count("select count(*) from toluna_invite_delivery where state = "
        + "'DELIVERED'"), invites);
    expect(wrong, "invites failed", s.sum("recontact_toluna_invites_failed_total"), 0);
    // Outcomes: the per-survey funnel delivered → complete → reversed, and revenue.
    String survey = Long.toString(SURVEY);
    expect(wrong, "survey invites delivered", s.sum("recontact_toluna_survey_invites_delivered_total", "survey",
        survey), count("select count(*) from toluna_invite_delivery where state = 'DELIVERED'"));
    expect(wrong, "survey completes", s.sum("recontact_toluna_survey_outcomes_total", "survey", survey, "outcome",
        "complete"), count("select count(*) from toluna_invite_outcome where outcome = 'COMPLETE'"));
    expect(wrong, "survey completes played", count("select count(*) from toluna_invite_outcome where outcome = "
        + "'COMPLETE'"), 2);
    expect(wrong, "survey reversed", s.sum("recontact_toluna_survey_outcomes_total", "survey", survey, "outcome",
        "reversed"), 1);
    expect(wrong, "survey terminated", s.sum("recontact_toluna_survey_outcomes_total", "survey", survey, "outcome",
        "terminated"), 1);
    expect(wrong, "survey prestart", s.sum("recontact_toluna_survey_outcomes_total", "survey", survey, "outcome",
        "prestart_rejected"), 1);
    expect(wrong, "survey revenue", s.sum("recontact_toluna_survey_revenue_cents_total", "survey", survey, "kind",
        "complete"), count("select coalesce(sum(revenue), 0) from toluna_invite_outcome where outcome = 'COMPLETE'"));
    List<Map<String, Object>> notices = jdbc.queryForList("select kind, outcome, count(*) as n from "
        + "toluna_notification group by kind, outcome");
    expect(wrong, "notification rows", notices.size() >= 2 ? 1 : 0, 1);
    notices.forEach(n -> expect(wrong, "notifications{" + n.get("KIND") + "," + n.get("OUTCOME") + "}",
        s.sum("recontact_toluna_notifications_total", "kind", n.get("KIND").toString().toLowerCase(), "outcome",
            n.get("OUTCOME").toString().toLowerCase()), ((Number) n.get("N")).longValue()));

    // Marketplace calls: every operation the flows make, with real statuses; two cross-checks with the simulators.
    String calls = "recontact_marketplace_calls_seconds_count";
    for (String op : List.of("requestToken", "createTargetGroup", "createUploadJob", "getUploadJob",
        "createLaunchJob", "getLaunchJob")) {
      if (s.sum(calls, "marketplace", "cint", "operation", op) < 1) {
        wrong.add("no Cint call " + op + " in " + s.matching(calls, "marketplace", "cint"));
      }
    }
    for (String op : List.of("getQuotas", "getRecontactMemberCodes", "generateInvite")) {
      if (s.sum(calls, "marketplace", "toluna", "operation", op) < 1) {
        wrong.add("no Toluna call " + op + " in " + s.matching(calls, "marketplace", "toluna"));
      }
    }
    s.matching(calls).stream().filter(c -> !c.labels().get("status").matches("[1-5]\\d\\d|io_error"))
        .forEach(c -> wrong.add("status neither HTTP nor io_error: " + c));
    expect(wrong, "token calls answered 200 == tokens the Cint simulator issued",
        s.sum(calls, "operation", "requestToken", "status", "200"), CintIssuedTokens.of(context).size());
    expect(wrong, "GenerateInvite calls answered 200 == invites stored",
        s.sum(calls, "operation", "generateInvite", "status", "200"), invites);
    if (s.sum("recontact_marketplace_calls_seconds_bucket", "marketplace", "toluna", "le", "+Inf") < 1) {
      wrong.add("the marketplace timer publishes histogram buckets");
    }

    // The job executor's own figures.
    for (String name : List.of("recontact_camunda_job_acquisition_attempts_total",
        "recontact_camunda_jobs_acquired_total", "recontact_camunda_jobs_succeeded_total")) {
      if (s.sum(name) < 1) {
        wrong.add(name + " > 0, was " + s.sum(name));
      }
    }
    // Every job ran on this context's job executor: as many successes as Camunda's job log has (the scrape once
    // counted the jobs since the last DB report twice).
    expect(wrong, "recontact_camunda_jobs_succeeded_total == successful jobs in the job log",
        s.sum("recontact_camunda_jobs_succeeded_total"),
        engine.getHistoryService().createHistoricJobLogQuery().successLog().count());
    for (String name : List.of("recontact_camunda_jobs_waiting", "recontact_camunda_jobs_failed_total",
        "recontact_camunda_jobs_no_retries")) {
      if (s.matching(name).isEmpty()) {
        wrong.add(name + " missing");
      }
    }
    return wrong;
  }

  static void expect(List<String> wrong, String what, double actual, long expected) {
    if (actual != expected) {
      wrong.add(what + ": expected " + expected + " but the scrape says " + actual);
    }
  }

  long count(String sql) {
    Long n = jdbc.queryForObject(sql, Long.class);
    return n == null ? 0 : n;
  }

  Scrape scrape() {
    ResponseEntity<String> answer = http.withBasicAuth("monitor", "monitor").getForEntity("/actuator/prometheus",
        String.class);
    assertThat(answer.getStatusCode().value()).as(answer.getBody()).isEqualTo(200);
    return Scrape.parse(answer.getBody());
  }

  void runFlowsOnce() {
    synchronized (MetricsScrapeTest.class) {
      if (!flowsRan) {
        runCintRecontact();
        runTolunaQuota();
        playOutcomes();
        flowsRan = true;
      }
    }
  }

  void runCintRecontact() {
    StringBuilder ids = new StringBuilder("respondent_id\n");
    String first = UUID.randomUUID().toString();
    ids.append(first).append('\n');
    for (int i = 1; i < FILE_IDS; i++) {
      ids.append(UUID.randomUUID()).append('\n');
    }
    ids.append("not-an-id\n").append(first).append('\n');
    flows().cintRecontact("metrics.csv", ids.toString(), FILE_IDS);
  }

  void runTolunaQuota() {
    List<String> codes = new ArrayList<>();
    for (int n = 1; n <= 20; n++) {
      codes.add("\"" + TolunaSandboxData.code(n) + "\"");
    }
    // Not in the member directory: one UNKNOWN_MEMBER exception, and the review it brings.
    codes.add("\"" + TolunaSandboxData.UNKNOWN_CODES.get(0) + "\"");
    flows().tolunaQuota(PANEL, SURVEY, QUOTA, "METRICS", 3990019, codes);
  }

  /**
   * Four delivered members play through the simulator's admin API: a completion sent twice, a completion later
   * reconciled, a termination and a pre-start rejection; waits until the app has stored them.
   */
  void playOutcomes() {
    List<String> members = jdbc.queryForList("select member_code from toluna_invite where panel_guid = ? and "
        + "quota_id = ? order by member_code", String.class, PANEL, QUOTA);
    assertThat(members).hasSizeGreaterThanOrEqualTo(4);
    play(members.get(0), "{\"outcome\": \"COMPLETE\", \"times\": 2");
    play(members.get(1), "{\"outcome\": \"COMPLETE\"");
    play(members.get(1), "{\"outcome\": \"RECONCILE\"");
    play(members.get(2), "{\"outcome\": \"TERMINATE\", \"reason\": \"QuotaFull\"");
    play(members.get(3), "{\"outcome\": \"PRESTART\"");
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    while ((count("select count(*) from toluna_invite_outcome") < 4
        || count("select count(*) from toluna_invite_outcome where reversed_at is not null") < 1
        || count("select count(*) from toluna_notification where kind = 'COMPLETION'") < 3)
        && System.nanoTime() < deadline && pause()) {
      // the simulator's notifier delivers them one after another
    }
  }

  void play(String member, String json) {
    var answer = http.postForEntity("/sandbox/toluna/admin/members/" + member + "/outcome",
        new org.springframework.http.HttpEntity<>(json + ", \"panelGuid\": \"" + PANEL + "\", \"quotaId\": "
            + QUOTA + "}", jsonHeaders()), String.class);
    assertThat(answer.getStatusCode().value()).as(answer.getBody()).isEqualTo(200);
  }

  static org.springframework.http.HttpHeaders jsonHeaders() {
    var headers = new org.springframework.http.HttpHeaders();
    headers.setContentType(org.springframework.http.MediaType.APPLICATION_JSON);
    return headers;
  }

  FlowRuns flows() {
    return new FlowRuns(http, engine, jdbc);
  }

  static boolean pause() {
    try {
      Thread.sleep(200);
      return true;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }
}
