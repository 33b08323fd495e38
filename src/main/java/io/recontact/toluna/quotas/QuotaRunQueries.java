package io.recontact.toluna.quotas;

import io.recontact.toluna.QuotaMemberState;
import io.recontact.toluna.quotas.QuotaRunView.Counts;
import io.recontact.toluna.quotas.QuotaRunView.QuotaRun;
import io.recontact.toluna.quotas.QuotaRunView.Summary;
import io.recontact.toluna.recontactquota.QuotaSignals;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import javax.sql.DataSource;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowCallbackHandler;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/** Read-only SQL over the Toluna flow tables (V4) for the visibility API; the flows own every write. */
@Repository
class QuotaRunQueries {

  /** Rows the driver fetches at a time while a member list streams out. */
  static final int STREAM_FETCH_SIZE = 1_000;

  private static final String RUN_COLUMNS = "r.panel_guid as run_panel, r.quota_id as run_quota, r.active, "
      + "r.run_number, r.process_instance_id, r.started_at, r.ended_at, r.outcome, q.panel_guid as q_panel, "
      + "q.quota_id as q_quota, q.survey_id, q.survey_name, q.recontact, q.live, q.in_inventory, q.survey_closed_at, "
      + "q.left_at ";

  record Key(String panelGuid, long quotaId) {}

  private final JdbcTemplate jdbc;
  private final JdbcTemplate streaming;
  private final TransactionTemplate readOnly;

  QuotaRunQueries(JdbcTemplate jdbc, DataSource dataSource, PlatformTransactionManager transactions) {
    this.jdbc = jdbc;
    this.streaming = new JdbcTemplate(dataSource);
    this.streaming.setFetchSize(STREAM_FETCH_SIZE);
    this.readOnly = new TransactionTemplate(transactions);
    this.readOnly.setReadOnly(true);
  }

  /** Every run, active ones first, newest first, with its figures (three grouped queries for the whole list). */
  List<QuotaRun> runs() {
    List<QuotaRun> runs = jdbc.query("select " + RUN_COLUMNS + "from toluna_quota_run r left join toluna_quota q "
        + "on q.panel_guid = r.panel_guid and q.quota_id = r.quota_id "
        + "order by r.active desc, r.started_at desc, r.panel_guid, r.quota_id", (rs, i) -> run(rs));
    Map<Key, Map<String, Long>> states = new HashMap<>();
    jdbc.query("select panel_guid, quota_id, state, count(*) from toluna_quota_member "
        + "group by panel_guid, quota_id, state", (RowCallbackHandler) rs -> states
        .computeIfAbsent(key(rs), k -> new TreeMap<>()).put(rs.getString(3), rs.getLong(4)));
    Map<Key, Long> invites = new HashMap<>();
    jdbc.query("select panel_guid, quota_id, count(*) from toluna_invite group by panel_guid, quota_id",
        (RowCallbackHandler) rs -> invites.put(key(rs), rs.getLong(3)));
    Map<Key, Map<String, Long>> deliveries = new HashMap<>();
    jdbc.query("select panel_guid, quota_id, state, count(*) from toluna_invite_delivery "
        + "group by panel_guid, quota_id, state", (RowCallbackHandler) rs -> deliveries
        .computeIfAbsent(key(rs), k -> new TreeMap<>()).put(rs.getString(3), rs.getLong(4)));
    return runs.stream().map(run -> {
      Key k = new Key(run.panelGuid(), run.quotaId());
      return run.withCounts(Summary.of(states.getOrDefault(k, Map.of()), invites.getOrDefault(k, 0L),
          deliveries.getOrDefault(k, Map.of())));
    }).toList();
  }

  /**
   * One quota by panel GUID (as stored, or in upper or lower case) and quota ID: its run if it has one, else its
   * inventory row alone.
   */
  Optional<QuotaRun> find(String panelGuid, long quotaId) {
    Object[] args = {panelGuid, panelGuid.toUpperCase(Locale.ROOT), panelGuid.toLowerCase(Locale.ROOT), quotaId};
    List<QuotaRun> found = jdbc.query("select " + RUN_COLUMNS + "from toluna_quota_run r left join toluna_quota q "
        + "on q.panel_guid = r.panel_guid and q.quota_id = r.quota_id "
        + "where r.panel_guid in (?, ?, ?) and r.quota_id = ?", (rs, i) -> run(rs), args);
    if (found.isEmpty()) {
      found = jdbc.query("select " + RUN_COLUMNS + "from toluna_quota q left join toluna_quota_run r "
          + "on r.panel_guid = q.panel_guid and r.quota_id = q.quota_id "
          + "where q.panel_guid in (?, ?, ?) and q.quota_id = ?", (rs, i) -> run(rs), args);
    }
    return found.stream().findFirst();
  }

