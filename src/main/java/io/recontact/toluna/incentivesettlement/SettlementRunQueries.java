package io.recontact.toluna.incentivesettlement;

import java.time.OffsetDateTime;
import java.util.LinkedHashMap;
import java.util.List;
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

  private final JdbcTemplate jdbc;
  private final RuntimeService runtime;
  private final TaskService tasks;
  private final SettlementLedger ledger;

  SettlementRunQueries(JdbcTemplate jdbc, RuntimeService runtime, TaskService tasks, SettlementLedger ledger) {
    this.jdbc = jdbc;
    this.runtime = runtime;
    this.tasks = tasks;
    this.ledger = ledger;
  }

  List<Map<String, Object>> recent(int limit) {
    return jdbc.query("select id, started_at, cutoff, released_at, settled, settled_cents, to_review from "
        + "incentive_settlement order by started_at desc, id fetch first ? rows only", (rs, n) -> run(rs), limit);
  }

  Optional<Map<String, Object>> one(String id) {
    List<Map<String, Object>> rows = jdbc.query("select id, started_at, cutoff, released_at, settled, settled_cents, "
        + "to_review from incentive_settlement where id = ?", (rs, n) -> run(rs), id);
    if (rows.isEmpty()) {
      return Optional.empty();
    }
    Map<String, Object> run = rows.get(0);
    run.put("reversals", ledger.cases(id).stream().map(c -> {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("entryId", c.entryId());
      m.put("surveyId", c.surveyId());
      m.put("inviteId", c.inviteId());
      m.put("amountCents", c.amountCents());
      m.put("reconciliationId", c.reconciliationId());
      m.put("reversedAt", c.reversedAt());
      m.put("decision", decision(c.entryId()));
      return m;
    }).toList());
    Map<String, Object> payouts = new LinkedHashMap<>();
    jdbc.query("select state, count(*) from panel_incentive_payout where settlement_id = ? group by state",
        rs -> {
          payouts.put(rs.getString(1).toLowerCase(java.util.Locale.ROOT), rs.getLong(2));
        }, id);
    run.put("payouts", payouts);
    return Optional.of(run);
  }

  private String decision(long entryId) {
    return jdbc.queryForObject("select reversal from panel_incentive where id = ?", String.class, entryId);
  }

  private Map<String, Object> run(java.sql.ResultSet rs) throws java.sql.SQLException {
    String id = rs.getString(1);
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("processInstanceId", id);
    m.put("startedAt", rs.getObject(2, OffsetDateTime.class));
    m.put("cutoff", rs.getObject(3, OffsetDateTime.class));
    m.put("paidOutAt", rs.getObject(4, OffsetDateTime.class));
    m.put("settledEntries", rs.getInt(5));
    m.put("settledCents", rs.getLong(6));
    m.put("reversalsToReview", rs.getInt(7));
    boolean running = runtime.createProcessInstanceQuery().processInstanceId(id).count() > 0;
    boolean inReview = running && tasks.createTaskQuery().processInstanceId(id)
        .taskDefinitionKey("ReviewIncentiveReversals").count() > 0;
    m.put("state", inReview ? "IN_REVIEW" : running ? "RUNNING" : "ENDED");
    return m;
  }
}
