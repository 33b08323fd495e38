package io.recontact.cint.respondentfile;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.function.Consumer;

/**
 * Cuts a stored file's accepted IDs into consecutive upload files that Cint will take.
 *
 * <p>A chunk is only a seq range with its counts, so a plan fits in a process variable and the IDs themselves are
 * read back from the store when the chunk is uploaded. Every chunk body is one ID per line, {@code \n} after each
 * line (including the last), no header, UTF-8.
 *
 * <p>Why {@value #DEFAULT_MAX_BYTES} bytes and not 5 MB: Cint answers 413 unless the file is "less than 5 MB" and
 * says neither whether that means 5,000,000 or 5,242,880 bytes nor whether it measures the file part or the whole
 * multipart request (boundary and part headers add a few hundred bytes, proxies may count differently). 10% below
 * the smaller reading is safe under every reading and costs at most one extra upload job. 100,000 RSIDs are 3.7 MB,
 * so for respondent IDs the ID limit is what bites; the byte limit matters for long RIDs.
 */
public final class UploadChunks {

  public static final int DEFAULT_MAX_BYTES = 4_500_000;
  /** Cint keeps at most 100,000 IDs per target group (existing plus new), so no single upload can usefully be larger. */
  public static final int DEFAULT_MAX_IDS = 100_000;

  private UploadChunks() {
  }

  /**
   * IDs {@code firstSeq..lastSeq} (1-based, as stored) of one upload file.
   *
   * @param index 0-based position in the plan
   * @param byteCount exact size of {@link #render rendered} body
   */
  public record Chunk(int index, int firstSeq, int lastSeq, int idCount, int byteCount) {

    /** The upload file body for this chunk's IDs; fails when they are not the IDs the chunk was planned with. */
    public byte[] render(List<String> ids) {
      if (ids.size() != idCount) {
        throw new IllegalArgumentException("chunk " + index + " has " + idCount + " IDs, got " + ids.size());
      }
      byte[] body = UploadChunks.render(ids);
      if (body.length != byteCount) {
        throw new IllegalArgumentException("chunk " + index + " renders to " + byteCount + " bytes, got "
            + body.length + ": the IDs changed since planning");
      }
      return body;
    }
  }

  public static List<Chunk> plan(Iterator<String> ids) {
    return plan(ids, DEFAULT_MAX_BYTES, DEFAULT_MAX_IDS);
  }

  public static List<Chunk> plan(Iterator<String> ids, int maxBytes, int maxIds) {
    Planner planner = new Planner(maxBytes, maxIds);
    ids.forEachRemaining(planner::add);
    return planner.finish();
  }

  /** One ID per line, {@code \n} line ends, no header. */
  public static byte[] render(List<String> ids) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(ids.size() * 37);
    for (String id : ids) {
      out.writeBytes(id.getBytes(StandardCharsets.UTF_8));
      out.write('\n');
    }
    return out.toByteArray();
  }

  /** Bytes an ID takes in a body, its line end included. */
  public static int lineBytes(String id) {
    int bytes = 1;
    for (int i = 0; i < id.length(); i++) {
      char c = id.charAt(i);
      if (c < 0x80) {
        bytes += 1;
      } else if (c < 0x800) {
        bytes += 2;
      } else if (Character.isHighSurrogate(c)) {
        bytes += 4;
        i++;
      } else {
        bytes += 3;
      }
    }
    return bytes;
  }

  /** Plans chunks from IDs fed in seq order, page by page (e.g. from {@link RespondentFileStore#forEachId}). */
  public static final class Planner implements Consumer<List<String>> {

    private final int maxBytes;
    private final int maxIds;
    private final List<Chunk> chunks = new ArrayList<>();
    private int nextSeq = 1;
    private int firstSeq = 1;
    private int ids;
    private int bytes;

    public Planner(int maxBytes, int maxIds) {
      if (maxBytes < 2 || maxIds < 1) {
        throw new IllegalArgumentException("maxBytes must be >= 2 and maxIds >= 1");
      }
      this.maxBytes = maxBytes;
      this.maxIds = maxIds;
    }

    @Override
    public void accept(List<String> page) {
      page.forEach(this::add);
    }

    public void add(String id) {
      int line = lineBytes(id);
      if (line > maxBytes) {
        throw new IllegalArgumentException("ID at seq " + nextSeq + " alone exceeds " + maxBytes + " bytes");
      }
      if (ids == maxIds || bytes + line > maxBytes) {
        close();
      }
      ids++;
      bytes += line;
      nextSeq++;
    }

    public List<Chunk> finish() {
      if (ids > 0) {
        close();
      }
      return List.copyOf(chunks);
    }

    private void close() {
      chunks.add(new Chunk(chunks.size(), firstSeq, nextSeq - 1, ids, bytes));
      firstSeq = nextSeq;
      ids = 0;
      bytes = 0;
    }
  }
}
