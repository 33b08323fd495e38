package io.recontact.toluna.quotasweep;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import org.camunda.bpm.engine.RuntimeService;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/**
 * One sweep per panel at a time ({@code toluna_panel_sweep}): a sweep instance holds the panel from its claim until
 * the inventory is stored. A later sweep skips the panel while the holder instance still exists, also when it waits
 * in an incident, so a failing panel never piles up sweeps; a holder that is gone (deleted) no longer counts.
 */
@Repository
class PanelSweeps {

  private final JdbcTemplate jdbc;
  private final RuntimeService runtime;

  PanelSweeps(JdbcTemplate jdbc, RuntimeService runtime) {
    this.jdbc = jdbc;
    this.runtime = runtime;
  }

  /** The holder that keeps this sweep out, or null when the panel is now claimed by {@code sweepId}. */
  String claim(String panelGuid, String sweepId) {
    OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
    List<String> holders = jdbc.queryForList("select holder from toluna_panel_sweep where panel_guid = ? for update",
        String.class, panelGuid);
    if (holders.isEmpty()) {
      jdbc.update("insert into toluna_panel_sweep (panel_guid, holder, claimed_at) values (?, ?, ?)", panelGuid,
          sweepId, now);
      return null;
    }
    String holder = holders.get(0);
    if (holder != null && !holder.equals(sweepId)
        && runtime.createProcessInstanceQuery().processInstanceId(holder).count() > 0) {
      return holder;
    }
    jdbc.update("update toluna_panel_sweep set holder = ?, claimed_at = ? where panel_guid = ?", sweepId, now,
        panelGuid);
    return null;
  }

  void release(String panelGuid, String sweepId) {
    jdbc.update("update toluna_panel_sweep set holder = null, last_swept_at = ? where panel_guid = ? and holder = ?",
        OffsetDateTime.now(ZoneOffset.UTC), panelGuid, sweepId);
  }
}
