package io.recontact.toluna.incentivesettlement;

import io.recontact.panel.Incentives;
import java.time.OffsetDateTime;
import java.util.List;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/**
 * What a settlement run does to {@code panel_incentive}, each step in the job's transaction so it happens whole or
 * not at all, and each repeatable: a job run again after a crash finds its earlier work by the run id and adds nothing.
 * A confirmed entry and its payout row are written together, so every SETTLED entry is paid, and only once (the
 * payout's key is the entry id).
 */
@Repository
class SettlementLedger {

  /** What a step did: entries and their sum (1/100 units). */
  record Tally(int entries, long cents) {
  }

  /** A reversal of a paid credit, as the review shows it: no member code. */
  record ReversalCase(long entryId, long surveyId, String inviteId, long amountCents, String reconciliationId,
      OffsetDateTime reversedAt) {
  }

  private final JdbcTemplate jdbc;

  SettlementLedger(JdbcTemplate jdbc) {
    this.jdbc = jdbc;
  }

  /** PENDING credits credited at or before {@code cutoff} become SETTLED by {@code runId}, each with its payout. */
  Tally confirm(String runId, OffsetDateTime cutoff) {
    OffsetDateTime now = Incentives.now();
    jdbc.update("update panel_incentive set state = 'SETTLED', settled_at = ?, settlement_id = ? where kind = 'CREDIT' "
        + "and state = 'PENDING' and credited_at <= ?", now, runId, cutoff);
    enqueuePayouts(runId, now);
    return tally("kind = 'CREDIT' and settlement_id = ?", runId);
  }

  /** Reversals of paid credits not yet in a review join this run's review; returns how many the review holds. */
  Tally takeReversals(String runId) {
    jdbc.update("update panel_incentive set reversal = 'IN_REVIEW', review_id = ? where reversal = 'OPEN'", runId);
    return tally("kind = 'CREDIT' and review_id = ?", runId);
  }

  List<ReversalCase> cases(String runId) {
    return jdbc.query("select id, survey_id, invite_id, amount_cents, reconciliation_id, reversed_at from "
        + "panel_incentive where review_id = ? and kind = 'CREDIT' order by id", (rs, n) -> new ReversalCase(
            rs.getLong(1), rs.getLong(2), rs.getString(3), rs.getLong(4), rs.getString(5),
            rs.getObject(6, OffsetDateTime.class)), runId);
  }

  /**
   * Claws back the run's reviewed credits: a CLAWBACK entry per credit (SETTLED at once, paid like a credit),
   * the credit marked CLAWED_BACK. Returns the claw-backs of this run, also those of an earlier attempt of the job.
   */
  Tally clawBack(String runId) {
    OffsetDateTime now = Incentives.now();
    jdbc.update("insert into panel_incentive (member_code, source, panel_guid, survey_id, quota_id, invite_id, state, "
        + "amount_cents, revenue_cents, credited_at, kind, reverses_id, settled_at, settlement_id, reconciliation_id) "
        + "select member_code, source, panel_guid, survey_id, quota_id, invite_id, 'SETTLED', amount_cents, null, ?, "
        + "'CLAWBACK', id, ?, ?, reconciliation_id from panel_incentive where review_id = ? and kind = 'CREDIT' "
        + "and reversal = 'IN_REVIEW'", now, now, runId, runId);
    jdbc.update("update panel_incentive set reversal = 'CLAWED_BACK', decided_at = ? where review_id = ? "
        + "and kind = 'CREDIT' and reversal = 'IN_REVIEW'", now, runId);
    enqueuePayouts(runId, now);
    return tally("kind = 'CLAWBACK' and settlement_id = ?", runId);
  }

  /** The member keeps the run's reviewed credits. */
  Tally writeOff(String runId) {
    jdbc.update("update panel_incentive set reversal = 'WRITTEN_OFF', decided_at = ? where review_id = ? "
        + "and kind = 'CREDIT' and reversal = 'IN_REVIEW'", Incentives.now(), runId);
    return tally("kind = 'CREDIT' and reversal = 'WRITTEN_OFF' and review_id = ?", runId);
  }

  /** A payout row for each SETTLED entry of the run that has none. */
  private void enqueuePayouts(String runId, OffsetDateTime now) {
    jdbc.update("insert into panel_incentive_payout (entry_id, settlement_id, state, attempts, next_attempt_at) "
        + "select i.id, i.settlement_id, 'PENDING', 0, ? from panel_incentive i where i.settlement_id = ? "
        + "and i.state = 'SETTLED' and not exists (select 1 from panel_incentive_payout p where p.entry_id = i.id)",
        now, runId);
  }

  private Tally tally(String where, String runId) {
    return jdbc.queryForObject("select count(*), coalesce(sum(amount_cents), 0) from panel_incentive where " + where,
        (rs, n) -> new Tally(rs.getInt(1), rs.getLong(2)), runId);
  }
}
