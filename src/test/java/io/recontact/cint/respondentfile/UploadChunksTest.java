package io.recontact.cint.respondentfile;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.recontact.cint.respondentfile.UploadChunks.Chunk;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class UploadChunksTest {

  static List<String> rsids(int n) {
    List<String> ids = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      ids.add(new UUID(0, i).toString());
    }
    return ids;
  }

  /** Every ID lands in exactly one chunk, in order, and each body is what the chunk says it is. */
  static void assertCovers(List<Chunk> chunks, List<String> ids, int maxBytes, int maxIds) {
    List<String> seen = new ArrayList<>();
    int nextSeq = 1;
    for (int i = 0; i < chunks.size(); i++) {
      Chunk chunk = chunks.get(i);
      assertThat(chunk.index()).isEqualTo(i);
      assertThat(chunk.firstSeq()).isEqualTo(nextSeq);
      assertThat(chunk.lastSeq() - chunk.firstSeq() + 1).isEqualTo(chunk.idCount());
      assertThat(chunk.idCount()).isBetween(1, maxIds);
      assertThat(chunk.byteCount()).isLessThanOrEqualTo(maxBytes);
      List<String> part = ids.subList(chunk.firstSeq() - 1, chunk.lastSeq());
      byte[] body = chunk.render(part);
      assertThat(body).hasSize(chunk.byteCount());
      assertThat(new String(body, UTF_8)).isEqualTo(String.join("\n", part) + "\n");
      seen.addAll(part);
      nextSeq = chunk.lastSeq() + 1;
    }
    assertThat(seen).isEqualTo(ids);
  }

  @Test
  void bodyIsOneIdPerLineWithNewlineEndsAndNoHeader() {
    assertThat(new String(UploadChunks.render(List.of("a", "b")), UTF_8)).isEqualTo("a\nb\n");
    assertThat(UploadChunks.render(List.of())).isEmpty();
  }

  @Test
  void defaultsKeep100000RsidsInOneChunkWellBelowFiveMegabytes() {
    List<String> ids = rsids(100_000);
    List<Chunk> chunks = UploadChunks.plan(ids.iterator());
    assertThat(chunks).singleElement().satisfies(c -> {
      assertThat(c.idCount()).isEqualTo(100_000);
      assertThat(c.byteCount()).isEqualTo(3_700_000).isLessThan(UploadChunks.DEFAULT_MAX_BYTES);
    });
    assertCovers(chunks, ids, UploadChunks.DEFAULT_MAX_BYTES, UploadChunks.DEFAULT_MAX_IDS);
  }

  @Test
  void idLimitCutsChunks() {
    List<String> ids = rsids(200_001);
    List<Chunk> chunks = UploadChunks.plan(ids.iterator());
    assertThat(chunks).extracting(Chunk::idCount).containsExactly(100_000, 100_000, 1);
    assertCovers(chunks, ids, UploadChunks.DEFAULT_MAX_BYTES, UploadChunks.DEFAULT_MAX_IDS);
  }

  @Test
  void byteLimitIsRespectedExactly() {
    // 37 bytes per RSID line: 10 lines fill 370 bytes exactly, the 11th starts a new chunk.
    List<String> ids = rsids(25);
    List<Chunk> chunks = UploadChunks.plan(ids.iterator(), 370, 1000);
    assertThat(chunks).extracting(Chunk::byteCount).containsExactly(370, 370, 185);
    assertCovers(chunks, ids, 370, 1000);

    List<Chunk> oneShort = UploadChunks.plan(ids.iterator(), 369, 1000);
    assertThat(oneShort).extracting(Chunk::idCount).containsExactly(9, 9, 7);
    assertCovers(oneShort, ids, 369, 1000);
  }

  @Test
  void mixedLengthsAndMultibyteIdsAreCountedInBytes() {
    List<String> ids = IntStream.range(0, 1000).mapToObj(i -> "r".repeat(1 + i % 128)).toList();
    List<Chunk> chunks = UploadChunks.plan(ids.iterator(), 1000, 7);
    assertCovers(chunks, ids, 1000, 7);
    assertThat(UploadChunks.lineBytes("\u00fc\u20ac\uD83D\uDE00")).isEqualTo(2 + 3 + 4 + 1);
  }

  @Test
  void plannerTakesPagesLikeTheStoreHandsThemOut() {
    List<String> ids = rsids(12_345);
    UploadChunks.Planner planner = new UploadChunks.Planner(100_000, 5_000);
    for (int from = 0; from < ids.size(); from += 1000) {
      planner.accept(ids.subList(from, Math.min(from + 1000, ids.size())));
    }
    List<Chunk> chunks = planner.finish();
    assertThat(chunks).isEqualTo(UploadChunks.plan(ids.iterator(), 100_000, 5_000));
    assertCovers(chunks, ids, 100_000, 5_000);
  }

  @Test
  void noIdsNoChunks() {
    assertThat(UploadChunks.plan(List.<String>of().iterator())).isEmpty();
  }

  @Test
  void anIdLargerThanTheLimitIsAnError() {
    assertThatThrownBy(() -> UploadChunks.plan(List.of("abc").iterator(), 3, 10))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("seq 1");
  }

  @Test
  void renderRefusesIdsThatDoNotMatchThePlan() {
    Chunk chunk = UploadChunks.plan(List.of("a", "b").iterator(), 100, 10).get(0);
    assertThatThrownBy(() -> chunk.render(List.of("a"))).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> chunk.render(List.of("a", "bb"))).isInstanceOf(IllegalArgumentException.class);
  }
}
