package io.recontact.toluna.notifications;

import io.recontact.metrics.RecontactMetrics;
import io.recontact.toluna.recontactquota.QuotaSignals;
import java.sql.Types;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.SqlParameterValue;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Applies Toluna's notifications to {@code toluna_quota} and records each in {@code toluna_notification}, in one
 * transaction; the running quota instances are woken only after it committed, so they read the new state. Ordering is
 * by Toluna's timestamp, not by arrival: the conditional UPDATE lets only a newer status through, so two concurrent
 * deliveries cannot both apply and an old retry never overwrites a newer status.
 */
@Service
public class QuotaNotifications {

  public enum Kind { QUOTA_STATUS, SURVEY_CLOSED }

  public enum Outcome { APPLIED, STALE, DUPLICATE, UNKNOWN_QUOTA, UNKNOWN_SURVEY }

  record QuotaStatus(long quotaId, long surveyId, Long waveId, boolean live, OffsetDateTime at) {}

  record SurveyClosed(long surveyId, String surveyRef, Long waveId, OffsetDateTime at) {}

  record Result(Outcome outcome, int quotasAffected) {}

  private record Target(String panelGuid, long quotaId) {}

  private static final Logger LOG = LoggerFactory.getLogger(QuotaNotifications.class);

  private final JdbcTemplate jdbc;
  private final TransactionTemplate transaction;
  private final QuotaSignals signals;
  private final RecontactMetrics metrics;

  QuotaNotifications(JdbcTemplate jdbc, PlatformTransactionManager transactions, QuotaSignals signals,
      RecontactMetrics metrics) {
    this.jdbc = jdbc;
    this.transaction = new TransactionTemplate(transactions);
    this.signals = signals;
    this.metrics = metrics;
  }

  /**
   * Every panel's row of the quota: older than its {@code live_changed_at} → STALE, same time and same flag →
   * DUPLICATE, otherwise applied (a same-time status with the other flag counts as news). APPLIED when any panel's row
   * changed.
   */
  Result quotaStatus(QuotaStatus n) {
    List<Target> changed = new ArrayList<>();
    Outcome outcome = transaction.execute(status -> {
      List<String> panels = jdbc.queryForList(
          "select panel_guid from toluna_quota where quota_id = ? order by panel_guid", String.class, n.quotaId());
      boolean stale = false;
      for (String panel : panels) {
        int updated = jdbc.update("update toluna_quota set live = ?, live_changed_at = ? "
                + "where panel_guid = ? and quota_id = ? and (live_changed_at is null or live_changed_at < ? "
                + "or (live_changed_at = ? and live <> ?))",
            n.live(), n.at(), panel, n.quotaId(), n.at(), n.at(), n.live());
        if (updated == 1) {
          changed.add(new Target(panel, n.quotaId()));
        } else {
          // Re-read after the update: a concurrent delivery may just have written a newer time.
          stale |= jdbc.queryForObject("select count(*) from toluna_quota where panel_guid = ? and quota_id = ? "
              + "and live_changed_at > ?", Integer.class, panel, n.quotaId(), n.at()) > 0;
        }
      }
      Outcome o = panels.isEmpty() ? Outcome.UNKNOWN_QUOTA
          : !changed.isEmpty() ? Outcome.APPLIED : stale ? Outcome.STALE : Outcome.DUPLICATE;
      record(Kind.QUOTA_STATUS, n.quotaId(), n.surveyId(), n.live(), n.at(), o);
      return o;
    });
    metrics.notificationReceived(Kind.QUOTA_STATUS.name(), outcome.name());
    LOG.info("Toluna quota status: quota {} of survey {} IsLive={} at {}: {} ({} panel row(s) changed)",
        n.quotaId(), n.surveyId(), n.live(), n.at(), outcome, changed.size());
    changed.forEach(t -> wake(t, false));
    return new Result(outcome, changed.size());
  }

  /** Sets {@code survey_closed_at} on every quota row of the survey not closed yet: the first closure wins. */
  Result surveyClosed(SurveyClosed n) {
    List<Target> closed = new ArrayList<>();
    Outcome outcome = transaction.execute(status -> {
      List<Target> rows = jdbc.query("select panel_guid, quota_id from toluna_quota where survey_id = ? "
              + "order by panel_guid, quota_id",
          (rs, i) -> new Target(rs.getString(1), rs.getLong(2)), n.surveyId());
      for (Target row : rows) {
        if (jdbc.update("update toluna_quota set survey_closed_at = ? where panel_guid = ? and quota_id = ? "
            + "and survey_closed_at is null", n.at(), row.panelGuid(), row.quotaId()) == 1) {
          closed.add(row);
        }
      }
      Outcome o = rows.isEmpty() ? Outcome.UNKNOWN_SURVEY : closed.isEmpty() ? Outcome.DUPLICATE : Outcome.APPLIED;
      record(Kind.SURVEY_CLOSED, null, n.surveyId(), null, n.at(), o);
      return o;
    });
    metrics.notificationReceived(Kind.SURVEY_CLOSED.name(), outcome.name());
    LOG.info("Toluna survey closed: survey {} ({}) at {}: {} ({} quota row(s) closed)", n.surveyId(), n.surveyRef(),
        n.at(), outcome, closed.size());
    closed.forEach(t -> wake(t, true));
    return new Result(outcome, closed.size());
  }

  private void record(Kind kind, Long quotaId, long surveyId, Boolean live, OffsetDateTime at, Outcome outcome) {
    jdbc.update("insert into toluna_notification (kind, quota_id, survey_id, is_live, event_at, outcome, received_at) "
            + "values (?, ?, ?, ?, ?, ?, ?)", kind.name(), new SqlParameterValue(Types.BIGINT, quotaId), surveyId,
        new SqlParameterValue(Types.BOOLEAN, live), at, outcome.name(),
        OffsetDateTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.MICROS));
  }

  /** The change is committed; a wake-up that fails only delays the instance until its next step reads the tables. */
  private void wake(Target t, boolean surveyClosed) {
    try {
      if (surveyClosed) {
        signals.surveyClosed(t.panelGuid(), t.quotaId());
      } else {
        signals.quotaUpdated(t.panelGuid(), t.quotaId());
      }
    } catch (RuntimeException e) {
      LOG.warn("Quota {} of panel {} changed but its instance was not woken ({}); it reads the tables at its next "
          + "step", t.quotaId(), t.panelGuid(), e.toString());
    }
  }
}
