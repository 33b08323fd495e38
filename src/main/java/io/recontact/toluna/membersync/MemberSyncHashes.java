package io.recontact.toluna.membersync;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/**
 * {@code toluna_member_sync} (V4): the hash of the profile last brought to Toluna per (panel, member). Plain SQL for
 * H2 and PostgreSQL: update, then insert when no row was updated.
 */
@Repository
class MemberSyncHashes {

  private static final int IN_CHUNK = 1_000;
  private final JdbcTemplate jdbc;

  MemberSyncHashes(JdbcTemplate jdbc) {
    this.jdbc = jdbc;
  }

  /** Member code to stored hash, for the codes that have a row. */
  Map<String, String> find(String panelGuid, List<String> codes) {
    Map<String, String> hashes = new HashMap<>();
    for (int from = 0; from < codes.size(); from += IN_CHUNK) {
      List<String> chunk = codes.subList(from, Math.min(codes.size(), from + IN_CHUNK));
      List<Object> args = new ArrayList<>(chunk.size() + 1);
      args.add(panelGuid);
      args.addAll(chunk);
      jdbc.query("select member_code, profile_hash from toluna_member_sync where panel_guid = ? and member_code in ("
          + "?" + ", ?".repeat(chunk.size() - 1) + ")", rs -> {
            hashes.put(rs.getString(1), rs.getString(2));
          }, args.toArray());
    }
    return hashes;
  }

  void save(String panelGuid, String memberCode, String hash) {
    OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.MICROS);
    int updated = jdbc.update("update toluna_member_sync set profile_hash = ?, synced_at = ? "
        + "where panel_guid = ? and member_code = ?", hash, now, panelGuid, memberCode);
    if (updated > 0) {
      return;
    }
    try {
      jdbc.update("insert into toluna_member_sync (panel_guid, member_code, profile_hash, synced_at) "
          + "values (?, ?, ?, ?)", panelGuid, memberCode, hash, now);
    } catch (DuplicateKeyException raced) {
      // Another sync stored this member between our update and insert: it brought the same member to Toluna.
    }
  }
}
