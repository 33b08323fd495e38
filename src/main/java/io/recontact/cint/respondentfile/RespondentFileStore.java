package io.recontact.cint.respondentfile;

import io.recontact.cint.client.CintModel.EntityType;
import io.recontact.cint.respondentfile.Rejection.Kind;
import io.recontact.storage.JdbcBatches;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowCallbackHandler;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Keeps respondent files in the project's own tables, so the file is read once and process variables carry only the
 * reference and counts. Plain SQL that runs unchanged on H2 and PostgreSQL.
 */
@Repository
public class RespondentFileStore {

  public static final int PAGE_SIZE = 5_000;
  /**
   * IDs per stored page (respondent_file_page, V6): 1,000 of the longest RIDs are 129,000 characters, within the
   * column's 200,000; 100,000 IDs are 100 rows.
   */
  static final int ID_PAGE_SIZE = 1_000;

  private static final String FILE_COLUMNS = "id, reference, file_name, entity_type, sha256, size_bytes, line_count, "
      + "accepted_count, duplicate_count, blank_count, invalid_count, header_detected, created_at, erased_count, "
      + "suppressed_count, capped_count";

  private final JdbcTemplate jdbc;
  private final TransactionTemplate transaction;

  public RespondentFileStore(JdbcTemplate jdbc, PlatformTransactionManager transactionManager) {
    this.jdbc = jdbc;
    this.transaction = new TransactionTemplate(transactionManager);
  }

  /**
   * Stores the file, its accepted IDs and rejection examples in one transaction. Saving a reference again is a retry:
   * the same bytes and type return the stored file unchanged, anything else is a {@link RespondentFileConflictException}.
   */
  public StoredFile save(String reference, String fileName, EntityType type, byte[] original, HygieneResult result) {
    if (reference == null || reference.isBlank() || reference.length() > 64) {
      throw new IllegalArgumentException("reference must be 1 to 64 characters");
    }
    requireDistinct(result.accepted());
    String sha256 = FileHashes.sha256(original);
    Optional<StoredFile> existing = find(reference);
    if (existing.isPresent()) {
      return sameOrConflict(existing.get(), type, sha256);
    }
    try {
      return transaction.execute(status -> insert(reference, fileName, type, original.length, sha256, result));
    } catch (DuplicateKeyException raced) {
      // Another save of the same reference committed first; judged outside the failed transaction (PostgreSQL aborts it).
      StoredFile winner = find(reference).orElseThrow(() -> raced);
      return sameOrConflict(winner, type, sha256);
    }
  }

  public Optional<StoredFile> find(String reference) {
    return jdbc.query("select " + FILE_COLUMNS + " from respondent_file where reference = ?",
        (rs, n) -> file(rs), reference).stream().findFirst();
  }

  /**
   * The references (business keys) of the stored files that hold exactly these respondents ({@link #idSetSha256}),
   * oldest first; files stored before V8 have no such hash and are never named.
   */
  public List<String> referencesWithIdSet(String idSetSha256) {
    return jdbc.queryForList("select reference from respondent_file where id_set_sha256 = ? order by id",
        String.class, idSetSha256);
  }

  public boolean exists(long fileId) {
    return jdbc.queryForObject("select count(*) from respondent_file where id = ?", Integer.class, fileId) > 0;
  }

  /** Rejection examples, ordered by kind, then line. */
  public List<Rejection> examples(long fileId) {
    return jdbc.query("select kind, line_no, content from respondent_file_rejection where file_id = ? "
        + "order by kind, line_no",
        (rs, n) -> new Rejection(Kind.valueOf(rs.getString(1)), rs.getInt(2), rs.getString(3)), fileId);
  }

  /** Up to {@code limit} accepted IDs from {@code fromSeq} (1-based), in file order. */
  public List<String> ids(long fileId, int fromSeq, int limit) {
    if (fromSeq < 1 || limit < 0) {
      throw new IllegalArgumentException("fromSeq must be >= 1 and limit >= 0");
    }
    long toSeq = Math.min((long) fromSeq + limit, Integer.MAX_VALUE);
    Integer pageSize = pageSize(fileId);
    if (pageSize == null) {
      // Stored before V6, one row per ID. seq is dense, so a range on the primary key is a page of the file.
      return jdbc.queryForList("select respondent_id from respondent_file_id where file_id = ? and seq >= ? "
          + "and seq < ? order by seq", String.class, fileId, fromSeq, (int) toSeq);
    }
    int firstPage = (fromSeq - 1) / pageSize * pageSize + 1;
    List<String> out = new ArrayList<>((int) Math.min(limit, 1 << 16));
    jdbc.query("select first_seq, ids from respondent_file_page where file_id = ? and first_seq >= ? "
        + "and first_seq < ? order by first_seq", (RowCallbackHandler) rs -> {
          int seq = rs.getInt(1);
          String ids = rs.getString(2);
          for (int start = 0; start < ids.length(); seq++) {
            int end = ids.indexOf('\n', start);
            if (seq >= fromSeq && seq < toSeq) {
              out.add(ids.substring(start, end));
            }
            start = end + 1;
          }
        }, fileId, firstPage, (int) toSeq);
    return out;
  }

