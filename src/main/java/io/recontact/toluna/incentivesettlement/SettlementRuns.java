package io.recontact.toluna.incentivesettlement;

import java.time.OffsetDateTime;
import java.util.List;
import org.camunda.bpm.engine.RuntimeService;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;
import io.recontact.panel.Incentives;
import io.recontact.storage.NamedLocks;

/**
 * Runs in {@code incentive_settlement}: at most one run confirms and pays at a time. A run holds the settlement from
 * its claim until its credits are paid; a later run is skipped while the holder instance still exists (also when it
 * waits in an incident), a holder that is gone (deleted) no longer counts. The check and the claim are serialised on
 * a named lock, so two starts at the same moment cannot both claim.
 */
@Repository
class SettlementRuns {

  static final String LOCK = "toluna-incentive-settlement";

  private final JdbcTemplate jdbc;
  private final RuntimeService runtime;
  private final NamedLocks locks;

  SettlementRuns(JdbcTemplate jdbc, RuntimeService runtime, NamedLocks locks) {
    this.jdbc = jdbc;
    this.runtime = runtime;
    this.locks = locks;
  }

  /** The holder that keeps this run out, or null when {@code runId} now holds the settlement. */
  String claim(String runId) {
    locks.lock(LOCK);
    List<String> holders = jdbc.queryForList("select id from incentive_settlement where released_at is null "
        + "and id <> ?", String.class, runId);
    for (String holder : holders) {
      if (runtime.createProcessInstanceQuery().processInstanceId(holder).count() > 0) {
        return holder;
      }
      release(holder); // its instance was deleted
    }
    if (jdbc.update("update incentive_settlement set released_at = null where id = ?", runId) == 0) {
      jdbc.update("insert into incentive_settlement (id, started_at) values (?, ?)", runId, Incentives.now());
    }
    return null;
  }

  void release(String runId) {
    jdbc.update("update incentive_settlement set released_at = ? where id = ? and released_at is null",
        Incentives.now(), runId);
  }

  void record(String runId, OffsetDateTime cutoff, int settled, long cents, int toReview) {
    jdbc.update("update incentive_settlement set cutoff = ?, settled = ?, settled_cents = ?, to_review = ? "
        + "where id = ?", cutoff, settled, cents, toReview, runId);
  }
}
