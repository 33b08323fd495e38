package io.recontact.governance.erasure;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.recontact.FlowRuns;
import io.recontact.sandbox.seed.TolunaSandboxData;
import java.nio.charset.StandardCharsets;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.history.HistoricDetail;
import org.camunda.bpm.engine.history.HistoricVariableUpdate;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.ActiveProfiles;

/**
 * Respondent identifiers stay in the project's tables (docs/respondent-erasure.md): real review runs with planted
 * identifiers (a Toluna exception review, a Cint respondent file review with rejected lines and a partial upload
 * review) leave none of them in any variable, runtime or history (task-local ones and ACT_HI_DETAIL included), nor
 * in any other character or binary column of Camunda's tables. The approver reads the examples from /api instead.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
class IdentifiersNotInVariablesTest {

  @Autowired TestRestTemplate http;
  @Autowired ProcessEngine engine;
  @Autowired JdbcTemplate jdbc;

  final String rsidDuplicate = UUID.randomUUID().toString();
  final String rsidRefused = UUID.randomUUID().toString();
  final String email = "plant-" + UUID.randomUUID().toString().substring(0, 8) + "@plant.example.org";
  final String member = "PlAnT-" + UUID.randomUUID().toString().substring(0, 8).toUpperCase(Locale.ROOT) + "v";

  Map<String, String> needles() {
    Map<String, String> needles = new LinkedHashMap<>();
    needles.put("RSID (duplicate line)", rsidDuplicate);
    needles.put("RSID (refused by Cint)", rsidRefused);
    needles.put("e-mail (invalid line)", email);
    needles.put("member code (exception)", member);
    return needles;
  }

  @Test
  void reviewsShowFiguresAndLinksButNoIdentifier() {
    String cintKey = cintRecontactThroughBothReviews();
    // Not in the directory: an UNKNOWN_MEMBER exception, reviewed and decided (proceed) by FlowRuns.
    String quotaInstance = new FlowRuns(http, engine, jdbc).tolunaQuota(TolunaSandboxData.PANEL_A, 3930001, 4930001, "PII A", 3990201,
        List.of("\"" + member + "\"", "\"" + TolunaSandboxData.code(1) + "\""));
    assertThat(jdbc.queryForObject("select count(*) from toluna_quota_member where member_code = ?", Long.class,
        member)).as("the exception was stored in the project's table").isEqualTo(1);
    assertThat(engine.getHistoryService().createHistoricTaskInstanceQuery().processInstanceId(quotaInstance)
        .taskDefinitionKey("ReviewValidationExceptions").finished().count()).as("the exception review").isEqualTo(1);
    assertThat(engine.getHistoryService().createHistoricTaskInstanceQuery().processInstanceBusinessKey(cintKey)
        .taskDefinitionKey("ReviewPartialUpload").finished().count()).isEqualTo(1);

    assertThat(inVariables()).as("identifiers in runtime or history variables").isEmpty();
    assertThat(inEngineTables()).as("identifiers in Camunda's tables (ACT_*)").isEmpty();
  }

  /** Both Cint reviews of one recontact; each review's link answers the approver with the planted identifiers. */
  String cintRecontactThroughBothReviews() {
    http.postForEntity("/sandbox/cint/admin/reset", null, String.class);
    HttpHeaders json = new HttpHeaders();
    json.setContentType(MediaType.APPLICATION_JSON);
    http.postForEntity("/sandbox/cint/admin/settings", new HttpEntity<>("{\"refusedIds\":[\"" + rsidRefused
        + "\"]}", json), String.class);
    String file = "respondent_id\n" + rsidDuplicate.toUpperCase(Locale.ROOT) + "\n" + rsidRefused + "\n"
        + rsidDuplicate + "\n" + email + "\n";
    FlowRuns flows = new FlowRuns(http, engine, jdbc);
    JsonNode started = flows.startCintRecontact("pii.csv", file, 2);
    String instance = started.path("processInstanceId").asText();
    String key = started.path("businessKey").asText();

    Task fileReview = awaitTask(flows, key, "ReviewRespondentFile");
    assertThat(engine.getTaskService().getVariable(fileReview.getId(), "duplicateCount")).isEqualTo(1);
    assertThat(engine.getTaskService().getVariable(fileReview.getId(), "invalidCount")).isEqualTo(1);
    assertThat(engine.getTaskService().getVariable(fileReview.getId(), "rejectedExamples"))
        .isEqualTo("DUPLICATE: line 4\nHEADER: line 1\nINVALID: line 5");
    String rejections = approverReads(engine.getTaskService().getVariable(fileReview.getId(), "rejectionsPath"));
    assertThat(rejections).contains(rsidDuplicate).contains(email);
    engine.getTaskService().complete(fileReview.getId(), Map.of("fileDecision", "approve", "completesGoal", 2L));

    Task uploadReview = awaitTask(flows, key, "ReviewPartialUpload");
    assertThat(engine.getTaskService().getVariable(uploadReview.getId(), "failedIdCount")).isEqualTo(1);
    String failed = approverReads(engine.getTaskService().getVariable(uploadReview.getId(), "failedIdsPath"));
    assertThat(failed).contains(rsidRefused).doesNotContain(rsidDuplicate);
    engine.getTaskService().complete(uploadReview.getId(), Map.of("uploadDecision", "accept", "completesGoal", 1L));
    flows.await(() -> engine.getHistoryService().createHistoricProcessInstanceQuery().processInstanceId(instance)
        .finished().count() == 1, "the recontact to end");
    return key;
  }

  Task awaitTask(FlowRuns flows, String businessKey, String definitionKey) {
    flows.await(() -> engine.getTaskService().createTaskQuery().processInstanceBusinessKey(businessKey)
        .taskDefinitionKey(definitionKey).count() == 1, definitionKey);
    return engine.getTaskService().createTaskQuery().processInstanceBusinessKey(businessKey)
        .taskDefinitionKey(definitionKey).singleResult();
  }

  String approverReads(Object path) {
    assertThat(path).as("the form's link").isInstanceOf(String.class);
    ResponseEntity<String> answer = http.withBasicAuth("approver", "approver").getForEntity((String) path,
        String.class);
    assertThat(answer.getStatusCode().value()).as(path + ": " + answer.getBody()).isEqualTo(200);
    return answer.getBody();
  }

  /** Every variable through the engine's API: runtime (task-local too), history (deleted too), history details. */
  List<String> inVariables() {
    List<String> found = new ArrayList<>();
    engine.getRuntimeService().createVariableInstanceQuery().disableBinaryFetching().list().forEach(v ->
        check("runtime " + v.getName(), v.getValue(), found));
    engine.getHistoryService().createHistoricVariableInstanceQuery().includeDeleted().list().forEach(v ->
        check("history " + v.getName(), v.getValue(), found));
    for (HistoricDetail detail : engine.getHistoryService().createHistoricDetailQuery().variableUpdates().list()) {
      HistoricVariableUpdate update = (HistoricVariableUpdate) detail;
      check("history detail " + update.getVariableName(), update.getValue(), found);
    }
    return found.stream().distinct().toList();
  }

  private void check(String where, Object value, List<String> found) {
    String text = String.valueOf(value).toLowerCase(Locale.ROOT);
    needles().forEach((name, needle) -> {
      if (text.contains(needle.toLowerCase(Locale.ROOT))) {
        found.add(name + " in " + where);
      }
    });
  }

  /** Every character and binary column of every ACT_ table (byte arrays included), in any letter case. */
  List<String> inEngineTables() {
    List<String> found = new ArrayList<>();
    List<Map<String, Object>> columns = jdbc.queryForList("select table_name, column_name, data_type from "
        + "information_schema.columns where lower(table_schema) = 'public' and upper(table_name) like 'ACT\\_%'");
    assertThat(columns).as("Camunda's columns").hasSizeGreaterThan(100);
    for (Map<String, Object> column : columns) {
      String table = String.valueOf(ErasureProof.value(column, "table_name"));
      String name = String.valueOf(ErasureProof.value(column, "column_name"));
      String type = String.valueOf(ErasureProof.value(column, "data_type")).toLowerCase(Locale.ROOT);
      boolean binary = type.contains("binary") || type.contains("bytea") || type.contains("blob");
      if (!(binary || type.contains("char") || type.contains("text") || type.contains("clob"))) {
        continue;
      }
      jdbc.query("select \"" + name + "\" from \"" + table + "\" where \"" + name + "\" is not null",
          (ResultSet rs) -> {
            String text = binary ? new String(rs.getBytes(1), StandardCharsets.UTF_8) : rs.getString(1);
            check(table + "." + name, text, found);
          });
    }
    return found.stream().distinct().toList();
  }
}
