package io.recontact.panel;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/**
 * The incentive ledger ({@code panel_incentive}, V21, V22): credits of our members by the outcome of an invite, and
 * claw-backs of credits already paid out. Callers write inside their own transaction (the one that stores the
 * outcome), so a credit exists exactly when its outcome does; the table's unique key (source, panel, survey, member,
 * kind) makes a second credit of the same completion a no-op. Settlement (io.recontact.toluna.incentivesettlement)
 * moves PENDING entries to SETTLED and pays them out (docs/toluna-incentives.md).
 */
@Repository
public class Incentives {

  public enum State { PENDING, CANCELLED, SETTLED }

  /** CREDIT: an outcome's incentive; CLAWBACK: a debit taking back a paid-out credit. */
  public enum Kind { CREDIT, CLAWBACK }

  /** A reconciliation of a SETTLED credit: OPEN until a run takes it into review, then decided. */
  public enum Reversal { OPEN, IN_REVIEW, CLAWED_BACK, WRITTEN_OFF }

  /** What a reconciliation did to the ledger. */
  public enum ReverseResult { CANCELLED, TO_REVIEW, NOTHING }

  /** A credit to write: the member, where it comes from and how much (1/100 currency units). */
  public record Credit(String memberCode, String source, String panelGuid, long surveyId, Long quotaId,
      String inviteId, long amountCents, Long revenueCents, OffsetDateTime at) {
  }

  /**
   * One ledger entry. {@code amountCents} is positive for both kinds; a CLAWBACK counts against the balance.
   * {@code payout}: PENDING or SENT once the entry is settled, null before.
   */
  public record Entry(long id, Kind kind, String source, String panelGuid, long surveyId, Long quotaId,
      String inviteId, State state, long amountCents, Long revenueCents, OffsetDateTime creditedAt,
      OffsetDateTime cancelledAt, String reconciliationId, OffsetDateTime settledAt, String settlementId,
      Reversal reversal, OffsetDateTime reversedAt, Long reversesId, String payout, OffsetDateTime paidAt) {
  }

  /**
   * In 1/100 units. {@code creditedCents}: every credit; {@code reversedCents}: cancelled credits and claw-backs;
   * {@code balanceCents} = credited - reversed = pending + settled - clawed back. {@code paidOutCents}: what the
   * rewards system accepted, credits minus claw-backs. {@code inReviewCents}: paid credits reversed by Toluna whose
   * decision (claw back or write off) is open; {@code writtenOffCents}: such credits the member keeps.
   */
  public record Balance(long pendingCents, long settledCents, long cancelledCents, long clawedBackCents,
      long creditedCents, long reversedCents, long balanceCents, long paidOutCents, long inReviewCents,
      long writtenOffCents) {
  }

