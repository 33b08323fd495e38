package io.recontact.toluna.inventory;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.recontact.toluna.model.GetQuotasResponse;
import io.recontact.toluna.model.Quota;
import io.recontact.toluna.model.Survey;
import io.recontact.toluna.model.TolunaJson;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/**
 * The Toluna quota inventory as the sweeps last saw it ({@code toluna_quota}): the quota definitions sampling reads,
 * whether each quota is still offered, and the live / closed flags Toluna's notifications set. Joins the caller's
 * transaction.
 */
@Repository
public class QuotaInventory {

  /** What one GetQuotas answer did to a quota of the panel. */
  public enum Kind { NEW, CHANGED, RETURNED, UNCHANGED, LEFT }

  public record Change(long quotaId, long surveyId, boolean recontact, Kind kind) {
  }

  /** One stored quota. {@code definition} is the Quota as GetQuotas described it (layers, subquotas, counts). */
  public record StoredQuota(String panelGuid, long quotaId, long surveyId, Long waveId, String surveyName,
      boolean recontact, Quota definition, boolean inInventory, Instant leftAt, boolean live,
      Instant surveyClosedAt) {
  }

  private final JdbcTemplate jdbc;

  public QuotaInventory(JdbcTemplate jdbc) {
    this.jdbc = jdbc;
  }

  /** Stores one panel's GetQuotas answer and marks the panel's quotas it no longer names as left. */
  public List<Change> apply(String panelGuid, GetQuotasResponse response, Instant now) {
    Map<Long, String> known = new HashMap<>();
    Map<Long, Boolean> present = new HashMap<>();
    jdbc.query("select quota_id, definition_hash, in_inventory from toluna_quota where panel_guid = ?", rs -> {
      known.put(rs.getLong(1), rs.getString(2));
      present.put(rs.getLong(1), rs.getBoolean(3));
    }, panelGuid);
    OffsetDateTime at = now.atOffset(ZoneOffset.UTC);
    List<Change> changes = new ArrayList<>();
    Map<Long, Boolean> seen = new HashMap<>();
    for (Survey survey : response.surveys() == null ? List.<Survey>of() : response.surveys()) {
      boolean recontact = Boolean.TRUE.equals(survey.isSurveyRecontact());
      for (Quota quota : survey.quotas() == null ? List.<Quota>of() : survey.quotas()) {
        if (quota.quotaId() == null || survey.surveyId() == null || seen.put(quota.quotaId(), true) != null) {
          continue;
        }
        String definition = json(quota);
        String hash = sha256(survey.surveyId() + "|" + survey.waveId() + "|" + recontact + "|" + survey.surveyName()
            + "|" + definition);
        Kind kind;
        if (!known.containsKey(quota.quotaId())) {
          jdbc.update("insert into toluna_quota (panel_guid, quota_id, survey_id, wave_id, survey_name, recontact, "
              + "definition, definition_hash, in_inventory, first_seen_at, last_seen_at, live) "
              + "values (?, ?, ?, ?, ?, ?, ?, ?, true, ?, ?, true)", panelGuid, quota.quotaId(), survey.surveyId(),
              survey.waveId(), survey.surveyName(), recontact, definition, hash, at, at);
          kind = Kind.NEW;
        } else {
          boolean changed = !hash.equals(known.get(quota.quotaId()));
          kind = !present.get(quota.quotaId()) ? Kind.RETURNED : changed ? Kind.CHANGED : Kind.UNCHANGED;
          jdbc.update("update toluna_quota set survey_id = ?, wave_id = ?, survey_name = ?, recontact = ?, "
              + "definition = ?, definition_hash = ?, in_inventory = true, left_at = null, last_seen_at = ? "
              + "where panel_guid = ? and quota_id = ?", survey.surveyId(), survey.waveId(), survey.surveyName(),
              recontact, definition, hash, at, panelGuid, quota.quotaId());
        }
        changes.add(new Change(quota.quotaId(), survey.surveyId(), recontact, kind));
      }
    }
    // Toluna leaves quotas that are not live out of GetQuotas: a quota whose last status notification said "not
    // live" is paused, not gone, and stays in the inventory until it is live again.
    jdbc.query("select quota_id, survey_id, recontact from toluna_quota where panel_guid = ? and in_inventory = true "
        + "and live = true", rs -> {
          if (!seen.containsKey(rs.getLong(1))) {
            changes.add(new Change(rs.getLong(1), rs.getLong(2), rs.getBoolean(3), Kind.LEFT));
          }
        }, panelGuid);
    for (Change change : changes) {
      if (change.kind() == Kind.LEFT) {
        jdbc.update("update toluna_quota set in_inventory = false, left_at = ? where panel_guid = ? and quota_id = ?",
            at, panelGuid, change.quotaId());
      }
    }
    return changes;
  }

  public Optional<StoredQuota> find(String panelGuid, long quotaId) {
    return jdbc.query("select panel_guid, quota_id, survey_id, wave_id, survey_name, recontact, definition, "
        + "in_inventory, left_at, live, survey_closed_at from toluna_quota where panel_guid = ? and quota_id = ?",
        (rs, n) -> row(rs), panelGuid, quotaId).stream().findFirst();
  }

  private static StoredQuota row(ResultSet rs) throws SQLException {
    try {
      return new StoredQuota(rs.getString(1), rs.getLong(2), rs.getLong(3), (Long) rs.getObject(4, Long.class),
          rs.getString(5), rs.getBoolean(6), TolunaJson.mapper().readValue(rs.getString(7), Quota.class),
          rs.getBoolean(8), instant(rs.getObject(9, OffsetDateTime.class)), rs.getBoolean(10),
          instant(rs.getObject(11, OffsetDateTime.class)));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("Stored definition of quota " + rs.getLong(2) + " is not readable", e);
    }
  }

  private static Instant instant(OffsetDateTime value) {
    return value == null ? null : value.toInstant();
  }

  private static String json(Quota quota) {
    try {
      return TolunaJson.mapper().writeValueAsString(quota);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  static String sha256(String text) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
          .digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
