package io.recontact.cint.uploadrespondents;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import io.recontact.cint.client.CintModel.EntityType;
import io.recontact.cint.respondentfile.RespondentFileHygiene;
import io.recontact.cint.respondentfile.RespondentFileStore;
import io.recontact.cint.respondentfile.StoredFile;
import io.recontact.cint.uploadrespondents.UploadBatches.Batch;
import io.recontact.cint.uploadrespondents.UploadBatches.Kind;
import io.recontact.cint.uploadrespondents.UploadBatches.Status;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.jdbc.AutoConfigureTestDatabase;
import org.springframework.boot.test.autoconfigure.jdbc.JdbcTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/** Upload batches on the test profile's H2 database: ranges of the stored file, listed IDs for resubmissions. */
@JdbcTest
@AutoConfigureTestDatabase(replace = AutoConfigureTestDatabase.Replace.NONE)
@ActiveProfiles("test")
@Import({RespondentFileStore.class, UploadBatches.class, UploadBatchesTest.Limits.class})
@Transactional(propagation = Propagation.NOT_SUPPORTED)
class UploadBatchesTest {

  /** Files of at most 4 IDs, so a short file is cut into several batches. */
  @TestConfiguration
  static class Limits {
    @Bean
    UploadProperties uploadProperties() {
      return new UploadProperties(4_500_000, 4);
    }
  }

  @Autowired
  UploadBatches batches;
  @Autowired
  RespondentFileStore files;
  @Autowired
  JdbcTemplate jdbc;

  @Test
  void plansRangesOfTheStoredFileWithoutCopyingItsIds() {
    List<String> ids = ids(10);
    StoredFile file = store(ids);
    String run = UUID.randomUUID().toString();

    batches.plan(run, "rc-1", file.id(), 7);

    assertThat(batches.all(run)).extracting(Batch::batchNo, Batch::kind, Batch::status, Batch::fileName,
        Batch::idCount, Batch::byteCount, Batch::fileId, Batch::firstSeq).containsExactly(
        tuple(1, Kind.INITIAL, Status.PLANNED, "rc-1-1.csv", 4, 4 * 37, file.id(), 1),
        tuple(2, Kind.INITIAL, Status.PLANNED, "rc-1-2.csv", 3, 3 * 37, file.id(), 5),
        tuple(3, Kind.OVER_CAPACITY, Status.NOT_SENT, "rc-1-over-capacity.csv", 3, 3 * 37, file.id(), 8));
    assertThat(jdbc.queryForObject("select count(*) from cint_upload_batch_id i join cint_upload_batch b "
        + "on b.id = i.batch_id where b.run_key = ?", Integer.class, run)).isZero();
    List<Batch> all = batches.all(run);
    assertThat(new String(batches.render(all.get(0).id()), UTF_8))
        .isEqualTo(String.join("\n", ids.subList(0, 4)) + "\n");
    assertThat(new String(batches.render(all.get(1).id()), UTF_8))
        .isEqualTo(String.join("\n", ids.subList(4, 7)) + "\n");
    assertThat(batches.nextPlanned(run)).map(Batch::id).contains(all.get(0).id());
    assertThat(batches.isPlanned(run)).isTrue();
  }

