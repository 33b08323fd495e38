package io.recontact.cint.uploadrespondents;

import io.recontact.cint.client.CintClient;
import io.recontact.cint.respondentfile.RespondentFileStore;
import io.recontact.cint.respondentfile.UploadChunks;
import io.recontact.engine.Text;
import io.recontact.storage.JdbcBatches;
import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Repository;

/**
 * The files one upload run sends to Cint, kept in the project's tables. The process holds only batch ids; the IDs
 * of a batch are read back when its file is rendered. A batch of the initial upload is a seq range of the stored
 * respondent file (nothing is copied); a resubmission batch, a subset of the file, lists its IDs itself.
 */
@Repository
public class UploadBatches {

  private static final int ROWS_PER_STATEMENT = 500;
  private static final Set<Status> SENT = EnumSet.of(Status.SENT, Status.COMPLETED, Status.PARTIAL, Status.FAILED);

  public enum Kind { INITIAL, RESUBMIT, OVER_CAPACITY }

  public enum Status { PLANNED, SENT, COMPLETED, PARTIAL, FAILED, PROPOSED, DISCARDED, NOT_SENT }

  /** {@code fileId} and {@code firstSeq}: the range of the respondent file the batch is, or null and 0. */
  public record Batch(long id, String runKey, int batchNo, Kind kind, Status status, String fileName, int idCount,
      int byteCount, String cintJobId, String detail, Long fileId, int firstSeq) {
  }

  private final JdbcTemplate jdbc;
  private final UploadProperties limits;
  private final RespondentFileStore files;

  public UploadBatches(JdbcTemplate jdbc, UploadProperties limits, RespondentFileStore files) {
    this.jdbc = jdbc;
    this.limits = limits;
    this.files = files;
  }

  public boolean isPlanned(String runKey) {
    Integer count = jdbc.queryForObject("select count(*) from cint_upload_batch where run_key = ?", Integer.class,
        runKey);
    return count != null && count > 0;
  }

