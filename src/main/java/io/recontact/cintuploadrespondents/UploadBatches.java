package io.recontact.cintuploadrespondents;

import io.recontact.respondentfile.UploadChunks;
import io.recontact.storage.JdbcBatches;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Repository;

/**
 * The files one upload run sends to Cint, kept in the project's tables. The process holds only batch ids; the IDs
 * of a batch are read back when its file is rendered.
 */
@Repository
public class UploadBatches {

  /** Cint stores at most 100,000 IDs per target group. */
  public static final int CAPACITY = 100_000;
  private static final int ROWS_PER_STATEMENT = 500;

  public enum Kind { INITIAL, RESUBMIT, OVER_CAPACITY }

  public enum Status { PLANNED, SENT, COMPLETED, PARTIAL, FAILED, PROPOSED, DISCARDED, NOT_SENT }

  public record Batch(long id, String runKey, int batchNo, Kind kind, Status status, String fileName, int idCount,
      int byteCount, String cintJobId, String detail) {
  }

  private final JdbcTemplate jdbc;
  private final UploadProperties limits;

  public UploadBatches(JdbcTemplate jdbc, UploadProperties limits) {
    this.jdbc = jdbc;
    this.limits = limits;
  }

  public boolean isPlanned(String runKey) {
    Integer count = jdbc.queryForObject("select count(*) from cint_upload_batch where run_key = ?", Integer.class,
        runKey);
    return count != null && count > 0;
  }

  /**
   * Cuts the IDs into files Cint takes ({@link UploadChunks}) in the given order; IDs beyond {@code capacity} go to
   * one {@link Kind#OVER_CAPACITY} batch that is never sent, so a person can see what was left out.
   */
  public void plan(String runKey, String filePrefix, List<String> ids, int capacity) {
    List<String> sendable = ids.subList(0, Math.min(capacity, ids.size()));
    insertChunks(runKey, filePrefix, Kind.INITIAL, Status.PLANNED, sendable);
    if (sendable.size() < ids.size()) {
      insert(runKey, nextBatchNo(runKey), Kind.OVER_CAPACITY, Status.NOT_SENT, filePrefix + "-over-capacity.csv",
          ids.subList(sendable.size(), ids.size()));
    }
  }

  /** Failed IDs waiting for a person's decision: they become the next batches only when the person resubmits. */
  public int propose(String runKey, String filePrefix, List<String> ids) {
    discardProposals(runKey);
    insertChunks(runKey, filePrefix + "-resubmit", Kind.RESUBMIT, Status.PROPOSED, ids);
    return ids.size();
  }

  public void acceptProposals(String runKey) {
    jdbc.update("update cint_upload_batch set status = ? where run_key = ? and status = ?", Status.PLANNED.name(),
        runKey, Status.PROPOSED.name());
  }

  public void discardProposals(String runKey) {
    jdbc.update("update cint_upload_batch set status = ? where run_key = ? and status = ?", Status.DISCARDED.name(),
        runKey, Status.PROPOSED.name());
  }

  public Optional<Batch> nextPlanned(String runKey) {
    return jdbc.query("select * from cint_upload_batch where run_key = ? and status = ? order by batch_no",
        this::batch, runKey, Status.PLANNED.name()).stream().findFirst();
  }

  public Batch get(long batchId) {
    return jdbc.queryForObject("select * from cint_upload_batch where id = ?", this::batch, batchId);
  }

  public List<Batch> all(String runKey) {
    return jdbc.query("select * from cint_upload_batch where run_key = ? order by batch_no", this::batch, runKey);
  }

  /** The file body Cint receives: one ID per line, no header. */
  public byte[] render(long batchId) {
    List<String> ids = new ArrayList<>();
    forEachId(batchId, ids::add);
    return UploadChunks.render(ids);
  }