  @Test
  void sentIdsAreTheRangesAndTheListedResubmissionsInBatchOrder() {
    List<String> ids = ids(6);
    StoredFile file = store(ids);
    String run = UUID.randomUUID().toString();
    batches.plan(run, "rc-2", file.id(), 100);
    List<Batch> planned = batches.all(run);
    batches.markSent(planned.get(0).id(), "job-1");
    batches.markOutcome(planned.get(0).id(), Status.PARTIAL, "2 failed");
    batches.markSent(planned.get(1).id(), "job-2");
    batches.markOutcome(planned.get(1).id(), Status.COMPLETED, null);

    // Cint did not save the second and the fifth ID: proposed, then resubmitted as listed batches.
    batches.propose(run, "rc-2", List.of(ids.get(1), ids.get(4)));
    batches.acceptProposals(run);
    Batch resubmit = batches.nextPlanned(run).orElseThrow();
    assertThat(resubmit).extracting(Batch::kind, Batch::fileName, Batch::idCount, Batch::fileId)
        .containsExactly(Kind.RESUBMIT, "rc-2-resubmit-3.csv", 2, null);
    assertThat(new String(batches.render(resubmit.id()), UTF_8)).isEqualTo(ids.get(1) + "\n" + ids.get(4) + "\n");
    batches.markSent(resubmit.id(), "job-3");

    List<String> sent = new ArrayList<>();
    batches.forEachSentId(run, sent::add);
    assertThat(sent).containsExactly(ids.get(0), ids.get(1), ids.get(2), ids.get(3), ids.get(4), ids.get(5),
        ids.get(1), ids.get(4));
  }

  @Test
  void aFileThatFitsOneUploadIsOneBatchOfItsStoredSize() {
    List<String> ids = List.of("r1", "r-22", "r_333", "R4");
    byte[] content = (String.join("\n", ids) + "\n").getBytes(UTF_8);
    StoredFile file = files.save(UUID.randomUUID().toString(), "f.csv", EntityType.RID, content,
        new RespondentFileHygiene().check(content, EntityType.RID));
    String run = UUID.randomUUID().toString();

    batches.plan(run, "rc-5", file.id(), 100);

    assertThat(batches.all(run)).extracting(Batch::kind, Batch::fileName, Batch::idCount, Batch::byteCount,
        Batch::firstSeq).containsExactly(tuple(Kind.INITIAL, "rc-5-1.csv", 4, content.length, 1));
    assertThat(batches.render(batches.all(run).get(0).id())).isEqualTo(content);
  }

  @Test
  void noRoomLeftPlansOnlyTheOverCapacityBatch() {
    StoredFile file = store(ids(3));
    String run = UUID.randomUUID().toString();

    batches.plan(run, "rc-3", file.id(), 0);

    assertThat(batches.all(run)).extracting(Batch::kind, Batch::idCount, Batch::firstSeq)
        .containsExactly(tuple(Kind.OVER_CAPACITY, 3, 1));
    assertThat(batches.nextPlanned(run)).isEmpty();
  }

  @Test
  void aRangeThatNoLongerReadsAsPlannedIsNotSent() {
    StoredFile file = store(ids(3));
    String run = UUID.randomUUID().toString();
    batches.plan(run, "rc-4", file.id(), 100);
    // The stored page loses its last ID: the batch would now send 2 IDs instead of the 3 it was planned with.
    jdbc.update("update respondent_file_page set ids = ?, id_count = 2 where file_id = ?",
        String.join("\n", files.ids(file.id(), 1, 2)) + "\n", file.id());

    long batchId = batches.nextPlanned(run).orElseThrow().id();
    assertThatThrownBy(() -> batches.render(batchId)).isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("planned with 3 IDs");
  }

  @Test
  void theSchemaRefusesAHalfRange() {
    StoredFile file = store(ids(2));
    assertThatThrownBy(() -> jdbc.update("insert into cint_upload_batch (run_key, batch_no, kind, status, file_name, "
        + "id_count, byte_count, created_at, file_id, first_seq) values ('r', 1, 'INITIAL', 'PLANNED', 'f.csv', 2, "
        + "74, current_timestamp, ?, 1)", file.id())).isInstanceOf(org.springframework.dao.DataAccessException.class);
  }

  static List<String> ids(int n) {
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      ids.add(UUID.randomUUID().toString());
    }
    return ids;
  }

  StoredFile store(List<String> ids) {
    byte[] content = (String.join("\n", ids) + "\n").getBytes(UTF_8);
    return files.save(UUID.randomUUID().toString(), "f.csv", EntityType.RSID, content,
        new RespondentFileHygiene().check(content, EntityType.RSID));
  }
}
