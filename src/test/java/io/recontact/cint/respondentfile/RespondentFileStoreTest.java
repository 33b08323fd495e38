package io.recontact.cint.respondentfile;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import io.recontact.cint.client.CintModel.EntityType;
import io.recontact.cint.respondentfile.Rejection.Kind;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.jdbc.AutoConfigureTestDatabase;
import org.springframework.boot.test.autoconfigure.jdbc.JdbcTest;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/** JDBC slice on the test profile's H2 database, schema from the real Flyway migration. */
@JdbcTest
@AutoConfigureTestDatabase(replace = AutoConfigureTestDatabase.Replace.NONE)
@ActiveProfiles("test")
@Import(RespondentFileStore.class)
// The store runs its own transactions; they must commit for the idempotency checks to mean anything.
@Transactional(propagation = Propagation.NOT_SUPPORTED)
class RespondentFileStoreTest {

  @Autowired
  RespondentFileStore store;

  @Autowired
  JdbcTemplate jdbc;

  final RespondentFileHygiene hygiene = new RespondentFileHygiene();

  static String reference() {
    return UUID.randomUUID().toString();
  }

  /** The same respondents however the file is written; files are found by their set, not by their bytes. */
  @Test
  void theIdSetHashIsTheSameForTheSameRespondentsAndFindsTheirFiles() {
    String a = UUID.randomUUID().toString();
    String b = UUID.randomUUID().toString();
    byte[] plain = (a + "\n" + b + "\n").getBytes(UTF_8);
    byte[] rewritten = ("\uFEFFrespondent_id\r\n" + b.toUpperCase() + "\r\n\r\nnot-an-id\r\n" + a + "\r\n" + a + "\r\n")
        .getBytes(UTF_8);
    HygieneResult first = hygiene.check(plain, EntityType.RSID);
    HygieneResult second = hygiene.check(rewritten, EntityType.RSID);
    String hash = FileHashes.idSetSha256(EntityType.RSID, first.accepted());

    assertThat(FileHashes.idSetSha256(EntityType.RSID, second.accepted())).isEqualTo(hash);
    assertThat(FileHashes.idSetSha256(EntityType.RID, first.accepted())).as("another entity type")
        .isNotEqualTo(hash);
    assertThat(FileHashes.idSetSha256(EntityType.RSID, List.of(a))).as("one respondent less")
        .isNotEqualTo(hash);

    String one = reference();
    String two = reference();
    store.save(one, "plain.csv", EntityType.RSID, plain, first);
    store.save(two, "rewritten.csv", EntityType.RSID, rewritten, second);
    assertThat(store.referencesWithIdSet(hash)).containsExactly(one, two);
    assertThat(store.find(one).orElseThrow().sha256()).isNotEqualTo(store.find(two).orElseThrow().sha256());
  }

  @Test
  void savesAndFindsAFileWithItsIdsAndExamples() {
    byte[] content = ("rsid\n" + "0F1CE179-A917-49FF-9D50-B05FC91F7BD4\n\nnope\n"
        + "0f1ce179-a917-49ff-9d50-b05fc91f7bd4\n75f1404c-65f6-4937-ad2a-588e4f66e07f\n").getBytes(UTF_8);
    HygieneResult result = hygiene.check(content, EntityType.RSID);
    String reference = reference();

    StoredFile saved = store.save(reference, "respondents.csv", EntityType.RSID, content, result);

    assertThat(saved.reference()).isEqualTo(reference);
    assertThat(saved.fileName()).isEqualTo("respondents.csv");
    assertThat(saved.entityType()).isEqualTo(EntityType.RSID);
    assertThat(saved.sha256()).hasSize(64).isEqualTo(FileHashes.sha256(content));
    assertThat(saved.sizeBytes()).isEqualTo(content.length);
    assertThat(saved.lineCount()).isEqualTo(6);
    assertThat(saved.acceptedCount()).isEqualTo(2);
    assertThat(saved.duplicateCount()).isEqualTo(1);
    assertThat(saved.blankCount()).isEqualTo(1);
    assertThat(saved.invalidCount()).isEqualTo(1);
    assertThat(saved.headerDetected()).isTrue();
    assertThat(saved.createdAt()).isNotNull();
    assertThat(store.find(reference)).contains(saved);
    assertThat(store.find("no-such-reference")).isEmpty();

    assertThat(store.ids(saved.id(), 1, 10))
        .containsExactly("0f1ce179-a917-49ff-9d50-b05fc91f7bd4", "75f1404c-65f6-4937-ad2a-588e4f66e07f");
    assertThat(store.ids(saved.id(), 2, 10)).containsExactly("75f1404c-65f6-4937-ad2a-588e4f66e07f");
    assertThat(store.ids(saved.id(), 3, 10)).isEmpty();
    assertThat(store.examples(saved.id())).extracting(Rejection::kind, Rejection::lineNo, Rejection::content)
        .containsExactly(tuple(Kind.BLANK, 3, ""), tuple(Kind.DUPLICATE, 5, "0f1ce179-a917-49ff-9d50-b05fc91f7bd4"),
            tuple(Kind.HEADER, 1, "rsid"), tuple(Kind.INVALID, 4, "nope"));
  }

