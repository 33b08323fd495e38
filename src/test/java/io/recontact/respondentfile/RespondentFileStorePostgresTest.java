package io.recontact.respondentfile;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.recontact.cint.client.CintModel.EntityType;
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
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;

/** The same store on PostgreSQL: the migration and the SQL must be portable. No Spring context, to stay quick. */
class RespondentFileStorePostgresTest {

  static EmbeddedPostgres postgres;
  static RespondentFileStore store;
  final RespondentFileHygiene hygiene = new RespondentFileHygiene();

  @BeforeAll
  static void start() throws Exception {
    postgres = EmbeddedPostgres.builder().start();
    DataSource dataSource = postgres.getPostgresDatabase();
    Flyway.configure().dataSource(dataSource).table("recontact_schema_history").load().migrate();
    store = new RespondentFileStore(new JdbcTemplate(dataSource), new DataSourceTransactionManager(dataSource));
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
}
