package io.recontact.toluna.recontactquota;

import io.recontact.toluna.recontactquota.QuotaSignals.Ensured;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/**
 * Exactly one active tolunaRecontactQuota instance per (panel, quota), backed by the {@code toluna_quota_run} row:
 * a sweep starts an instance ({@link QuotaSignals#ensureRunning}) only after turning that row active (insert, or a
 * conditional update from inactive), in the transaction that starts the instance. A concurrent sweep blocks on the
 * row lock and then finds it active; a crash rolls back both. The start listener ({@link QuotaStart}) refuses a start
 * that did not come this way; the instance's end listener makes the row inactive again.
 */
@Repository
public class QuotaRuns {

  public static final String PROCESS_KEY = "tolunaRecontactQuota";

  private static final Logger LOG = LoggerFactory.getLogger(QuotaRuns.class);
  private final JdbcTemplate jdbc;
  private final RuntimeService runtime;

  public QuotaRuns(JdbcTemplate jdbc, RuntimeService runtime) {
    this.jdbc = jdbc;
    this.runtime = runtime;
  }

  /**
   * Starts the quota's instance unless one is active. A quota a person aborted is not started again: the
   * decision "invite nobody for this quota" stands while the quota is offered.
   */
  Ensured ensureActive(String panelGuid, long quotaId, long surveyId, String surveyName) {
    OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
    List<Map<String, Object>> rows = jdbc.queryForList("select active, outcome, process_instance_id from "
        + "toluna_quota_run where panel_guid = ? and quota_id = ? for update", panelGuid, quotaId);
    if (rows.isEmpty()) {
      jdbc.update("insert into toluna_quota_run (panel_guid, quota_id, active, run_number, started_at) "
          + "values (?, ?, true, 1, ?)", panelGuid, quotaId, now);
    } else {
      Map<String, Object> row = rows.get(0);
      if (Boolean.TRUE.equals(row.get("active")) && instanceExists((String) row.get("process_instance_id"))) {
        return Ensured.ALREADY_ACTIVE;
      }
      if ("ABORTED".equals(row.get("outcome")) && !Boolean.TRUE.equals(row.get("active"))) {
        return Ensured.ABORTED_BEFORE;
      }
      // Inactive, or "active" although its instance is gone (deleted without listeners): a new run.
      jdbc.update("update toluna_quota_run set active = true, run_number = run_number + 1, started_at = ?, "
          + "ended_at = null, outcome = null, process_instance_id = null where panel_guid = ? and quota_id = ?",
          now, panelGuid, quotaId);
    }
    String id = runtime.createProcessInstanceByKey(PROCESS_KEY)
        .businessKey(QuotaSignals.businessKey(panelGuid, quotaId))
        .setVariables(TolunaQuotaVariables.start(panelGuid, quotaId, surveyId, surveyName))
        .execute().getId();
    jdbc.update("update toluna_quota_run set process_instance_id = ? where panel_guid = ? and quota_id = ?", id,
        panelGuid, quotaId);
    LOG.info("Toluna quota {} of panel {} (survey {}): instance {} started", quotaId, panelGuid, surveyId, id);
    return Ensured.STARTED;
  }

  /** True inside {@link #ensureActive}'s transaction: the run row is active and waits for its instance. */
  boolean startPending(String panelGuid, long quotaId) {
    return !jdbc.queryForList("select quota_id from toluna_quota_run where panel_guid = ? and quota_id = ? "
        + "and active = true and process_instance_id is null", Long.class, panelGuid, quotaId).isEmpty();
  }

  /** Process end listener ({@code ${quotaRuns.ended(execution)}}): normal end or cancellation. */
  public void ended(DelegateExecution execution) {
    TolunaQuotaVariables vars = new TolunaQuotaVariables(execution);
    String outcome = vars.outcome() == null ? "CANCELLED" : vars.outcome();
    LOG.info("Toluna quota {} of panel {}: instance {} ended {}", vars.quotaId(), vars.panelGuid(),
        execution.getProcessInstanceId(), outcome);
    jdbc.update("update toluna_quota_run set active = false, ended_at = ?, outcome = ? where panel_guid = ? "
        + "and quota_id = ? and process_instance_id = ?", OffsetDateTime.now(ZoneOffset.UTC), outcome,
        vars.panelGuid(), vars.quotaId(), execution.getProcessInstanceId());
  }

  private boolean instanceExists(String processInstanceId) {
    return processInstanceId != null
        && runtime.createProcessInstanceQuery().processInstanceId(processInstanceId).count() > 0;
  }
}
