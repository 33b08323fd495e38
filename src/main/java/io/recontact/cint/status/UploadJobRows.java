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
}
