package io.recontact.toluna.notifications;

import io.recontact.metrics.OnCommit;
import io.recontact.metrics.RecontactMetrics;
import io.recontact.panel.Incentives;
import io.recontact.toluna.InviteLinks;
import io.recontact.toluna.InviteOutcome;
import java.sql.Types;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.SqlParameterValue;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Toluna's member status (completion, termination), pre-start termination and reconciliation notifications
 * (toluna-api §4.3–§4.5) applied to {@code toluna_invite_outcome}: one outcome per (panel, survey, member), held by
 * the table's unique key. Each notification is linked to our invite by the {@code rc_invite} parameter Toluna echoes
 * in {@code AdditionalData}, else by (survey, wave, member code). The first outcome wins: the same one again is a
 * DUPLICATE, a different one STALE, one for no invite of ours UNKNOWN_INVITE; none of them changes anything. A
 * reconciliation reverses a COMPLETE once. Every notification is recorded in {@code toluna_notification} (without
 * the member code) and counted after its transaction committed. Log lines name the invite id, never the member.
 */
@Service
public class MemberOutcomes {

  public enum Kind { COMPLETION, TERMINATION, PRESTART_TERMINATION, RECONCILIATION }

  public enum Outcome { APPLIED, DUPLICATE, STALE, UNKNOWN_INVITE }

  /** A completion, termination or pre-start termination as Toluna sent it. */
  record MemberStatus(Kind kind, long surveyId, Long waveId, Long quotaId, String memberCode, String additionalData,
      OffsetDateTime at, Long revenue, String reason, Long rejectionId, String rejectionName) {
  }

  record Reconciliation(long surveyId, Long waveId, Long quotaId, String memberCode, String reconciliationId,
      Long revenue, OffsetDateTime at) {
  }

  record Result(Outcome outcome, String inviteId) {
  }

  private record InviteRow(String inviteId, String panelGuid, long quotaId, long surveyId, Double memberAmount) {
  }

  /** The ledger's {@code source} of Toluna's credits. */
  static final String SOURCE = "TOLUNA";

  private record Recorded(String outcome, String reconciliationId, OffsetDateTime reversedAt) {
  }

  private static final Logger LOG = LoggerFactory.getLogger(MemberOutcomes.class);

  private final JdbcTemplate jdbc;
  private final TransactionTemplate transaction;
  private final RecontactMetrics metrics;
  private final Incentives incentives;

  MemberOutcomes(JdbcTemplate jdbc, PlatformTransactionManager transactions, RecontactMetrics metrics,
      Incentives incentives) {
    this.incentives = incentives;
    this.jdbc = jdbc;
    this.transaction = new TransactionTemplate(transactions);
    this.metrics = metrics;
  }

  Result memberStatus(MemberStatus n) {
    Result result = retryOnce(() -> transaction.execute(status -> apply(n)));
    metrics.notificationReceived(n.kind().name(), result.outcome().name());
    LOG.info("Toluna {}: survey {} quota {}, invite {}: {}", n.kind(), n.surveyId(), n.quotaId(),
        result.inviteId() == null ? "-" : result.inviteId(), result.outcome());
    return result;
  }

  Result reconciliation(Reconciliation n) {
    Result result = retryOnce(() -> transaction.execute(status -> apply(n)));
    metrics.notificationReceived(Kind.RECONCILIATION.name(), result.outcome().name());
    LOG.info("Toluna reconciliation {}: survey {} quota {}, invite {}: {}", n.reconciliationId(), n.surveyId(),
        n.quotaId(), result.inviteId() == null ? "-" : result.inviteId(), result.outcome());
    return result;
  }

  /** Two concurrent deliveries of the same outcome: the loser's insert hits the unique key; its retry sees the row. */
  private static Result retryOnce(java.util.function.Supplier<Result> attempt) {
    try {
      return attempt.get();
    } catch (DuplicateKeyException concurrent) {
      return attempt.get();
    }
  }

