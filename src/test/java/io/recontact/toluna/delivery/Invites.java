package io.recontact.toluna.delivery;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.UUID;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Test data as the Toluna flow leaves it: a stored invite (plain SQL, as the lead's code inserts it), the member's
 * INVITED row, and the outbox row written in the same transaction.
 */
final class Invites {

  static final long SURVEY = 3100001L;
  static final long WAVE = 7L;

  private Invites() {
  }

  /** A panel per test: the database is shared with other test classes. */
  static String panel() {
    return UUID.randomUUID().toString().toUpperCase();
  }

  static String url(String inviteId) {
    return "https://sandbox-router.toluna.invalid/TrafficUI/MSCUI/Page.aspx?gid=" + inviteId + "&x=1";
  }

  /** Stores an invite for {@code member} and enqueues its delivery, together; returns the invite id. */
  static String store(JdbcTemplate jdbc, PlatformTransactionManager transactions, InviteOutbox outbox,
      String panel, long quota, String member) {
    String inviteId = UUID.randomUUID().toString();
    OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
    new TransactionTemplate(transactions).executeWithoutResult(status -> {
      jdbc.update("insert into toluna_quota_member (panel_guid, quota_id, member_code, state, reviewed, received_at, "
          + "updated_at) values (?, ?, ?, 'INVITED', false, ?, ?)", panel, quota, member, now, now);
      jdbc.update("insert into toluna_invite (invite_id, panel_guid, quota_id, member_code, survey_id, wave_id, url, "
          + "loi, ir, member_amount, partner_amount, created_at) values (?, ?, ?, ?, ?, ?, ?, 12, 40, 1.5, 2.25, ?)",
          inviteId, panel, quota, member, SURVEY, WAVE, url(inviteId), now);
      outbox.enqueue(inviteId, panel, quota);
    });
    return inviteId;
  }

  static Map<String, Object> delivery(JdbcTemplate jdbc, String inviteId) {
    return jdbc.queryForMap("select * from toluna_invite_delivery where invite_id = ?", inviteId);
  }

  static Map<String, Object> member(JdbcTemplate jdbc, String panel, long quota, String member) {
    return jdbc.queryForMap("select * from toluna_quota_member where panel_guid = ? and quota_id = ? "
        + "and member_code = ?", panel, quota, member);
  }

  /** What a crash between a successful send and its DELIVERED mark leaves: a claimed PENDING row, lease run out. */
  static void loseTheMark(JdbcTemplate jdbc, String inviteId, OffsetDateTime leaseEnded) {
    jdbc.update("update toluna_invite_delivery set state = 'PENDING', delivered_at = null, claimed_until = ? "
        + "where invite_id = ?", leaseEnded, inviteId);
  }
}
