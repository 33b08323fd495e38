package io.recontact.cint.status;

import io.recontact.cint.status.InstanceStatus.CintJob;
import java.util.List;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/**
 * The read side's own query of the upload flow's table ({@code cint_upload_batch}, V2): one Cint job a batch, in
 * batch order. The status API reads the table rather than the upload flow's repository, so the flow's writing code
 * stays its own.
 */
@Repository
class UploadJobRows {

  private final JdbcTemplate jdbc;

  UploadJobRows(JdbcTemplate jdbc) {
    this.jdbc = jdbc;
  }

  List<CintJob> of(String uploadInstanceId) {
    return jdbc.query("select kind, cint_job_id, status, id_count, file_name, detail from cint_upload_batch "
        + "where run_key = ? order by batch_no", (rs, n) -> new CintJob("UPLOAD_" + rs.getString("kind"),
        rs.getString("cint_job_id"), rs.getString("status"), rs.getInt("id_count"), rs.getString("file_name"),
        rs.getString("detail")), uploadInstanceId);
  }

  /**
   * The read side's own query of the fielding follow-up's tables ({@code cint_fielding_follow},
   * {@code cint_fielding_reading}, V30): null when nobody follows the target group.
   */
  InstanceStatus.RecontactFielding fielding(String targetGroupId) {
    List<String> followers = jdbc.queryForList("select process_instance_id from cint_fielding_follow"
        + " where target_group_id = ?", String.class, targetGroupId);
    if (followers.isEmpty()) {
      return null;
    }
    List<InstanceStatus.RecontactFieldingReading> newest = jdbc.query("select read_at, status, completes, prescreens, goal,"
        + " conversion_rate, incidence_rate, cost, currency from cint_fielding_reading where target_group_id = ?"
        + " order by read_at desc, id desc fetch first " + READINGS + " rows only",
        (rs, n) -> new InstanceStatus.RecontactFieldingReading(rs.getTimestamp(1).toInstant(), rs.getString(2), rs.getInt(3),
            rs.getInt(4), rs.getInt(5), strip(rs.getBigDecimal(6)), strip(rs.getBigDecimal(7)),
            strip(rs.getBigDecimal(8)), rs.getString(9)), targetGroupId);
    List<InstanceStatus.RecontactFieldingReading> oldestFirst = new java.util.ArrayList<>(newest);
    java.util.Collections.reverse(oldestFirst);
    return new InstanceStatus.RecontactFielding("/api/cint/target-groups/" + targetGroupId + "/fielding", followers.get(0),
        newest.isEmpty() ? null : newest.get(0), oldestFirst);
  }

  /** Readings a recontact's status shows at most (the newest). */
  static final int READINGS = 100;

  private static java.math.BigDecimal strip(java.math.BigDecimal value) {
    return value == null ? null : value.stripTrailingZeros();
  }
}
