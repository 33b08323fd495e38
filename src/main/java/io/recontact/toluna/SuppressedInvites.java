package io.recontact.toluna;

import io.recontact.governance.Marketplace;
import io.recontact.governance.PendingContacts;
import java.sql.Statement;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * A suppressed member's undelivered invites stop: their PENDING outbox rows become SUPPRESSED (no delivery round
 * picks them: rounds take PENDING rows only) and the member's quota row DELIVERY_FAILED with reason code SUPPRESSED.
 * A round that claimed the row just before may still send it: the claim and the send are seconds apart.
 */
@Component
class SuppressedInvites implements PendingContacts {

  static final String STATE = "SUPPRESSED";
  private static final int IN_CHUNK = 1_000;

  private final JdbcTemplate jdbc;

  SuppressedInvites(JdbcTemplate jdbc) {
    this.jdbc = jdbc;
  }

  @Override
  public Marketplace marketplace() {
    return Marketplace.TOLUNA;
  }

  @Override
  public int stop(Collection<String> memberCodes, String reason) {
    OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
    String why = reason.length() <= 900 ? reason : reason.substring(0, 900);
    List<String> codes = new ArrayList<>(memberCodes);
    List<Object[]> deliveries = new ArrayList<>();
    List<Object[]> members = new ArrayList<>();
    for (int from = 0; from < codes.size(); from += IN_CHUNK) {
      List<String> chunk = codes.subList(from, Math.min(codes.size(), from + IN_CHUNK));
      // The members' invites by their own index, then each row by its key: no scan of the quota tables.
      jdbc.query("select i.invite_id, i.panel_guid, i.quota_id, i.member_code from toluna_invite i join "
          + "toluna_invite_delivery d on d.invite_id = i.invite_id where d.state = 'PENDING' and i.member_code in ("
          + "?" + ", ?".repeat(chunk.size() - 1) + ")", rs -> {
            deliveries.add(new Object[] {why, rs.getString(1)});
            members.add(new Object[] {why, now, rs.getString(2), rs.getLong(3), rs.getString(4)});
          }, chunk.toArray());
    }
    int stopped = 0;
    for (int n : jdbc.batchUpdate("update toluna_invite_delivery set state = '" + STATE + "', last_error = ? where "
        + "invite_id = ? and state = 'PENDING'", deliveries)) {
      stopped += n == Statement.SUCCESS_NO_INFO ? 1 : n;
    }
    jdbc.batchUpdate("update toluna_quota_member set state = 'DELIVERY_FAILED', reason_code = 'SUPPRESSED', "
        + "reason = ?, updated_at = ? where panel_guid = ? and quota_id = ? and member_code = ? and state = 'INVITED'",
        members);
    return stopped;
  }
}
