package io.recontact.browser;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The incentive reversal review in Tasklist: paid credits that Toluna reversed afterwards (ledger rows marked for
 * review, as a reconciliation leaves them) are taken into a settlement run started over the /api; the approver reads
 * the cases in the form, is stopped without a decision, and decides writeOff for one run and clawBack for the next.
 */
class IncentiveReviewBrowserTest extends BrowserTestBase {

  static final ObjectMapper JSON = new ObjectMapper();

  @Autowired
  JdbcTemplate jdbc;

  final String panel = UUID.randomUUID().toString().toUpperCase(java.util.Locale.ROOT);

  @Test
  void reversalsOfPaidCreditsAreWrittenOffAndClawedBackInTasklist() throws Exception {
    List<Long> keep = List.of(reversedCredit("BR-1", 120), reversedCredit("BR-2", 80));
    try (Browser browser = browser("incentive-review")) {
      browser.login("tasklist", ENGINE, "approver");
      browser.visible(By.xpath("//*[contains(@class,'task-filters')]//h4/a[contains(., 'Recontact approvals')]"));

      Task first = startAndAwaitReview();
      TasklistForm form = new TasklistForm(browser, "review-incentive-reversals.form")
          .open(ENGINE, first.getId(), "reversalCents");
      browser.shot("review-incentive-reversals");
      showsVariables(form, first, "settlementTitle", "reversalCents", "reversalCases");
      assertThat(form.value("reversalCents")).isEqualTo("200");
      assertThat(form.value("reversalCases")).contains("entry " + keep.get(0) + ": 120 cents")
          .contains("entry " + keep.get(1) + ": 80 cents").doesNotContain("BR-");
      assertThat(form.link("/api/toluna/incentives/settlements/").getDomAttribute("href"))
          .isEqualTo(variable(first, "reversalsUrl"));
      assertThat(form.showsDecisionHint()).isTrue();
      form.refusesToComplete("review-incentive-reversals-invalid");
      assertThat(taskOpen(first)).isTrue();
      form.choose("reversalDecision", "writeOff");
      form.type("decisionComment", "goodwill: survey link was broken");
      form.complete();
      form.awaitClosed();
      awaitEnd(first.getProcessInstanceId());
      for (long id : keep) {
        assertThat(reversal(id)).isEqualTo("WRITTEN_OFF");
      }
      assertThat(engine.getHistoryService().createHistoricVariableInstanceQuery()
          .processInstanceId(first.getProcessInstanceId()).variableName("decisionComment").singleResult()
          .getValue()).isEqualTo("goodwill: survey link was broken");
      browser.shot("review-incentive-reversals-written-off");

      long claw = reversedCredit("BR-3", 150);
      Task second = startAndAwaitReview();
      form = new TasklistForm(browser, "review-incentive-reversals.form").open(ENGINE, second.getId(),
          "reversalCents");
      assertThat(form.value("reversalCents")).isEqualTo("150");
      form.choose("reversalDecision", "clawBack");
      form.complete();
      form.awaitClosed();
      awaitEnd(second.getProcessInstanceId());
      assertThat(reversal(claw)).isEqualTo("CLAWED_BACK");
      assertThat(jdbc.queryForObject("select p.state from panel_incentive i join panel_incentive_payout p on "
          + "p.entry_id = i.id where i.reverses_id = ? and i.kind = 'CLAWBACK'", String.class, claw))
          .as("the claw-back was sent to the rewards system").isEqualTo("SENT");
      browser.shot("review-incentive-reversals-clawed-back");
    }
  }

  Task startAndAwaitReview() throws Exception {
    ResponseEntity<String> started = http.withBasicAuth("demo", "demo").postForEntity(
        "/api/toluna/incentives/settlements", null, String.class);
    assertThat(started.getStatusCode()).isEqualTo(HttpStatus.ACCEPTED);
    String id = JSON.readTree(started.getBody()).path("processInstanceId").asText();
    await(() -> engine.getTaskService().createTaskQuery().processInstanceId(id)
        .taskDefinitionKey("ReviewIncentiveReversals").count() == 1, "the reversal review of " + id);
    Task task = engine.getTaskService().createTaskQuery().processInstanceId(id).singleResult();
    return task;
  }

  /** A credit already settled and paid that a reconciliation reversed afterwards (open for review). */
  long reversedCredit(String member, long cents) {
    OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
    jdbc.update("insert into panel_incentive (member_code, source, panel_guid, survey_id, quota_id, invite_id, state, "
            + "amount_cents, credited_at, kind, settled_at, settlement_id, reversal, reversed_at, reconciliation_id) "
            + "values (?, 'TOLUNA', ?, 3900021, 4900021, ?, 'SETTLED', ?, ?, 'CREDIT', ?, 'earlier-run', 'OPEN', ?, ?)",
        member, panel, UUID.randomUUID().toString(), cents, now.minusDays(40), now.minusDays(9), now,
        UUID.randomUUID().toString());
    return jdbc.queryForObject("select id from panel_incentive where panel_guid = ? and member_code = ?", Long.class,
        panel, member);
  }

  String reversal(long id) {
    return jdbc.queryForObject("select reversal from panel_incentive where id = ?", String.class, id);
  }
}