  public void forEachId(long batchId, Consumer<String> consumer) {
    jdbc.query("select respondent_id from cint_upload_batch_id where batch_id = ? order by seq",
        row -> {
          consumer.accept(row.getString(1));
        }, batchId);
  }

  /** Every ID this run actually sent (batches that reached Cint), for comparison with the eligible list. */
  public void forEachSentId(String runKey, Consumer<String> consumer) {
    jdbc.query("select i.respondent_id from cint_upload_batch b join cint_upload_batch_id i on i.batch_id = b.id "
            + "where b.run_key = ? and b.status in ('SENT','COMPLETED','PARTIAL','FAILED') order by b.batch_no, i.seq",
        row -> {
          consumer.accept(row.getString(1));
        }, runKey);
  }

  public void markSent(long batchId, String jobId) {
    jdbc.update("update cint_upload_batch set status = ?, cint_job_id = ? where id = ?", Status.SENT.name(), jobId,
        batchId);
  }

  public void markOutcome(long batchId, Status status, String detail) {
    jdbc.update("update cint_upload_batch set status = ?, detail = ? where id = ?", status.name(),
        detail == null ? null : abbreviate(detail), batchId);
  }

  private static String abbreviate(String text) {
    return text.length() <= 1000 ? text : text.substring(0, 999) + "…";
  }

  private int nextBatchNo(String runKey) {
    Integer max = jdbc.queryForObject("select max(batch_no) from cint_upload_batch where run_key = ?", Integer.class,
        runKey);
    return max == null ? 1 : max + 1;
  }

  private long insert(String runKey, int batchNo, Kind kind, Status status, String fileName, List<String> ids) {
    int bytes = ids.stream().mapToInt(id -> id.getBytes(StandardCharsets.UTF_8).length + 1).sum();
    GeneratedKeyHolder key = new GeneratedKeyHolder();
    jdbc.update(connection -> {
      var statement = connection.prepareStatement("insert into cint_upload_batch (run_key, batch_no, kind, status, "
          + "file_name, id_count, byte_count, created_at) values (?, ?, ?, ?, ?, ?, ?, ?)", new String[] {"id"});
      statement.setString(1, runKey);
      statement.setInt(2, batchNo);
      statement.setString(3, kind.name());
      statement.setString(4, status.name());
      statement.setString(5, fileName);
      statement.setInt(6, ids.size());
      statement.setInt(7, bytes);
      statement.setTimestamp(8, Timestamp.from(Instant.now()));
      return statement;
    }, key);
    long batchId = key.getKey().longValue();
    JdbcBatches.multiRowInsert(jdbc, "insert into cint_upload_batch_id (batch_id, seq, respondent_id) values ",
        "(?, ?, ?)", ROWS_PER_STATEMENT, ids, (statement, p, index, id) -> {
          statement.setLong(p, batchId);
          statement.setInt(p + 1, index + 1);
          statement.setString(p + 2, id);
          return p + 3;
        });
    return batchId;
  }

  private Batch batch(java.sql.ResultSet row, int rowNum) throws java.sql.SQLException {
    return new Batch(row.getLong("id"), row.getString("run_key"), row.getInt("batch_no"),
        Kind.valueOf(row.getString("kind")), Status.valueOf(row.getString("status")), row.getString("file_name"),
        row.getInt("id_count"), row.getInt("byte_count"), row.getString("cint_job_id"), row.getString("detail"));
  }

  private void insertChunks(String runKey, String filePrefix, Kind kind, Status status, List<String> ids) {
    for (UploadChunks.Chunk chunk : UploadChunks.plan(ids.iterator(), limits.maxBytesPerFile(),
        Math.min(CAPACITY, limits.maxIdsPerFile()))) {
      int batchNo = nextBatchNo(runKey);
      insert(runKey, batchNo, kind, status, filePrefix + "-" + batchNo + ".csv",
          ids.subList(chunk.firstSeq() - 1, chunk.lastSeq()));
    }
  }
}
