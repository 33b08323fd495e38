package io.recontact.tolunarecontactquota;

import io.recontact.delivery.InviteOutbox;
import io.recontact.toluna.client.TolunaMessages.Invite;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.UUID;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Stores a generated invite the moment Toluna answers, with its outbox row and the member's new state, in one
 * transaction of its own: GenerateInvite returns a new URL on every call, so what is stored must survive a crash of
 * the chunk, and a retried chunk skips members that have an invite.
 */
@Repository
class Invites {

  private final JdbcTemplate jdbc;
  private final InviteOutbox outbox;
  private final TransactionTemplate separate;

  Invites(JdbcTemplate jdbc, InviteOutbox outbox, PlatformTransactionManager transactions) {
    this.jdbc = jdbc;
    this.outbox = outbox;
    this.separate = new TransactionTemplate(transactions);
    this.separate.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
  }

  /** False when the member already had an invite for this quota (nothing is changed then). */
  boolean record(String panelGuid, long quotaId, long surveyId, String memberCode, Invite invite) {
    try {
      return Boolean.TRUE.equals(separate.execute(status -> {
        String id = UUID.randomUUID().toString();
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        jdbc.update("insert into toluna_invite (invite_id, panel_guid, quota_id, member_code, survey_id, wave_id, url, "
            + "loi, ir, member_amount, partner_amount, created_at) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", id,
            panelGuid, quotaId, memberCode, invite.surveyId() == null ? surveyId : invite.surveyId(), invite.waveId(),
            invite.url(), invite.loi(), invite.ir(), invite.memberAmount(), invite.partnerAmount(), now);
        outbox.enqueue(id, panelGuid, quotaId);
        jdbc.update("update toluna_quota_member set state = 'INVITED', reason = null, updated_at = ? where "
            + "panel_guid = ? and quota_id = ? and member_code = ?", now, panelGuid, quotaId, memberCode);
        return true;
      }));
    } catch (DuplicateKeyException alreadyInvited) {
      // The invite stored earlier wins; the member must not be picked for invitation again.
      jdbc.update("update toluna_quota_member set state = 'INVITED' where panel_guid = ? and quota_id = ? and "
          + "member_code = ? and state = 'MATCHED'", panelGuid, quotaId, memberCode);
      return false;
    }
  }
}
