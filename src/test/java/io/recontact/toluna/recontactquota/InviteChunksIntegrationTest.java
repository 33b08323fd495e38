package io.recontact.toluna.recontactquota;

import static org.assertj.core.api.Assertions.assertThat;

import io.recontact.sandbox.seed.TolunaSandboxData;
import java.time.Duration;
import java.util.List;
import org.camunda.bpm.engine.ProcessEngine;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.ActiveProfiles;

/**
 * Invite chunks of 3: a GenerateInvites job goes on from chunk to chunk while its time budget lasts, each chunk read
 * past the last, and every matched member is invited and delivered once. Sampling chunks of 4: a SampleMembers job
 * samples two chunks at a time, each in its own transaction, chunk after chunk, and every valid member once.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
    "recontact.toluna.invite.chunk-size=3",
    "recontact.toluna.sample-chunk-size=4",
    // With member sync on a job takes one chunk: its sync step sent that chunk's profiles only.
    "recontact.toluna.member-sync.enabled=false",
    // A context of its own: its own engine name (engine REST of the shared test context must not find this engine),
    // no webapps (they keep static state per JVM), closed after the class.
    "camunda.bpm.process-engine-name=invitechunks",
    "camunda.bpm.webapp.enabled=false"})
@ActiveProfiles("test")
@DirtiesContext
class InviteChunksIntegrationTest {

  static final String PANEL = TolunaSandboxData.PANEL_A;

  @Autowired
  TestRestTemplate http;

  @Autowired
  ProcessEngine engine;

  @Autowired
  JdbcTemplate jdbc;

  @Test
  void aJobGeneratesChunkAfterChunkAndEachMemberOnce() throws InterruptedException {
    http.postForEntity("/sandbox/toluna/admin/reset", null, String.class);
    for (String table : List.of("toluna_invite_delivery", "toluna_invite", "toluna_survey_member",
        "toluna_quota_member", "toluna_fetch_cursor", "toluna_quota_run", "toluna_panel_sweep", "toluna_quota")) {
      jdbc.update("delete from " + table);
    }
    put("/sandbox/toluna/admin/panels/" + PANEL + "/quotas", TolunaRecontactIntegrationTest.inventory());
    for (long quota : List.of(TolunaRecontactIntegrationTest.QUOTA_1, TolunaRecontactIntegrationTest.QUOTA_2)) {
      put("/sandbox/toluna/admin/panels/" + PANEL + "/recontact/" + quota + "/members",
          TolunaRecontactIntegrationTest.codes(1, 40));
    }
    assertThat(http.withBasicAuth("demo", "demo").postForEntity("/api/toluna/sweeps", null, String.class)
        .getStatusCode().value()).isEqualTo(202);
    String first = awaitInstance(TolunaRecontactIntegrationTest.QUOTA_1);
    String second = awaitInstance(TolunaRecontactIntegrationTest.QUOTA_2);
    for (String instance : List.of(first, second)) {
      awaitTask(instance);
      String task = engine.getTaskService().createTaskQuery().processInstanceId(instance).singleResult().getId();
      engine.getTaskService().complete(task, java.util.Map.of("exceptionDecision", "proceed"));
    }
    long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    while (!(fed(first) && fed(second))) {
      assertThat(System.nanoTime()).as("both quotas fed").isLessThan(deadline);
      Thread.sleep(100);
    }

    long invited = jdbc.queryForObject("select count(*) from toluna_invite where panel_guid = ?", Long.class, PANEL);
    assertThat(invited).as("a third of the 40 members or more, in several chunks").isGreaterThan(12);
    assertThat(jdbc.queryForObject("select count(distinct member_code) from toluna_invite where panel_guid = ?",
        Long.class, PANEL)).as("one invite per member").isEqualTo(invited);
    assertThat(jdbc.queryForObject("select count(*) from toluna_invite_delivery d join toluna_invite i on "
        + "i.invite_id = d.invite_id where i.panel_guid = ? and d.state = 'DELIVERED' and d.attempts = 1",
        Long.class, PANEL)).as("each delivered once").isEqualTo(invited);
    assertThat(jdbc.queryForObject("select count(*) from toluna_quota_member where panel_guid = ? and state = "
        + "'MATCHED'", Long.class, PANEL)).as("no matched member left behind").isZero();
    assertThat(jdbc.queryForObject("select count(*) from toluna_quota_member where panel_guid = ? and state = "
        + "'VALID'", Long.class, PANEL)).as("every valid member sampled").isZero();
    assertThat(jdbc.queryForObject("select count(*) from toluna_survey_member where panel_guid = ?", Long.class,
        PANEL)).as("each matched member claimed for the survey once").isEqualTo(jdbc.queryForObject("select count(*) "
        + "from toluna_quota_member where panel_guid = ? and state in ('INVITED', 'DELIVERED')", Long.class, PANEL));
    for (String instance : List.of(first, second)) {
      assertThat(engine.getHistoryService().createHistoricJobLogQuery().successLog().activityIdIn("SampleMembers")
          .processInstanceId(instance).count()).as("sampling jobs for 40 members in chunks of 4").isLessThan(5);
    }
    long chunks = (invited + 2) / 3;
    long jobs = engine.getHistoryService().createHistoricJobLogQuery().successLog().activityIdIn("MemberSyncOn")
        .processInstanceId(first).count() + engine.getHistoryService().createHistoricJobLogQuery().successLog()
        .activityIdIn("MemberSyncOn").processInstanceId(second).count();
    assertThat(jobs).as("invite jobs for %d chunks (a job per chunk would be %d or more)", chunks, chunks + 1)
        .isLessThan(chunks);
  }

  String awaitInstance(long quota) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    while (true) {
      List<String> ids = jdbc.queryForList("select process_instance_id from toluna_quota_run where panel_guid = ? "
          + "and quota_id = ? and active = true", String.class, PANEL, quota);
      if (!ids.isEmpty()) {
        return ids.get(0);
      }
      assertThat(System.nanoTime()).as("instance of quota " + quota).isLessThan(deadline);
      Thread.sleep(100);
    }
  }

  void awaitTask(String instance) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    while (engine.getTaskService().createTaskQuery().processInstanceId(instance).count() == 0) {
      assertThat(System.nanoTime()).as("review task").isLessThan(deadline);
      Thread.sleep(100);
    }
  }

  boolean fed(String instance) {
    return engine.getRuntimeService().getActiveActivityIds(instance).contains("WaitForQuotaChange")
        && engine.getManagementService().createJobQuery().processInstanceId(instance).executable().count() == 0;
  }

  void put(String path, String json) {
    HttpHeaders headers = new HttpHeaders();
    headers.setContentType(MediaType.APPLICATION_JSON);
    assertThat(http.exchange(path, HttpMethod.PUT, new HttpEntity<>(json, headers), String.class).getStatusCode()
        .is2xxSuccessful()).as(path).isTrue();
  }
}
