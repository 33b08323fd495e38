package io.recontact.cint.respondentfile;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import io.recontact.cint.client.CintModel.EntityType;
import io.recontact.cint.uploadrespondents.UploadBatches.Batch;
import io.recontact.cint.uploadrespondents.UploadBatches.Kind;
import io.recontact.cint.uploadrespondents.UploadBatches;
import io.recontact.cint.uploadrespondents.UploadProperties;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;

/** The same store on PostgreSQL: the migration and the SQL must be portable. No Spring context, to stay quick. */
class RespondentFileStorePostgresTest {

  static EmbeddedPostgres postgres;
  static RespondentFileStore store;
  static UploadBatches batches;
  final RespondentFileHygiene hygiene = new RespondentFileHygiene();

  @BeforeAll
  static void start() throws Exception {
    postgres = EmbeddedPostgres.builder().start();
    DataSource dataSource = postgres.getPostgresDatabase();
    Flyway.configure().dataSource(dataSource).table("recontact_schema_history").load().migrate();
    store = new RespondentFileStore(new JdbcTemplate(dataSource), new DataSourceTransactionManager(dataSource));
    batches = new UploadBatches(new JdbcTemplate(dataSource), new UploadProperties(4_500_000, 5_000), store);
  }

  @AfterAll
  static void stop() throws Exception {
    postgres.close();
  }

  @Test
  void savesFindsAndPages() {
    StringBuilder text = new StringBuilder("respondent_id\r\n");
    for (int i = 0; i < 12_000; i++) {
      text.append(new java.util.UUID(7, i).toString().toUpperCase()).append("\r\n");
    }
    text.append("\n0F1CE179-XXXX\n");
    byte[] content = text.toString().getBytes(UTF_8);
    StoredFile saved = store.save("pg-1", "file.csv", EntityType.RSID, content,
        hygiene.check(content, EntityType.RSID));

    assertThat(store.find("pg-1")).contains(saved);
    assertThat(saved.headerDetected()).isTrue();
    assertThat(saved.acceptedCount()).isEqualTo(12_000);
    assertThat(store.examples(saved.id())).extracting(Rejection::kind)
        .containsExactly(Rejection.Kind.BLANK, Rejection.Kind.HEADER, Rejection.Kind.INVALID);
    List<String> all = new ArrayList<>();
    store.forEachId(saved.id(), all::addAll);
    assertThat(all).hasSize(12_000).first().isEqualTo(new java.util.UUID(7, 0).toString());
    assertThat(store.save("pg-1", "file.csv", EntityType.RSID, content, hygiene.check(content, EntityType.RSID)))
        .isEqualTo(saved);
    byte[] other = "r1".getBytes(UTF_8);
    assertThatThrownBy(() -> store.save("pg-1", "file.csv", EntityType.RID, other,
        hygiene.check(other, EntityType.RID))).isInstanceOf(RespondentFileConflictException.class);
  }

  @Test
  void concurrentSavesOfOneReferenceAllGetTheSameFile() throws Exception {
    byte[] content = "a\nb\nc\n".getBytes(UTF_8);
    HygieneResult result = hygiene.check(content, EntityType.RID);
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      List<Callable<StoredFile>> saves = new ArrayList<>();
      for (int i = 0; i < 4; i++) {
        saves.add(() -> store.save("pg-race", "race.txt", EntityType.RID, content, result));
      }
      List<StoredFile> files = new ArrayList<>();
      for (Future<StoredFile> f : pool.invokeAll(saves)) {
        files.add(f.get());
      }
      assertThat(files).hasSize(4).allSatisfy(f -> assertThat(f).isEqualTo(files.get(0)));
      assertThat(store.ids(files.get(0).id(), 1, 10)).containsExactly("a", "b", "c");
    } finally {
      pool.shutdown();
    }
  }

  /** Upload batches (V2, V6) on PostgreSQL: ranges of the stored file, a listed resubmission, the range check. */
  @Test
  void uploadBatchesAreRangesOfTheStoredFile() {
    StringBuilder text = new StringBuilder();
    for (int i = 0; i < 12_000; i++) {
      text.append(new java.util.UUID(9, i)).append('\n');
    }
    byte[] content = text.toString().getBytes(UTF_8);
    StoredFile file = store.save("pg-batches", "file.csv", EntityType.RSID, content,
        hygiene.check(content, EntityType.RSID));

    batches.plan("pg-run", "pg", file.id(), 11_000);
    assertThat(batches.all("pg-run")).extracting(Batch::kind, Batch::idCount, Batch::firstSeq).containsExactly(
        tuple(Kind.INITIAL, 5_000, 1), tuple(Kind.INITIAL, 5_000, 5_001), tuple(Kind.INITIAL, 1_000, 10_001),
        tuple(Kind.OVER_CAPACITY, 1_000, 11_001));
    Batch second = batches.all("pg-run").get(1);
    assertThat(batches.render(second.id())).hasSize(5_000 * 37);
    batches.markSent(second.id(), "job-2");
    batches.propose("pg-run", "pg", List.of(new java.util.UUID(9, 7).toString()));
    batches.acceptProposals("pg-run");
    Batch resubmit = batches.all("pg-run").get(4);
    assertThat(resubmit).extracting(Batch::batchNo, Batch::kind, Batch::fileId).containsExactly(5, Kind.RESUBMIT, null);
    batches.markSent(resubmit.id(), "job-5");
    List<String> sent = new ArrayList<>();
    batches.forEachSentId("pg-run", sent::add);
    assertThat(sent).hasSize(5_001).startsWith(new java.util.UUID(9, 5_000).toString())
        .endsWith(new java.util.UUID(9, 7).toString());
    byte[] small = "r1\nr-22\nr_333\n".getBytes(UTF_8);
    StoredFile one = store.save("pg-one-batch", "one.csv", EntityType.RID, small, hygiene.check(small, EntityType.RID));
    batches.plan("pg-run-2", "pg2", one.id(), 100_000);
    assertThat(batches.all("pg-run-2")).extracting(Batch::idCount, Batch::byteCount).containsExactly(
        tuple(3, small.length));
    assertThat(batches.render(batches.all("pg-run-2").get(0).id())).isEqualTo(small);
    assertThatThrownBy(() -> new JdbcTemplate(postgres.getPostgresDatabase()).update("update cint_upload_batch "
        + "set last_seq = null where id = ?", second.id())).isInstanceOf(DataAccessException.class);
  }
}