  private static final String COLUMNS = "i.id, i.kind, i.source, i.panel_guid, i.survey_id, i.quota_id, i.invite_id, "
      + "i.state, i.amount_cents, i.revenue_cents, i.credited_at, i.cancelled_at, i.reconciliation_id, i.settled_at, "
      + "i.settlement_id, i.reversal, i.reversed_at, i.reverses_id, p.state, p.sent_at";

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
        + "and survey_id = ? and member_code = ? and kind = 'CREDIT'", Integer.class, c.source(), c.panelGuid(),
        c.surveyId(), c.memberCode());
    if (existing != null && existing > 0) {
      return false;
    }
    jdbc.update("insert into panel_incentive (member_code, source, panel_guid, survey_id, quota_id, invite_id, state, "
            + "amount_cents, revenue_cents, credited_at, kind) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'CREDIT')",
        c.memberCode(), c.source(), c.panelGuid(), c.surveyId(), c.quotaId(), c.inviteId(), State.PENDING.name(),
        c.amountCents(), c.revenueCents(), c.at());
    return true;
  }

  /** Cancels the PENDING credit of (source, panel, survey, member); true when one was cancelled. */
  public boolean cancelPending(String source, String panelGuid, long surveyId, String memberCode,
      String reconciliationId, OffsetDateTime at) {
    return jdbc.update("update panel_incentive set state = ?, cancelled_at = ?, reconciliation_id = ? "
            + "where source = ? and panel_guid = ? and survey_id = ? and member_code = ? and kind = 'CREDIT' "
            + "and state = ?", State.CANCELLED.name(), at, reconciliationId, source, panelGuid, surveyId, memberCode,
        State.PENDING.name()) == 1;
  }

  /**
   * A reconciliation of the credit of (source, panel, survey, member), in the caller's transaction: a PENDING credit
   * is cancelled; a SETTLED one (already handed to the rewards system) is marked for review (OPEN), which the next
   * settlement run takes up. A credit already reversed, or none, is left alone.
   */
  public ReverseResult reverse(String source, String panelGuid, long surveyId, String memberCode,
      String reconciliationId, OffsetDateTime at) {
    if (cancelPending(source, panelGuid, surveyId, memberCode, reconciliationId, at)) {
      return ReverseResult.CANCELLED;
    }
    int marked = jdbc.update("update panel_incentive set reversal = ?, reversed_at = ?, reconciliation_id = ? "
            + "where source = ? and panel_guid = ? and survey_id = ? and member_code = ? and kind = 'CREDIT' "
            + "and state = ? and reversal is null", Reversal.OPEN.name(), at, reconciliationId, source, panelGuid,
        surveyId, memberCode, State.SETTLED.name());
    return marked == 1 ? ReverseResult.TO_REVIEW : ReverseResult.NOTHING;
  }

  /** The member's entries, oldest first. */
  public List<Entry> entries(String memberCode) {
    return jdbc.query("select " + COLUMNS + " from panel_incentive i left join panel_incentive_payout p "
        + "on p.entry_id = i.id where i.member_code = ? order by i.id", (rs, n) -> new Entry(rs.getLong(1),
            Kind.valueOf(rs.getString(2)), rs.getString(3), rs.getString(4), rs.getLong(5),
            rs.getObject(6, Long.class), rs.getString(7), State.valueOf(rs.getString(8)), rs.getLong(9),
            rs.getObject(10, Long.class), rs.getObject(11, OffsetDateTime.class),
            rs.getObject(12, OffsetDateTime.class), rs.getString(13), rs.getObject(14, OffsetDateTime.class),
            rs.getString(15), rs.getString(16) == null ? null : Reversal.valueOf(rs.getString(16)),
            rs.getObject(17, OffsetDateTime.class), rs.getObject(18, Long.class), rs.getString(19),
            rs.getObject(20, OffsetDateTime.class)), memberCode);
  }

  static Balance balance(List<Entry> entries) {
    long pending = 0;
    long settled = 0;
    long cancelled = 0;
    long clawedBack = 0;
    long paid = 0;
    long inReview = 0;
    long writtenOff = 0;
    for (Entry e : entries) {
      long amount = e.amountCents();
      if (e.kind() == Kind.CLAWBACK) {
        clawedBack += e.state() == State.CANCELLED ? 0 : amount;
        paid -= "SENT".equals(e.payout()) ? amount : 0;
        continue;
      }
      switch (e.state()) {
        case PENDING -> pending += amount;
        case SETTLED -> settled += amount;
        case CANCELLED -> cancelled += amount;
      }
      paid += "SENT".equals(e.payout()) ? amount : 0;
      if (e.reversal() == Reversal.OPEN || e.reversal() == Reversal.IN_REVIEW) {
        inReview += amount;
      } else if (e.reversal() == Reversal.WRITTEN_OFF) {
        writtenOff += amount;
      }
    }
    long credited = pending + settled + cancelled;
    long reversed = cancelled + clawedBack;
    return new Balance(pending, settled, cancelled, clawedBack, credited, reversed, credited - reversed, paid,
        inReview, writtenOff);
  }

  /** Now, to the database's precision. */
  public static OffsetDateTime now() {
    return OffsetDateTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.MICROS);
  }
}
