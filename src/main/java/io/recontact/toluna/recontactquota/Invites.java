package io.recontact.toluna.recontactquota;

import io.recontact.storage.JdbcBatches;
import io.recontact.storage.TimeOrderedIds;
import io.recontact.toluna.InviteLinks;
import io.recontact.toluna.client.TolunaMessages.Invite;
import io.recontact.toluna.delivery.InviteOutbox;
import java.sql.Types;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Stores generated invites with their outbox rows and the members' new state, a small batch per transaction of its
 * own, as Toluna's answers arrive: GenerateInvite returns a new URL on every call, so what is stored must survive a
 * crash of the chunk, and a retried chunk skips members that have an invite. A crash loses at most the batch in
 * flight: those members are still MATCHED and get a new invite, of which one is stored and delivered.
 */
@Repository
class Invites {

  static final int ROWS_PER_INSERT = 100;

  private final JdbcTemplate jdbc;
  private final InviteOutbox outbox;
  private final TransactionTemplate separate;
  /** Null without Spring (table tests): no do-not-contact list or caps. */
  private final GovernedInvites governed;

  Invites(JdbcTemplate jdbc, InviteOutbox outbox, PlatformTransactionManager transactions) {
    this(jdbc, outbox, transactions, null);
  }

  @Autowired
  Invites(JdbcTemplate jdbc, InviteOutbox outbox, PlatformTransactionManager transactions, GovernedInvites governed) {
    this.jdbc = jdbc;
    this.outbox = outbox;
    this.separate = new TransactionTemplate(transactions);
    this.separate.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
    this.governed = governed;
  }

  /** One GenerateInvite answer. */
  record Generated(String memberCode, Invite invite) {
  }

  /** Stores a batch in one transaction; when a member already had an invite, the batch is stored one by one. */
  void recordAll(String panelGuid, long quotaId, long surveyId, List<Generated> batch) {
    try {
      store(panelGuid, quotaId, surveyId, batch);
    } catch (DuplicateKeyException someAlreadyInvited) {
      for (Generated g : batch) {
        try {
          store(panelGuid, quotaId, surveyId, List.of(g));
        } catch (DuplicateKeyException alreadyInvited) {
          // The invite stored earlier wins; the member must not be picked for invitation again.
          jdbc.update("update toluna_quota_member set state = 'INVITED' where panel_guid = ? and quota_id = ? and "
              + "member_code = ? and state = 'MATCHED'", panelGuid, quotaId, g.memberCode());
        }
      }
    }
  }

  private void store(String panelGuid, long quotaId, long surveyId, List<Generated> generated) {
    separate.executeWithoutResult(status -> {
      List<Generated> batch = governed == null ? generated : governed.admit(panelGuid, quotaId, generated);
      if (batch.isEmpty()) {
        return;
      }
      OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
      List<String> ids = new ArrayList<>(batch.size());
      batch.forEach(g -> ids.add(TimeOrderedIds.next()));
      JdbcBatches.multiRowInsert(jdbc, "insert into toluna_invite (invite_id, panel_guid, quota_id, member_code, "
          + "survey_id, wave_id, url, loi, ir, member_amount, partner_amount, created_at) values ",
          "(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", ROWS_PER_INSERT, batch, (ps, p, index, g) -> {
            Invite invite = g.invite();
            ps.setString(p, ids.get(index));
            ps.setString(p + 1, panelGuid);
            ps.setLong(p + 2, quotaId);
            ps.setString(p + 3, g.memberCode());
            ps.setLong(p + 4, invite.surveyId() == null ? surveyId : invite.surveyId());
            ps.setObject(p + 5, invite.waveId(), Types.BIGINT);
            ps.setString(p + 6, InviteLinks.withInviteId(invite.url(), ids.get(index)));
            ps.setObject(p + 7, invite.loi(), Types.INTEGER);
            ps.setObject(p + 8, invite.ir(), Types.INTEGER);
            ps.setObject(p + 9, invite.memberAmount(), Types.DOUBLE);
            ps.setObject(p + 10, invite.partnerAmount(), Types.DOUBLE);
            ps.setObject(p + 11, now);
            return p + 12;
          });
      outbox.enqueueAll(ids, panelGuid, quotaId);
      JdbcBatches.batch(jdbc, "update toluna_quota_member set state = 'INVITED', reason = null, updated_at = ? "
          + "where panel_guid = ? and quota_id = ? and member_code = ?", batch.size(), (ps, i) -> {
            ps.setObject(1, now);
            ps.setString(2, panelGuid);
            ps.setLong(3, quotaId);
            ps.setString(4, batch.get(i).memberCode());
          });
    });
  }
}
