package io.recontact.toluna.incentivesettlement;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/**
 * The read side of settlement runs: {@code incentive_settlement} (kept after the instance ended, unlike Cockpit CE's
 * view), the run's reversal cases and payouts from the ledger, and whether its instance still runs or waits in a
 * review.
 */
@Repository
class SettlementRunQueries {

  private static final String COLUMNS = "id, started_at, cutoff, released_at, settled, settled_cents, to_review";

  private final JdbcTemplate jdbc;
  private final RuntimeService runtime;
  private final TaskService tasks;

  SettlementRunQueries(JdbcTemplate jdbc, RuntimeService runtime, TaskService tasks) {
    this.jdbc = jdbc;
    this.runtime = runtime;
    this.tasks = tasks;
  }

  List<SettlementRunView.SettlementRun> recent(int limit) {
    return jdbc.query("select " + COLUMNS + " from incentive_settlement order by started_at desc, id "
        + "fetch first ? rows only", (rs, n) -> run(rs), limit);
  }

  Optional<SettlementRunView.SettlementRun> one(String id) {
    List<SettlementRunView.SettlementRun> rows = jdbc.query("select " + COLUMNS + " from incentive_settlement "
        + "where id = ?", (rs, n) -> run(rs), id);
    if (rows.isEmpty()) {
      return Optional.empty();
    }
    List<SettlementRunView.SettlementReversal> reversals = jdbc.query("select id, survey_id, invite_id, amount_cents, "
        + "reconciliation_id, reversed_at, reversal from panel_incentive where review_id = ? and kind = 'CREDIT' "
        + "order by id", (rs, n) -> new SettlementRunView.SettlementReversal(rs.getLong(1), rs.getLong(2),
            rs.getString(3), rs.getLong(4), rs.getString(5), rs.getObject(6, OffsetDateTime.class), rs.getString(7)),
        id);
    Map<String, Long> payouts = new LinkedHashMap<>();
    jdbc.query("select state, count(*) from panel_incentive_payout where settlement_id = ? group by state order by "
        + "state", rs -> {
          payouts.put(rs.getString(1).toLowerCase(Locale.ROOT), rs.getLong(2));
        }, id);
    return Optional.of(rows.get(0).with(reversals, payouts));
  }

  private SettlementRunView.SettlementRun run(ResultSet rs) throws SQLException {
    String id = rs.getString(1);
    boolean running = runtime.createProcessInstanceQuery().processInstanceId(id).count() > 0;
    boolean inReview = running && tasks.createTaskQuery().processInstanceId(id)
        .taskDefinitionKey("ReviewIncentiveReversals").count() > 0;
    return new SettlementRunView.SettlementRun(id, inReview ? "IN_REVIEW" : running ? "RUNNING" : "ENDED",
        rs.getObject(2, OffsetDateTime.class), rs.getObject(3, OffsetDateTime.class),
        rs.getObject(4, OffsetDateTime.class), rs.getInt(5), rs.getLong(6), rs.getInt(7), null, null);
  }
}