  private Result apply(MemberStatus n) {
    Optional<InviteRow> found = invite(n.surveyId(), n.waveId(), n.quotaId(), n.memberCode(), n.additionalData());
    if (found.isEmpty()) {
      record(n.kind(), n.quotaId(), n.surveyId(), n.at(), Outcome.UNKNOWN_INVITE);
      return new Result(Outcome.UNKNOWN_INVITE, null);
    }
    InviteRow invite = found.get();
    InviteOutcome outcome = switch (n.kind()) {
      case COMPLETION -> InviteOutcome.COMPLETE;
      case TERMINATION -> InviteOutcome.TERMINATED;
      case PRESTART_TERMINATION -> InviteOutcome.PRESTART_REJECTED;
      case RECONCILIATION -> throw new IllegalArgumentException("a reconciliation is not a member status");
    };
    Optional<Recorded> existing = recorded(invite, n.memberCode());
    Outcome o;
    if (existing.isPresent()) {
      o = existing.get().outcome().equals(outcome.name()) ? Outcome.DUPLICATE : Outcome.STALE;
    } else {
      OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.MICROS);
      jdbc.update("insert into toluna_invite_outcome (invite_id, panel_guid, quota_id, survey_id, member_code, "
              + "outcome, reason, rejection_id, rejection_name, revenue, event_at, recorded_at) "
              + "values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", invite.inviteId(), invite.panelGuid(), invite.quotaId(),
          invite.surveyId(), n.memberCode(), outcome.name(), n.reason(),
          new SqlParameterValue(Types.INTEGER, n.rejectionId() == null ? null : n.rejectionId().intValue()),
          n.rejectionName(), new SqlParameterValue(Types.BIGINT, n.revenue()), n.at(), now);
      o = Outcome.APPLIED;
      if (outcome == InviteOutcome.COMPLETE && invite.memberAmount() != null && invite.memberAmount() > 0) {
        // The member's incentive, in this transaction: it exists exactly when the completion does.
        incentives.credit(new Incentives.Credit(n.memberCode(), SOURCE, invite.panelGuid(), invite.surveyId(),
            invite.quotaId(), invite.inviteId(), Math.round(invite.memberAmount() * 100), n.revenue(), now));
      }
      OnCommit.run(() -> metrics.inviteOutcome(invite.surveyId(), outcome.name(), n.revenue()));
    }
    record(n.kind(), invite.quotaId(), invite.surveyId(), n.at(), o);
    return new Result(o, invite.inviteId());
  }

  private Result apply(Reconciliation n) {
    Optional<InviteRow> found = invite(n.surveyId(), n.waveId(), n.quotaId(), n.memberCode(), null);
    if (found.isEmpty()) {
      record(Kind.RECONCILIATION, n.quotaId(), n.surveyId(), n.at(), Outcome.UNKNOWN_INVITE);
      return new Result(Outcome.UNKNOWN_INVITE, null);
    }
    InviteRow invite = found.get();
    Optional<Recorded> existing = recorded(invite, n.memberCode());
    Outcome o;
    if (existing.isEmpty() || !existing.get().outcome().equals(InviteOutcome.COMPLETE.name())) {
      o = Outcome.STALE;  // nothing to reverse: no completion recorded (yet), or the invite ended otherwise
    } else if (existing.get().reversedAt() != null) {
      o = n.reconciliationId().equals(existing.get().reconciliationId()) ? Outcome.DUPLICATE : Outcome.STALE;
    } else {
      int updated = jdbc.update("update toluna_invite_outcome set reversed_at = ?, reconciliation_id = ?, "
              + "reversed_revenue = ? where panel_guid = ? and survey_id = ? and member_code = ? and outcome = ? "
              + "and reversed_at is null", n.at(), n.reconciliationId(), new SqlParameterValue(Types.BIGINT,
              n.revenue()), invite.panelGuid(), invite.surveyId(), n.memberCode(), InviteOutcome.COMPLETE.name());
      o = updated == 1 ? Outcome.APPLIED : Outcome.DUPLICATE;
      if (updated == 1) {
        // A pending credit is cancelled; one already paid out is marked for the next settlement's review.
        incentives.reverse(SOURCE, invite.panelGuid(), invite.surveyId(), n.memberCode(), n.reconciliationId(),
            Incentives.now());
        OnCommit.run(() -> metrics.inviteOutcome(invite.surveyId(), "REVERSED", n.revenue()));
      }
    }
    record(Kind.RECONCILIATION, invite.quotaId(), invite.surveyId(), n.at(), o);
    return new Result(o, invite.inviteId());
  }

  private Optional<Recorded> recorded(InviteRow invite, String memberCode) {
    // for update: a concurrent reconciliation and completion of the same member are serialised on the row
    List<Recorded> rows = jdbc.query("select outcome, reconciliation_id, reversed_at from toluna_invite_outcome "
            + "where panel_guid = ? and survey_id = ? and member_code = ? for update",
        (rs, i) -> new Recorded(rs.getString(1), rs.getString(2), rs.getObject(3, OffsetDateTime.class)),
        invite.panelGuid(), invite.surveyId(), memberCode);
    return rows.stream().findFirst();
  }

  /**
   * Our invite id from AdditionalData when it names an invite of this survey and member; else the member's invite
   * for the survey (and wave, when both are known), preferring the notification's quota, then the newest.
   */
  private Optional<InviteRow> invite(long surveyId, Long waveId, Long quotaId, String memberCode,
      String additionalData) {
    Optional<String> id = InviteLinks.inviteIdIn(additionalData);
    if (id.isPresent()) {
      List<InviteRow> byId = jdbc.query("select invite_id, panel_guid, quota_id, survey_id, member_amount from "
          + "toluna_invite where invite_id = ? and survey_id = ? and member_code = ?", this::row, id.get(), surveyId, memberCode);
      if (!byId.isEmpty()) {
        return Optional.of(byId.get(0));
      }
    }
    List<InviteRow> rows = jdbc.query("select invite_id, panel_guid, quota_id, survey_id, member_amount from "
            + "toluna_invite where survey_id = ? and member_code = ? and (wave_id is null or cast(? as bigint) is null "
            + "or wave_id = ?) order by created_at desc, invite_id", this::row, surveyId, memberCode,
        new SqlParameterValue(Types.BIGINT, waveId), new SqlParameterValue(Types.BIGINT, waveId));
    if (quotaId != null) {
      Optional<InviteRow> sameQuota = rows.stream().filter(r -> r.quotaId() == quotaId).findFirst();
      if (sameQuota.isPresent()) {
        return sameQuota;
      }
    }
    return rows.stream().findFirst();
  }

  private InviteRow row(java.sql.ResultSet rs, int i) throws java.sql.SQLException {
    return new InviteRow(rs.getString(1), rs.getString(2), rs.getLong(3), rs.getLong(4),
        rs.getObject(5, Double.class));
  }

  private void record(Kind kind, Long quotaId, long surveyId, OffsetDateTime at, Outcome outcome) {
    jdbc.update("insert into toluna_notification (kind, quota_id, survey_id, is_live, event_at, outcome, received_at) "
            + "values (?, ?, ?, null, ?, ?, ?)", kind.name(), new SqlParameterValue(Types.BIGINT, quotaId), surveyId,
        at, outcome.name(), OffsetDateTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.MICROS));
  }
}
