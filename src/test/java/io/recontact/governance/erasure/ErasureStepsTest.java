package io.recontact.governance.erasure;

import static org.assertj.core.api.Assertions.assertThat;

import io.recontact.cint.client.CintModel.EntityType;
import io.recontact.cint.respondentfile.RespondentFileIntake;
import io.recontact.cint.respondentfile.RespondentFileStore;
import io.recontact.cint.respondentfile.StoredFile;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.UUID;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.ActiveProfiles;

/**
 * Each step's choice, on rows planted directly (the end-to-end proof is ErasureProof): a file keeps its seqs and
 * byte counts with the nil UUID in place, an undelivered invite is never sent, the ledger keeps its amount, a
 * Camunda variable is masked with its revision raised.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
class ErasureStepsTest {

  static final String NIL = "00000000-0000-0000-0000-000000000000";

  @Autowired RespondentErasure erasure;
  @Autowired RespondentFileIntake intake;
  @Autowired RespondentFileStore files;
  @Autowired JdbcTemplate jdbc;
  @Autowired ProcessEngine engine;

  @Test
  void aFileKeepsItsSeqsAndBytesWithTheNilUuidInPlace() {
    String a = UUID.randomUUID().toString();
    String gone = UUID.randomUUID().toString();
    String c = UUID.randomUUID().toString();
    byte[] content = (a + "\n" + gone.toUpperCase() + "\n" + c + "\n" + gone + "\n").getBytes(StandardCharsets.UTF_8);
    StoredFile file = intake.intake("erase-" + UUID.randomUUID(), "f.csv", EntityType.RESPONDENT_ID, content);
    byte[] before = files.body(file.id(), 1, 3);

    var result = erasure.erase(Respondent.of("cint", gone), "test");

    assertThat(result.places()).containsEntry("respondent_file_page", 1).containsEntry("respondent_file_rejection", 1);
    assertThat(files.ids(file.id(), 1, 10)).containsExactly(a, NIL, c);
    assertThat(files.body(file.id(), 1, 3)).hasSameSizeAs(before);
    assertThat(files.examples(file.id())).singleElement().satisfies(r -> assertThat(r.content()).isEqualTo(NIL));
    assertThat(erasure.erase(Respondent.of("cint", gone), "test").rowsErased()).isZero();
  }

  @Test
  void anUndeliveredInviteIsNeverSentAndTheLedgerKeepsItsAmount() {
    String code = "M-" + UUID.randomUUID();
    String invite = UUID.randomUUID().toString();
    OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
    jdbc.update("insert into toluna_invite (invite_id, panel_guid, quota_id, member_code, survey_id, url, created_at) "
        + "values (?, 'P-E', 1, ?, 2, ?, ?)", invite, code, "https://x.invalid/?m=" + code, now);
    jdbc.update("insert into toluna_invite_delivery (invite_id, panel_guid, quota_id, channel, state, attempts, "
        + "next_attempt_at) values (?, 'P-E', 1, 'WEBHOOK', 'PENDING', 0, ?)", invite, now);
    jdbc.update("insert into toluna_quota_member (panel_guid, quota_id, member_code, state, reviewed, received_at, "
        + "updated_at) values ('P-E', 1, ?, 'INVITED', false, ?, ?)", code, now, now);
    jdbc.update("insert into toluna_fetch_cursor (panel_guid, quota_id, last_code, pages) values ('P-E', ?, ?, 1)",
        Math.abs(code.hashCode()) + 10L, code);
    jdbc.update("insert into panel_incentive (member_code, source, panel_guid, survey_id, state, amount_cents, "
        + "credited_at) values (?, 'TOLUNA', 'P-E', 2, 'PENDING', 75, ?)", code, now);
    Respondent member = Respondent.of("toluna", code);

    Map<String, Integer> places = erasure.erase(member, "test").places();

    assertThat(places).containsEntry("toluna_invite", 1).containsEntry("toluna_invite_delivery", 1)
        .containsEntry("toluna_quota_member", 1).containsEntry("toluna_fetch_cursor", 1)
        .containsEntry("panel_incentive", 1).containsEntry("panel_member", 0);
    assertThat(jdbc.queryForMap("select state, last_error from toluna_invite_delivery where invite_id = ?", invite))
        .containsEntry("STATE", "FAILED").containsEntry("LAST_ERROR", "respondent erased");
    assertThat(jdbc.queryForMap("select member_code, url from toluna_invite where invite_id = ?", invite))
        .containsEntry("MEMBER_CODE", member.tombstone()).containsEntry("URL", "");
    assertThat(jdbc.queryForObject("select amount_cents from panel_incentive where member_code = ?", Long.class,
        member.tombstone())).isEqualTo(75);
    assertThat(jdbc.queryForObject("select count(*) from toluna_fetch_cursor where last_code = ?", Long.class, code))
        .isZero();
  }

  @Test
  void aCamundaVariableIsMaskedAndItsRevisionRaised() {
    String code = "Mx-" + UUID.randomUUID().toString().substring(0, 8);
    ProcessInstance instance = engine.getRuntimeService().startProcessInstanceByKey("smokeTest",
        Map.of("note", "examples: " + code.toUpperCase() + ", other"));
    int revision = jdbc.queryForObject("select REV_ from ACT_RU_VARIABLE where PROC_INST_ID_ = ? and NAME_ = 'note'",
        Integer.class, instance.getId());

    Map<String, Integer> places = erasure.erase(Respondent.of("toluna", code), "test").places();

    assertThat(places).containsEntry("ACT_RU_VARIABLE.TEXT_", 1).containsKey("ACT_HI_VARINST.TEXT_");
    String masked = "examples: " + Respondent.of("toluna", code).mask() + ", other";
    assertThat(engine.getRuntimeService().getVariable(instance.getId(), "note")).isEqualTo(masked);
    assertThat(engine.getHistoryService().createHistoricVariableInstanceQuery().processInstanceId(instance.getId())
        .variableName("note").singleResult().getValue()).isEqualTo(masked);
    assertThat(jdbc.queryForObject("select REV_ from ACT_RU_VARIABLE where PROC_INST_ID_ = ? and NAME_ = 'note'",
        Integer.class, instance.getId())).isEqualTo(revision + 1);
    engine.getRuntimeService().deleteProcessInstance(instance.getId(), "test done");
  }
}