  /**
   * Cuts the stored file's IDs into files Cint takes ({@link UploadChunks}) in file order; IDs beyond
   * {@code capacity} go to one {@link Kind#OVER_CAPACITY} batch that is never sent, so a person can see what was
   * left out. Each batch is a seq range of the file: the IDs are read once to measure them, not copied.
   */
  public void plan(String runKey, String filePrefix, long fileId, int capacity) {
    int maxIds = Math.min(CintClient.MAX_RECONTACT_IDS, limits.maxIdsPerFile());
    long[] whole = files.countAndBytes(fileId).orElse(null);
    if (whole != null && whole[0] > 0 && whole[0] <= Math.min(capacity, maxIds)
        && whole[1] <= limits.maxBytesPerFile()) {
      // The whole file is one upload (the usual case): its size is known from the pages, no ID needs reading.
      int batchNo = nextBatchNo(runKey);
      insertRange(runKey, batchNo, Kind.INITIAL, Status.PLANNED, filePrefix + "-" + batchNo + ".csv", fileId, 1,
          (int) whole[0], (int) whole[1]);
      return;
    }
    UploadChunks.Planner sendable = new UploadChunks.Planner(limits.maxBytesPerFile(), maxIds);
    int[] over = new int[2];
    int[] seq = {0};
    files.forEachId(fileId, page -> page.forEach(id -> {
      if (++seq[0] <= capacity) {
        sendable.add(id);
      } else {
        over[0]++;
        over[1] += UploadChunks.lineBytes(id);
      }
    }));
    for (UploadChunks.Chunk chunk : sendable.finish()) {
      int batchNo = nextBatchNo(runKey);
      insertRange(runKey, batchNo, Kind.INITIAL, Status.PLANNED, filePrefix + "-" + batchNo + ".csv", fileId,
          chunk.firstSeq(), chunk.idCount(), chunk.byteCount());
    }
    if (over[0] > 0) {
      insertRange(runKey, nextBatchNo(runKey), Kind.OVER_CAPACITY, Status.NOT_SENT, filePrefix
          + "-over-capacity.csv", fileId, capacity + 1, over[0], over[1]);
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

  /** The file body Cint receives: one ID per line, no header; exactly the IDs and bytes the batch was planned with. */
  public byte[] render(long batchId) {
    Batch batch = get(batchId);
    byte[] body = batch.fileId() != null ? files.body(batch.fileId(), batch.firstSeq(), batch.idCount())
        : UploadChunks.render(ids(batch));
    int lines = 0;
    for (byte b : body) {
      lines += b == '\n' ? 1 : 0;
    }
    if (lines != batch.idCount() || body.length != batch.byteCount()) {
      throw new IllegalStateException("Upload batch " + batchId + " was planned with " + batch.idCount() + " IDs, "
          + batch.byteCount() + " bytes, and now reads " + lines + " IDs, " + body.length + " bytes");
    }
    return body;
  }

  /** The batch's IDs in file order. */
  public List<String> ids(long batchId) {
    return ids(get(batchId));
  }

  /** The IDs proposed for resubmission, the failed IDs a partial-upload review shows, in batch order. */
  public List<String> proposedIds(String runKey) {
    List<String> ids = new ArrayList<>();
    all(runKey).stream().filter(b -> b.status() == Status.PROPOSED).forEach(b -> ids.addAll(ids(b)));
    return ids;
  }

  public void forEachId(long batchId, Consumer<String> consumer) {
    ids(get(batchId)).forEach(consumer);
  }

  private List<String> ids(Batch batch) {
    if (batch.fileId() != null) {
      return files.ids(batch.fileId(), batch.firstSeq(), batch.idCount());
    }
    return jdbc.queryForList("select respondent_id from cint_upload_batch_id where batch_id = ? order by seq",
        String.class, batch.id());
  }

  /** Every ID this run actually sent (batches that reached Cint), for comparison with the eligible list. */
  public void forEachSentId(String runKey, Consumer<String> consumer) {
    for (Batch batch : all(runKey)) {
      if (SENT.contains(batch.status())) {
        ids(batch).forEach(consumer);
      }
    }
  }

  public void markSent(long batchId, String jobId) {
    jdbc.update("update cint_upload_batch set status = ?, cint_job_id = ? where id = ?", Status.SENT.name(), jobId,
        batchId);
  }

  public void markOutcome(long batchId, Status status, String detail) {
    jdbc.update("update cint_upload_batch set status = ?, detail = ? where id = ?", status.name(),
        Text.abbreviate(detail, 1000), batchId);
  }

  private int nextBatchNo(String runKey) {
    Integer max = jdbc.queryForObject("select max(batch_no) from cint_upload_batch where run_key = ?", Integer.class,
        runKey);
    return max == null ? 1 : max + 1;
  }

  private long insertRange(String runKey, int batchNo, Kind kind, Status status, String fileName, long fileId,
      int firstSeq, int idCount, int byteCount) {
    return insertBatch(runKey, batchNo, kind, status, fileName, idCount, byteCount, fileId, firstSeq);
  }

  private long insertListed(String runKey, int batchNo, Kind kind, Status status, String fileName,
      List<String> ids) {
    int bytes = ids.stream().mapToInt(UploadChunks::lineBytes).sum();
    long batchId = insertBatch(runKey, batchNo, kind, status, fileName, ids.size(), bytes, null, 0);
    JdbcBatches.multiRowInsert(jdbc, "insert into cint_upload_batch_id (batch_id, seq, respondent_id) values ",
        "(?, ?, ?)", ROWS_PER_STATEMENT, ids, (statement, p, index, id) -> {
          statement.setLong(p, batchId);
          statement.setInt(p + 1, index + 1);
          statement.setString(p + 2, id);
          return p + 3;
        });
    return batchId;
  }

  private long insertBatch(String runKey, int batchNo, Kind kind, Status status, String fileName, int idCount,
      int byteCount, Long fileId, int firstSeq) {
    GeneratedKeyHolder key = new GeneratedKeyHolder();
    jdbc.update(connection -> {
      var statement = connection.prepareStatement("insert into cint_upload_batch (run_key, batch_no, kind, status, "
          + "file_name, id_count, byte_count, created_at, file_id, first_seq, last_seq) "
          + "values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", new String[] {"id"});
      statement.setString(1, runKey);
      statement.setInt(2, batchNo);
      statement.setString(3, kind.name());
      statement.setString(4, status.name());
      statement.setString(5, fileName);
      statement.setInt(6, idCount);
      statement.setInt(7, byteCount);
      statement.setTimestamp(8, Timestamp.from(Instant.now()));
      if (fileId == null) {
        statement.setNull(9, Types.BIGINT);
        statement.setNull(10, Types.INTEGER);
        statement.setNull(11, Types.INTEGER);
      } else {
        statement.setLong(9, fileId);
        statement.setInt(10, firstSeq);
        statement.setInt(11, firstSeq + idCount - 1);
      }
      return statement;
    }, key);
    return key.getKey().longValue();
  }

  private Batch batch(java.sql.ResultSet row, int rowNum) throws java.sql.SQLException {
    return new Batch(row.getLong("id"), row.getString("run_key"), row.getInt("batch_no"),
        Kind.valueOf(row.getString("kind")), Status.valueOf(row.getString("status")), row.getString("file_name"),
        row.getInt("id_count"), row.getInt("byte_count"), row.getString("cint_job_id"), row.getString("detail"),
        row.getObject("file_id") == null ? null : row.getLong("file_id"), row.getInt("first_seq"));
  }

  private void insertChunks(String runKey, String filePrefix, Kind kind, Status status, List<String> ids) {
    for (UploadChunks.Chunk chunk : UploadChunks.plan(ids.iterator(), limits.maxBytesPerFile(),
        Math.min(CintClient.MAX_RECONTACT_IDS, limits.maxIdsPerFile()))) {
      int batchNo = nextBatchNo(runKey);
      insertListed(runKey, batchNo, kind, status, filePrefix + "-" + batchNo + ".csv",
          ids.subList(chunk.firstSeq() - 1, chunk.lastSeq()));
    }
  }
}
