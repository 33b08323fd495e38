package io.recontact.panel;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/**
 * The incentive ledger ({@code panel_incentive}, V21): credits of our members by the outcome of an invite. Callers
 * write inside their own transaction (the one that stores the outcome), so a credit exists exactly when its outcome
 * does; the table's unique key (source, panel, survey, member) makes a second credit of the same completion a no-op.
 */
@Repository
public class Incentives {

  public enum State { PENDING, CANCELLED, SETTLED }

  /** A credit to write: the member, where it comes from and how much (1/100 currency units). */
  public record Credit(String memberCode, String source, String panelGuid, long surveyId, Long quotaId,
      String inviteId, long amountCents, Long revenueCents, OffsetDateTime at) {
  }

  public record Entry(long id, String source, String panelGuid, long surveyId, Long quotaId, String inviteId,
      State state, long amountCents, Long revenueCents, OffsetDateTime creditedAt, OffsetDateTime cancelledAt,
      String reconciliationId) {
  }

  /** {@code pendingCents}: credited, neither cancelled nor settled; {@code balanceCents}: pending + settled. */
  public record Balance(long pendingCents, long settledCents, long cancelledCents, long balanceCents) {
  }

  private final JdbcTemplate jdbc;

  public Incentives(JdbcTemplate jdbc) {
    this.jdbc = jdbc;
  }

  /**
   * Writes a PENDING credit unless one exists for the same (source, panel, survey, member); true when written. Must
   * run in the caller's transaction; a concurrent writer of the same credit fails on the unique key and rolls back.
   */
  public boolean credit(Credit c) {
    Integer existing = jdbc.queryForObject("select count(*) from panel_incentive where source = ? and panel_guid = ? "
        + "and survey_id = ? and member_code = ?", Integer.class, c.source(), c.panelGuid(), c.surveyId(),
        c.memberCode());
    if (existing != null && existing > 0) {
      return false;
    }
    jdbc.update("insert into panel_incentive (member_code, source, panel_guid, survey_id, quota_id, invite_id, state, "
            + "amount_cents, revenue_cents, credited_at) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", c.memberCode(),
        c.source(), c.panelGuid(), c.surveyId(), c.quotaId(), c.inviteId(), State.PENDING.name(), c.amountCents(),
        c.revenueCents(), c.at());
    return true;
  }

  /** Cancels the PENDING credit of (source, panel, survey, member); true when one was cancelled. */
  public boolean cancelPending(String source, String panelGuid, long surveyId, String memberCode,
      String reconciliationId, OffsetDateTime at) {
    return jdbc.update("update panel_incentive set state = ?, cancelled_at = ?, reconciliation_id = ? "
            + "where source = ? and panel_guid = ? and survey_id = ? and member_code = ? and state = ?",
        State.CANCELLED.name(), at, reconciliationId, source, panelGuid, surveyId, memberCode,
        State.PENDING.name()) == 1;
  }

  /** The member's entries, oldest first. */
  public List<Entry> entries(String memberCode) {
    return jdbc.query("select id, source, panel_guid, survey_id, quota_id, invite_id, state, amount_cents, "
        + "revenue_cents, credited_at, cancelled_at, reconciliation_id from panel_incentive where member_code = ? "
        + "order by id", (rs, i) -> new Entry(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getLong(4),
            rs.getObject(5, Long.class), rs.getString(6), State.valueOf(rs.getString(7)), rs.getLong(8),
            rs.getObject(9, Long.class), rs.getObject(10, OffsetDateTime.class), rs.getObject(11, OffsetDateTime.class),
            rs.getString(12)), memberCode);
  }

  static Balance balance(List<Entry> entries) {
    long pending = 0;
    long settled = 0;
    long cancelled = 0;
    for (Entry e : entries) {
      switch (e.state()) {
        case PENDING -> pending += e.amountCents();
        case SETTLED -> settled += e.amountCents();
        case CANCELLED -> cancelled += e.amountCents();
      }
    }
    return new Balance(pending, settled, cancelled, pending + settled);
  }

  /** Now, to the database's precision. */
  public static OffsetDateTime now() {
    return OffsetDateTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.MICROS);
  }
}
