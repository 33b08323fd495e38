package io.recontact.cint.followfielding;

import java.math.BigDecimal;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/**
 * The tables of cintFollowFielding: {@code cint_fielding_follow} (one row per followed target group, its unique key
 * keeps one instance per target group) and {@code cint_fielding_reading} (every reading's figures).
 */
@Repository
public class FieldingFollows {

  /** A followed target group and the instance that follows it (null until the start committed its id). */
  public record Follow(String targetGroupId, int accountId, String projectId, String processInstanceId,
      String startedBy, Instant startedAt) {
  }

  private final JdbcTemplate jdbc;

  public FieldingFollows(JdbcTemplate jdbc) {
    this.jdbc = jdbc;
  }

  /**
   * Claims the target group; false when it is followed already. The insert skips an existing row itself, so no
   * duplicate-key error aborts the caller's transaction (PostgreSQL); two concurrent claims still meet at the key.
   */
  public boolean claim(String targetGroupId, int accountId, String projectId, String startedBy) {
    return jdbc.update("insert into cint_fielding_follow (target_group_id, account_id, project_id, started_by,"
        + " started_at) select ?, ?, ?, ?, ? from (values (1)) as one(x) where not exists (select 1 from"
        + " cint_fielding_follow where target_group_id = ?)", targetGroupId, accountId, projectId, startedBy,
        Timestamp.from(Instant.now()), targetGroupId) == 1;
  }

  public void instance(String targetGroupId, String processInstanceId) {
    jdbc.update("update cint_fielding_follow set process_instance_id = ? where target_group_id = ?",
        processInstanceId, targetGroupId);
  }

  public Optional<Follow> find(String targetGroupId) {
    return jdbc.query("select target_group_id, account_id, project_id, process_instance_id, started_by, started_at"
        + " from cint_fielding_follow where target_group_id = ?", (rs, i) -> new Follow(rs.getString(1),
        rs.getInt(2), rs.getString(3), rs.getString(4), rs.getString(5), rs.getTimestamp(6).toInstant()),
        targetGroupId).stream().findFirst();
  }

  public void add(FieldingReading r) {
    jdbc.update("insert into cint_fielding_reading (target_group_id, read_at, status, completes, prescreens, goal,"
        + " conversion_rate, incidence_rate, cost, currency, woken_by) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        r.targetGroupId(), Timestamp.from(r.readAt()), r.status(), r.completes(), r.prescreens(), r.goal(),
        r.conversionRate(), r.incidenceRate(), r.cost(), r.currency(), r.wokenBy());
  }

  /** The readings of a target group, oldest first, at most {@code limit} of the newest. */
  public List<FieldingReading> readings(String targetGroupId, int limit) {
    List<FieldingReading> newest = jdbc.query("select target_group_id, read_at, status, completes, prescreens, goal,"
        + " conversion_rate, incidence_rate, cost, currency, woken_by from cint_fielding_reading"
        + " where target_group_id = ? order by read_at desc, id desc fetch first " + limit + " rows only",
        (rs, i) -> new FieldingReading(rs.getString(1), rs.getTimestamp(2).toInstant(), rs.getString(3),
            rs.getInt(4), rs.getInt(5), rs.getInt(6), scaled(rs.getBigDecimal(7)), scaled(rs.getBigDecimal(8)),
            scaled(rs.getBigDecimal(9)), rs.getString(10), rs.getString(11)), targetGroupId);
    List<FieldingReading> oldestFirst = new ArrayList<>(newest);
    Collections.reverse(oldestFirst);
    return oldestFirst;
  }

  /**
   * Records a webhook delivery by its signature's hash; false when it was taken already (a replay). Deliveries
   * older than a day are forgotten (the signature's timestamp tolerance is far shorter).
   */
  public boolean firstDelivery(String signatureSha256) {
    jdbc.update("delete from cint_webhook_delivery where received_at < ?",
        Timestamp.from(Instant.now().minus(java.time.Duration.ofDays(1))));
    return jdbc.update("insert into cint_webhook_delivery (signature_sha256, received_at) select ?, ? from"
        + " (values (1)) as one(x) where not exists (select 1 from cint_webhook_delivery where signature_sha256 = ?)",
        signatureSha256, Timestamp.from(Instant.now()), signatureSha256) == 1;
  }

  private static BigDecimal scaled(BigDecimal value) {
    return value == null ? null : value.stripTrailingZeros();
  }
}