  public void forEachId(long fileId, Consumer<List<String>> page) {
    forEachId(fileId, PAGE_SIZE, page);
  }

  /** Hands the accepted IDs to {@code page} in file order, {@code pageSize} at a time, never all at once. */
  public void forEachId(long fileId, int pageSize, Consumer<List<String>> page) {
    if (pageSize < 1) {
      throw new IllegalArgumentException("pageSize must be >= 1");
    }
    for (int from = 1; ; from += pageSize) {
      List<String> ids = ids(fileId, from, pageSize);
      if (ids.isEmpty()) {
        return;
      }
      page.accept(ids);
      if (ids.size() < pageSize) {
        return;
      }
    }
  }

  /** Plans upload chunks by streaming the stored IDs. */
  public List<UploadChunks.Chunk> chunks(long fileId, int maxBytes, int maxIds) {
    UploadChunks.Planner planner = new UploadChunks.Planner(maxBytes, maxIds);
    forEachId(fileId, planner);
    return planner.finish();
  }

  /** The upload file body of one planned chunk, read back from the table. */
  public byte[] body(long fileId, UploadChunks.Chunk chunk) {
    return chunk.render(ids(fileId, chunk.firstSeq(), chunk.idCount()));
  }

  /**
   * The upload body ({@link UploadChunks#render}) of up to {@code count} IDs from {@code firstSeq}. Stored pages are
   * in that format already, so their text is cut at line ends instead of being split into IDs and joined again.
   */
  public byte[] body(long fileId, int firstSeq, int count) {
    if (firstSeq < 1 || count < 0) {
      throw new IllegalArgumentException("firstSeq must be >= 1 and count >= 0");
    }
    Integer pageSize = pageSize(fileId);
    if (pageSize == null) {
      return UploadChunks.render(ids(fileId, firstSeq, count));
    }
    long toSeq = Math.min((long) firstSeq + count, Integer.MAX_VALUE);
    ByteArrayOutputStream out = new ByteArrayOutputStream((int) Math.min(count * 37L, 1 << 26));
    jdbc.query("select first_seq, ids from respondent_file_page where file_id = ? and first_seq >= ? "
        + "and first_seq < ? order by first_seq", (RowCallbackHandler) rs -> {
          int seq = rs.getInt(1);
          String ids = rs.getString(2);
          int from = lineStart(ids, Math.max(0, firstSeq - seq));
          int to = lineStart(ids, toSeq - seq);
          out.writeBytes(ids.substring(from, to).getBytes(StandardCharsets.UTF_8));
        }, fileId, (firstSeq - 1) / pageSize * pageSize + 1, (int) toSeq);
    return out.toByteArray();
  }

  /** Where line {@code n} (0-based) of a page starts; the page's length when it has no more lines. */
  private static int lineStart(String page, long n) {
    int offset = 0;
    for (long line = 0; line < n && offset < page.length(); line++) {
      offset = page.indexOf('\n', offset) + 1;
    }
    return offset;
  }

  /**
   * The number of accepted IDs and the bytes of their whole upload body, summed over the stored pages without
   * reading the IDs; empty for a file stored one row per ID (before V6).
   */
  public Optional<long[]> countAndBytes(long fileId) {
    return jdbc.query("select sum(id_count), sum(octet_length(ids)) from respondent_file_page where file_id = ?",
        rs -> rs.next() && rs.getObject(1) != null ? Optional.of(new long[] {rs.getLong(1), rs.getLong(2)})
            : Optional.<long[]>empty(), fileId);
  }

  /** IDs per page (V6), or null for a file stored one row per ID. */
  private Integer pageSize(long fileId) {
    return jdbc.query("select id_page_size from respondent_file where id = ?",
        rs -> rs.next() ? (Integer) rs.getObject(1, Integer.class) : null, fileId);
  }

