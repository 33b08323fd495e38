package io.recontact.toluna;

import io.recontact.governance.Marketplace;
import io.recontact.governance.PendingContacts;
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
    int stopped = 0;
    for (int from = 0; from < codes.size(); from += IN_CHUNK) {
      List<String> chunk = codes.subList(from, Math.min(codes.size(), from + IN_CHUNK));
      String in = "?" + ", ?".repeat(chunk.size() - 1);
      List<Object> args = new ArrayList<>(List.of(why));
      args.addAll(chunk);
      jdbc.update("update toluna_quota_member set state = 'DELIVERY_FAILED', reason_code = 'SUPPRESSED', reason = ?, "
          + "updated_at = ? where member_code in (" + in + ") and state = 'INVITED' and exists (select 1 from "
          + "toluna_invite i join toluna_invite_delivery d on d.invite_id = i.invite_id where i.panel_guid = "
          + "toluna_quota_member.panel_guid and i.quota_id = toluna_quota_member.quota_id and i.member_code = "
          + "toluna_quota_member.member_code and d.state = 'PENDING')", withTime(args, now));
      stopped += jdbc.update("update toluna_invite_delivery set state = '" + STATE + "', last_error = ? where "
          + "state = 'PENDING' and invite_id in (select invite_id from toluna_invite where member_code in (" + in
          + "))", args.toArray());
    }
    return stopped;
  }

  private static Object[] withTime(List<Object> args, OffsetDateTime now) {
    List<Object> all = new ArrayList<>(args);
    all.add(1, now);
    return all.toArray();
  }
}