  Counts counts(Key k) {
    Map<String, Long> states = new TreeMap<>();
    jdbc.query("select state, count(*) from toluna_quota_member where panel_guid = ? and quota_id = ? "
        + "group by state", (RowCallbackHandler) rs -> states.put(rs.getString(1), rs.getLong(2)),
        k.panelGuid(), k.quotaId());
    Map<String, Long> reasons = new TreeMap<>();
    jdbc.query("select reason_code, count(*) from toluna_quota_member where panel_guid = ? and quota_id = ? "
        + "and state = ? group by reason_code", (RowCallbackHandler) rs -> reasons.merge(
            rs.getString(1) == null ? "UNSPECIFIED" : rs.getString(1), rs.getLong(2), Long::sum),
        k.panelGuid(), k.quotaId(), QuotaMemberState.EXCEPTION.name());
    long invited = jdbc.queryForObject("select count(*) from toluna_invite where panel_guid = ? and quota_id = ?",
        Long.class, k.panelGuid(), k.quotaId());
    Map<String, Long> deliveries = new TreeMap<>();
    jdbc.query("select state, count(*) from toluna_invite_delivery where panel_guid = ? and quota_id = ? "
        + "group by state", (RowCallbackHandler) rs -> deliveries.put(rs.getString(1), rs.getLong(2)),
        k.panelGuid(), k.quotaId());
    return Counts.of(states, reasons, invited, deliveries);
  }

  /**
   * Hands the quota's member rows (member_code, state, reason_code, reason; by member code) to {@code rows} one at a
   * time, fetched in batches inside a read-only transaction (PostgreSQL streams a result only inside one).
   */
  void members(Key k, QuotaMemberState state, RowCallbackHandler rows) {
    String sql = "select member_code, state, reason_code, reason from toluna_quota_member "
        + "where panel_guid = ? and quota_id = ?" + (state == null ? "" : " and state = ?") + " order by member_code";
    Object[] args = state == null ? new Object[] {k.panelGuid(), k.quotaId()}
        : new Object[] {k.panelGuid(), k.quotaId(), state.name()};
    readOnly.executeWithoutResult(status -> streaming.query(sql, rows, args));
  }

  private static Key key(ResultSet rs) throws SQLException {
    return new Key(rs.getString(1), rs.getLong(2));
  }

  private static QuotaRun run(ResultSet rs) throws SQLException {
    String runPanel = rs.getString("run_panel");
    String panel = runPanel != null ? runPanel : rs.getString("q_panel");
    long quota = runPanel != null ? rs.getLong("run_quota") : rs.getLong("q_quota");
    Boolean active = rs.getObject("active", Boolean.class);
    Boolean recontact = rs.getObject("recontact", Boolean.class);
    Boolean live = rs.getObject("live", Boolean.class);
    Boolean inInventory = rs.getObject("in_inventory", Boolean.class);
    OffsetDateTime closed = rs.getObject("survey_closed_at", OffsetDateTime.class);
    // Only a run has an instance, and so a business key: none for a quota that was never started.
    String businessKey = runPanel == null ? null : QuotaSignals.businessKey(panel, quota);
    return new QuotaRun(panel, quota, rs.getObject("survey_id", Long.class), rs.getString("survey_name"), recontact,
        businessKey, rs.getString("process_instance_id"), rs.getObject("run_number", Integer.class),
        Boolean.TRUE.equals(active), QuotaRunState.of(active, recontact, live, inInventory, closed),
        rs.getString("outcome"), live, inInventory,
        rs.getObject("started_at", OffsetDateTime.class), rs.getObject("ended_at", OffsetDateTime.class), closed,
        rs.getObject("left_at", OffsetDateTime.class), null);
  }
}