  private StoredFile insert(String reference, String fileName, EntityType type, long size, String sha256,
      HygieneResult result) {
    // Micros: what PostgreSQL keeps, so the returned record equals what find() reads later.
    Instant createdAt = Instant.now().truncatedTo(ChronoUnit.MICROS);
    String name = fileName == null || fileName.isBlank() ? "respondents.csv" : truncate(fileName, 255);
    jdbc.update("insert into respondent_file (reference, file_name, entity_type, sha256, size_bytes, line_count, "
        + "accepted_count, duplicate_count, blank_count, invalid_count, header_detected, created_at, id_page_size, "
        + "id_set_sha256, erased_count, suppressed_count, capped_count) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        reference, name, type.name(), sha256, size, result.lines(), result.acceptedCount(), result.duplicateCount(),
        result.blankCount(), result.invalidCount(), result.headerDetected(),
        OffsetDateTime.ofInstant(createdAt, ZoneOffset.UTC), ID_PAGE_SIZE,
        FileHashes.idSetSha256(type, result.accepted()), result.erasedCount(), result.suppressedCount(), result.cappedCount());
    long id = jdbc.queryForObject("select id from respondent_file where reference = ?", Long.class, reference);

    insertIds(id, result.accepted());
    List<Rejection> examples = result.examples();
    JdbcBatches.batch(jdbc, "insert into respondent_file_rejection (file_id, line_no, kind, content) values (?, ?, ?, ?)",
        examples.size(), (ps, i) -> {
          Rejection r = examples.get(i);
          ps.setLong(1, id);
          ps.setInt(2, r.lineNo());
          ps.setString(3, r.kind().name());
          ps.setString(4, Rejection.truncate(r.content()));
        });
    return new StoredFile(id, reference, name, type, sha256, size, result.lines(), result.acceptedCount(),
        result.duplicateCount(), result.blankCount(), result.invalidCount(), result.headerDetected(), createdAt,
        result.erasedCount(), result.suppressedCount(), result.cappedCount());
  }

  /** IDs in pages of {@value #ID_PAGE_SIZE}, each ID followed by a line end; page {@code k} starts at seq k*size+1. */
  private void insertIds(long fileId, List<String> ids) {
    int pages = (ids.size() + ID_PAGE_SIZE - 1) / ID_PAGE_SIZE;
    JdbcBatches.batch(jdbc, "insert into respondent_file_page (file_id, first_seq, id_count, ids) values (?, ?, ?, ?)",
        pages, (ps, page) -> {
          List<String> part = ids.subList(page * ID_PAGE_SIZE, Math.min(ids.size(), (page + 1) * ID_PAGE_SIZE));
          StringBuilder text = new StringBuilder(part.size() * 37);
          part.forEach(id -> text.append(id).append('\n'));
          ps.setLong(1, fileId);
          ps.setInt(2, page * ID_PAGE_SIZE + 1);
          ps.setInt(3, part.size());
          ps.setString(4, text.toString());
        });
  }

  /** No unique index on the ID (see V1), so the promise that IDs are distinct is kept here; pages need no line ends. */
  private static void requireDistinct(List<String> ids) {
    Set<String> seen = new HashSet<>(ids.size() * 2);
    for (String id : ids) {
      if (id == null || id.isEmpty() || id.length() > RespondentFileHygiene.MAX_RID_LENGTH) {
        throw new IllegalArgumentException("accepted IDs must be 1 to 128 characters, got: " + id);
      }
      if (id.indexOf('\n') >= 0 || id.indexOf('\r') >= 0) {
        throw new IllegalArgumentException("accepted IDs hold no line end, got: " + id.strip());
      }
      if (!seen.add(id)) {
        throw new IllegalArgumentException("accepted IDs must be distinct, " + id + " repeats");
      }
    }
  }

  private static StoredFile sameOrConflict(StoredFile stored, EntityType type, String sha256) {
    if (stored.sha256().equals(sha256) && stored.entityType() == type) {
      return stored;
    }
    throw new RespondentFileConflictException("Respondent file reference '" + stored.reference() + "' is already "
        + "used by '" + stored.fileName() + "' (" + stored.entityType() + ", sha256 " + stored.sha256() + ", stored "
        + stored.createdAt() + "). This upload (" + type + ", sha256 " + sha256 + ") differs; a retry must send the "
        + "same file, a different file needs a new reference.");
  }

  private static StoredFile file(ResultSet rs) throws SQLException {
    return new StoredFile(rs.getLong("id"), rs.getString("reference"), rs.getString("file_name"),
        EntityType.valueOf(rs.getString("entity_type")), rs.getString("sha256"), rs.getLong("size_bytes"),
        rs.getInt("line_count"), rs.getInt("accepted_count"), rs.getInt("duplicate_count"), rs.getInt("blank_count"),
        rs.getInt("invalid_count"), rs.getBoolean("header_detected"),
        rs.getObject("created_at", OffsetDateTime.class).toInstant(), rs.getInt("erased_count"), rs.getInt("suppressed_count"),
        rs.getInt("capped_count"));
  }

  private static String truncate(String s, int max) {
    if (s.length() <= max) {
      return s;
    }
    return s.substring(0, Character.isHighSurrogate(s.charAt(max - 1)) ? max - 1 : max);
  }
}