  @Test
  void savingTheSameFileAgainReturnsTheStoredOneUnchanged() {
    byte[] content = "r1\nr2\n".getBytes(UTF_8);
    String reference = reference();
    StoredFile first = store.save(reference, "a.txt", EntityType.RID, content, hygiene.check(content, EntityType.RID));

    StoredFile again = store.save(reference, "renamed.txt", EntityType.RID, content.clone(),
        hygiene.check(content, EntityType.RID));

    assertThat(again).isEqualTo(first);
    assertThat(jdbc.queryForObject("select sum(id_count) from respondent_file_page where file_id = ?", Integer.class,
        first.id())).isEqualTo(2);
  }

  @Test
  void aDifferentFileUnderATakenReferenceIsAConflict() {
    byte[] content = "r1\n".getBytes(UTF_8);
    byte[] other = "r2\n".getBytes(UTF_8);
    String reference = reference();
    StoredFile first = store.save(reference, "a.txt", EntityType.RID, content, hygiene.check(content, EntityType.RID));

    assertThatThrownBy(() -> store.save(reference, "a.txt", EntityType.RID, other,
        hygiene.check(other, EntityType.RID)))
        .isInstanceOf(RespondentFileConflictException.class)
        .hasMessageContaining(reference).hasMessageContaining("new reference");
    assertThatThrownBy(() -> store.save(reference, "a.txt", EntityType.RESPONSE_ID, content,
        hygiene.check(content, EntityType.RESPONSE_ID)))
        .isInstanceOf(RespondentFileConflictException.class);
    assertThat(store.ids(first.id(), 1, 10)).containsExactly("r1");
  }

  @Test
  void storesAndPagesThrough100000Ids() {
    StringBuilder text = new StringBuilder();
    List<String> expected = new ArrayList<>(100_000);
    for (int i = 0; i < 100_000; i++) {
      String id = new UUID(i, i).toString();
      expected.add(id);
      text.append(id).append('\n');
    }
    byte[] content = text.toString().getBytes(UTF_8);
    StoredFile saved = store.save(reference(), "big.csv", EntityType.RSID, content,
        hygiene.check(content, EntityType.RSID));
    assertThat(saved.acceptedCount()).isEqualTo(100_000);

    List<String> streamed = new ArrayList<>(100_000);
    List<Integer> pageSizes = new ArrayList<>();
    store.forEachId(saved.id(), page -> {
      pageSizes.add(page.size());
      streamed.addAll(page);
    });
    assertThat(pageSizes).hasSize(20).containsOnly(RespondentFileStore.PAGE_SIZE);
    assertThat(streamed).isEqualTo(expected);
    assertThat(store.ids(saved.id(), 99_999, 5)).containsExactly(expected.get(99_998), expected.get(99_999));

    List<UploadChunks.Chunk> chunks = store.chunks(saved.id(), 1_000_000, 100_000);
    assertThat(chunks).extracting(UploadChunks.Chunk::idCount).containsExactly(27_027, 27_027, 27_027, 18_919);
    byte[] last = store.body(saved.id(), chunks.get(3));
    assertThat(new String(last, UTF_8)).endsWith(expected.get(99_999) + "\n").hasLineCount(18_919);
  }

