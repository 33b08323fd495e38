package io.recontact.toluna.quotas;

import io.recontact.toluna.InviteOutcome;
import io.recontact.toluna.QuotaMemberState;
import io.recontact.toluna.TolunaFlowProperties;
import io.recontact.toluna.quotas.QuotaRunView.Outcomes;
import io.recontact.toluna.quotas.QuotaRunView.Counts;
import io.recontact.toluna.quotas.QuotaRunView.QuotaRun;
import io.recontact.toluna.quotas.QuotaRunView.Summary;
import io.recontact.toluna.recontactquota.QuotaSignals;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
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

  private final Duration expiry;

  QuotaRunQueries(JdbcTemplate jdbc, DataSource dataSource, PlatformTransactionManager transactions,
      TolunaFlowProperties flow) {
    this.jdbc = jdbc;
    this.expiry = flow.invite().expiry();
    this.streaming = new JdbcTemplate(dataSource);
    this.streaming.setFetchSize(STREAM_FETCH_SIZE);
    this.readOnly = new TransactionTemplate(transactions);
    this.readOnly.setReadOnly(true);
  }

  /** Every run, active ones first, newest first, with its figures (three grouped queries for the whole list). */
  List<QuotaRun> runs() {
    return withCounts(jdbc.query("select " + RUN_COLUMNS + RUNS, (rs, i) -> run(rs)), "", new Object[0]);
  }

  /**
   * One page of {@link #runs()}: its figures grouped over the page's quota IDs only (the indexes lead with
   * panel_guid, quota_id), so a page costs the same with 100 quotas of 10,000 members as with one.
   */
  List<QuotaRun> runs(int limit, int offset) {
    List<QuotaRun> runs = jdbc.query("select " + RUN_COLUMNS + RUNS + " limit ? offset ?", (rs, i) -> run(rs), limit,
        offset);
    if (runs.isEmpty()) {
      return runs;
    }
    List<Object> panels = runs.stream().map(QuotaRun::panelGuid).distinct().map(Object.class::cast).toList();
    List<Object> quotaIds = runs.stream().map(QuotaRun::quotaId).distinct().map(Object.class::cast).toList();
    List<Object> args = new java.util.ArrayList<>(panels);
    args.addAll(quotaIds);
    // Both leading index columns bound: an index range per panel instead of a scan; other pairs fall out by key.
    return withCounts(runs, " where panel_guid in (" + marks(panels.size()) + ") and quota_id in ("
        + marks(quotaIds.size()) + ")", args.toArray());
  }

  private static final String RUNS = "from toluna_quota_run r left join toluna_quota q "
      + "on q.panel_guid = r.panel_guid and q.quota_id = r.quota_id "
      + "order by r.active desc, r.started_at desc, r.panel_guid, r.quota_id";

  private static String marks(int n) {
    return "?, ".repeat(n - 1) + "?";
  }

  private List<QuotaRun> withCounts(List<QuotaRun> runs, String where, Object[] args) {
    Map<Key, Map<String, Long>> states = new HashMap<>();
    jdbc.query("select panel_guid, quota_id, state, count(*) from toluna_quota_member" + where
        + " group by panel_guid, quota_id, state", (RowCallbackHandler) rs -> states
        .computeIfAbsent(key(rs), k -> new TreeMap<>()).put(rs.getString(3), rs.getLong(4)), args);
    Map<Key, Long> invites = new HashMap<>();
    jdbc.query("select panel_guid, quota_id, count(*) from toluna_invite" + where + " group by panel_guid, quota_id",
        (RowCallbackHandler) rs -> invites.put(key(rs), rs.getLong(3)), args);
    Map<Key, Map<String, Long>> deliveries = new HashMap<>();
    jdbc.query("select panel_guid, quota_id, state, count(*) from toluna_invite_delivery" + where
        + " group by panel_guid, quota_id, state", (RowCallbackHandler) rs -> deliveries
        .computeIfAbsent(key(rs), k -> new TreeMap<>()).put(rs.getString(3), rs.getLong(4)), args);
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
   * What became of the quota's invites: stored outcomes by kind, reason and rejection; EXPIRED is decided here, at
   * read (an invite without an outcome whose survey closed or that is older than the expiry), so no job has to
   * write it and a late outcome from Toluna still counts.
   */
  Outcomes outcomes(Key k) {
    Map<String, Long> terminations = new TreeMap<>();
    Map<String, Long> rejections = new TreeMap<>();
    long[] totals = new long[5];  // completes, reversed, revenue, reversed revenue, terminations+rejections unused
    jdbc.query("select outcome, reason, rejection_id, rejection_name, count(*), sum(case when reversed_at is null "
            + "then 0 else 1 end), sum(revenue), sum(case when reversed_at is null then 0 else coalesce("
            + "reversed_revenue, revenue, 0) end) from toluna_invite_outcome where panel_guid = ? and quota_id = ? "
            + "group by outcome, reason, rejection_id, rejection_name", (RowCallbackHandler) rs -> {
              String outcome = rs.getString(1);
              long n = rs.getLong(5);
              if (InviteOutcome.COMPLETE.name().equals(outcome)) {
                totals[0] += n;
                totals[1] += rs.getLong(6);
                totals[2] += rs.getLong(7);
                totals[3] += rs.getLong(8);
              } else if (InviteOutcome.TERMINATED.name().equals(outcome)) {
                terminations.merge(rs.getString(2) == null ? "UNSPECIFIED" : rs.getString(2), n, Long::sum);
              } else if (InviteOutcome.PRESTART_REJECTED.name().equals(outcome)) {
                String rejection = rs.getObject(3) == null && rs.getString(4) == null ? "UNSPECIFIED"
                    : (rs.getObject(3) == null ? "" : rs.getLong(3) + " ") + (rs.getString(4) == null ? ""
                    : rs.getString(4));
                rejections.merge(rejection.strip(), n, Long::sum);
              }
            }, k.panelGuid(), k.quotaId());
    OffsetDateTime expiredBefore = OffsetDateTime.now(ZoneOffset.UTC).minus(expiry);
    Map<String, Object> open = jdbc.queryForMap("select count(*) as open_invites, sum(case when q.survey_closed_at "
            + "is not null or i.created_at < ? then 1 else 0 end) as expired from toluna_invite i "
            + "left join toluna_invite_outcome o on o.invite_id = i.invite_id "
            + "left join toluna_quota q on q.panel_guid = i.panel_guid and q.quota_id = i.quota_id "
            + "where i.panel_guid = ? and i.quota_id = ? and o.invite_id is null", expiredBefore, k.panelGuid(),
        k.quotaId());
    long openInvites = ((Number) open.get("open_invites")).longValue();
    long expired = open.get("expired") == null ? 0 : ((Number) open.get("expired")).longValue();
    long terminated = terminations.values().stream().mapToLong(Long::longValue).sum();
    long rejected = rejections.values().stream().mapToLong(Long::longValue).sum();
    return new Outcomes(openInvites - expired, totals[0], new Outcomes.ByKind(terminated, terminations),
        new Outcomes.ByKind(rejected, rejections), totals[1], expired,
        new Outcomes.Revenue(totals[2], totals[3], totals[2] - totals[3]));
  }

  /**
   * Hands the quota's member rows (member_code, state, reason_code, reason; by member code) to {@code rows} one at a
   * time, fetched in batches inside a read-only transaction (PostgreSQL streams a result only inside one).
   */
  void members(Key k, QuotaMemberState state, RowCallbackHandler rows) {
    String sql = "select m.member_code, m.state, m.reason_code, m.reason, i.created_at, o.outcome, o.event_at, "
        + "o.reversed_at, q.survey_closed_at from toluna_quota_member m "
        + "left join toluna_invite i on i.panel_guid = m.panel_guid and i.quota_id = m.quota_id "
        + "and i.member_code = m.member_code "
        + "left join toluna_invite_outcome o on o.invite_id = i.invite_id "
        + "left join toluna_quota q on q.panel_guid = m.panel_guid and q.quota_id = m.quota_id "
        + "where m.panel_guid = ? and m.quota_id = ?" + (state == null ? "" : " and m.state = ?")
        + " order by m.member_code";
    Object[] args = state == null ? new Object[] {k.panelGuid(), k.quotaId()}
        : new Object[] {k.panelGuid(), k.quotaId(), state.name()};
    readOnly.executeWithoutResult(status -> streaming.query(sql, rows, args));
  }

  Duration expiry() {
    return expiry;
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