  @Test
  void refusesResultsWhoseIdsAreNotDistinct() {
    byte[] content = "a\n".getBytes(UTF_8);
    HygieneResult forged = new HygieneResult(2, List.of("a", "a"), 0, 0, 0, false, List.of());
    assertThatThrownBy(() -> store.save(reference(), "x.txt", EntityType.RID, content, forged))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("distinct");
  }

  @Test
  void pagesEndExactlyAtTheLastId() {
    byte[] content = "a\nb\nc\nd\n".getBytes(UTF_8);
    StoredFile saved = store.save(reference(), "x.txt", EntityType.RID, content,
        hygiene.check(content, EntityType.RID));
    List<List<String>> pages = new ArrayList<>();
    store.forEachId(saved.id(), 2, pages::add);
    assertThat(pages).containsExactly(List.of("a", "b"), List.of("c", "d"));
  }

  @Test
  void idsAreStoredInPagesAndReadAcrossPageEdges() {
    StringBuilder text = new StringBuilder();
    List<String> expected = new ArrayList<>();
    for (int i = 0; i < 2_500; i++) {
      expected.add("r" + i);
      text.append("r").append(i).append('\n');
    }
    byte[] content = text.toString().getBytes(UTF_8);
    StoredFile saved = store.save(reference(), "x.txt", EntityType.RID, content,
        hygiene.check(content, EntityType.RID));

    assertThat(jdbc.queryForList("select id_count from respondent_file_page where file_id = ? order by first_seq",
        Integer.class, saved.id())).containsExactly(1_000, 1_000, 500);
    assertThat(store.ids(saved.id(), 999, 4)).containsExactly("r998", "r999", "r1000", "r1001");
    assertThat(store.ids(saved.id(), 1_001, 1_000)).isEqualTo(expected.subList(1_000, 2_000));
    assertThat(store.ids(saved.id(), 2_500, 10)).containsExactly("r2499");
    assertThat(store.ids(saved.id(), 2_501, 10)).isEmpty();
    for (int[] range : new int[][] {{1, 2_500}, {999, 4}, {1_000, 1_001}, {2_001, 500}, {2_400, 200}, {2_501, 3}}) {
      assertThat(new String(store.body(saved.id(), range[0], range[1]), UTF_8)).as("body %s+%s", range[0], range[1])
          .isEqualTo(new String(UploadChunks.render(store.ids(saved.id(), range[0], range[1])), UTF_8));
    }
  }

  /** Files stored before V6 keep one row per ID (respondent_file_id, id_page_size null) and read the same. */
  @Test
  void filesStoredOneRowPerIdStillRead() {
    String reference = reference();
    jdbc.update("insert into respondent_file (reference, file_name, entity_type, sha256, size_bytes, line_count, "
        + "accepted_count, duplicate_count, blank_count, invalid_count, header_detected, created_at) "
        + "values (?, 'old.txt', 'RID', ?, 6, 3, 3, 0, 0, 0, false, current_timestamp)", reference, "0".repeat(64));
    long id = store.find(reference).orElseThrow().id();
    for (int seq = 1; seq <= 3; seq++) {
      jdbc.update("insert into respondent_file_id (file_id, seq, respondent_id) values (?, ?, ?)", id, seq,
          "old" + seq);
    }
    assertThat(store.ids(id, 2, 10)).containsExactly("old2", "old3");
    List<String> all = new ArrayList<>();
    store.forEachId(id, all::addAll);
    assertThat(all).containsExactly("old1", "old2", "old3");
    assertThat(store.body(id, 2, 2)).isEqualTo("old2\nold3\n".getBytes(UTF_8));
  }

  @Test
  void refusesIdsWithALineEnd() {
    HygieneResult forged = new HygieneResult(1, List.of("a\nb"), 0, 0, 0, false, List.of());
    assertThatThrownBy(() -> store.save(reference(), "x.txt", EntityType.RID, "a".getBytes(UTF_8), forged))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("line end");
  }
}
