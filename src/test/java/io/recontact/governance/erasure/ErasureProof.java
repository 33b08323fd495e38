package io.recontact.governance.erasure;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.recontact.FlowRuns;
import io.recontact.cint.client.CintModel.EntityType;
import io.recontact.cint.respondentfile.HygieneResult;
import io.recontact.cint.respondentfile.RespondentFileIntake;
import io.recontact.config.PrivacyIdentitySetup;
import io.recontact.sandbox.seed.TolunaSandboxData;
import io.recontact.toluna.recontactquota.QuotaMembers;
import java.nio.charset.StandardCharsets;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.identity.User;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The proof of a respondent's erasure (docs/respondent-erasure.md), run on H2 and on PostgreSQL: one Cint respondent
 * and one Toluna member are planted in every place a real run puts them (a Cint recontact's file, its review and its
 * target group upload; a Toluna quota whose exception review counts the member, the member's import, a quota that
 * invites it, its completion over the notification endpoint and the ledger credit), erased over HTTP, and then
 * searched for in every character and binary column of every table (the project's and Camunda's), in any letter
 * case, and in every log line at INFO or above. A scan before the erasure must find them (it is not blind). After:
 * the ledger keeps the amount, a repeat answers zeros, and a re-import, a new file and Toluna's list do not bring
 * them back.
 */
abstract class ErasureProof {

  static final String PANEL = TolunaSandboxData.PANEL_A;
  static final Pattern LOUD = Pattern.compile("\\b(INFO|WARN|ERROR)\\b");

  @Autowired TestRestTemplate http;
  @Autowired ProcessEngine engine;
  @Autowired JdbcTemplate jdbc;
  @Autowired RespondentFileIntake intake;
  @Autowired QuotaMembers quotaMembers;

  final String rsid = UUID.randomUUID().toString();
  final String member = "ErAsE-" + UUID.randomUUID().toString().substring(0, 8).toUpperCase(Locale.ROOT) + "q";
  final String email = member.toLowerCase(Locale.ROOT) + "@erase.example.org";
  final long surveyA = 3920001;
  final long quotaA = 4920001;
  final long surveyB = 3920002;
  final long quotaB = 4920002;

  /** Every form of the identifiers that must not remain. */
  Map<String, String> needles() {
    Map<String, String> needles = new LinkedHashMap<>();
    needles.put("RSID", rsid);
    needles.put("RSID upper case", rsid.toUpperCase(Locale.ROOT));
    needles.put("member code", member);
    needles.put("member code lower case", member.toLowerCase(Locale.ROOT));
    needles.put("member code upper case", member.toUpperCase(Locale.ROOT));
    needles.put("e-mail", email);
    return needles;
  }

  void plantEraseAndSearch(CapturedOutput output) {
    plant();
    List<String> before = scan(needles());
    assertThat(before).as("the scan sees the planted respondents in the project's tables, none in Camunda's")
        .anyMatch(f -> f.startsWith("RSID in RESPONDENT_FILE_PAGE"))
        .anyMatch(f -> f.startsWith("RSID in RESPONDENT_FILE_REJECTION"))
        .anyMatch(f -> f.startsWith("member code in PANEL_MEMBER"))
        .anyMatch(f -> f.startsWith("member code in TOLUNA_QUOTA_MEMBER"))
        .anyMatch(f -> f.startsWith("member code in TOLUNA_INVITE."))
        .anyMatch(f -> f.startsWith("member code in TOLUNA_INVITE_OUTCOME"))
        .anyMatch(f -> f.startsWith("member code in PANEL_INCENTIVE"))
        .anyMatch(f -> f.startsWith("e-mail in PANEL_MEMBER"))
        // The reviews show counts and links, so a normal run leaves nothing in Camunda's tables to mask.
        .noneMatch(f -> f.contains(" in ACT_"));
    long credited = jdbc.queryForObject("select amount_cents from panel_incentive where member_code = ?", Long.class,
        member);

    JsonNode cint = erase("demo", "demo", "cint", rsid.toUpperCase(Locale.ROOT));
    assertThat(cint.path("alreadyErased").asBoolean()).isFalse();
    assertThat(cint.path("places").path("respondent_file_page").asInt()).isEqualTo(1);
    assertThat(cint.path("places").path("respondent_file_rejection").asInt()).isEqualTo(1);
    assertThat(cint.toString()).contains("\"ACT_");
    JsonNode toluna = erase("privacy", "privacy", "toluna", member);
    assertThat(toluna.path("erasedBy").asText()).isEqualTo("privacy");
    JsonNode places = toluna.path("places");
    assertThat(places.path("panel_member").asInt()).isEqualTo(1);
    assertThat(places.path("panel_incentive").asInt()).isEqualTo(1);
    assertThat(places.path("toluna_quota_member").asInt()).isEqualTo(2);
    assertThat(places.path("toluna_invite").asInt()).isEqualTo(1);
    assertThat(places.path("respondent_contact").asInt()).as("none by hash: the invite was the contact, now tombstoned")
        .isZero();
    assertThat(places.path("toluna_invite_outcome").asInt()).isEqualTo(1);
    assertThat(toluna.toString()).contains("\"ACT_").doesNotContain(member);

    List<String> after = scan(needles());
    assertThat(after).as("nothing of the erased respondents in any table").isEmpty();
    Respondent erasedMember = Respondent.of("toluna", member);
    assertThat(jdbc.queryForObject("select amount_cents from panel_incentive where member_code = ?", Long.class,
        erasedMember.tombstone())).as("the ledger keeps the amount, without the person").isEqualTo(credited);
    assertThat(jdbc.queryForList("select places from erasure_audit where respondent_hash = ?", String.class,
        erasedMember.hash())).singleElement().asString().contains("panel_member=1");

    JsonNode again = erase("demo", "demo", "toluna", member);
    assertThat(again.path("alreadyErased").asBoolean()).isTrue();
    assertThat(again.path("rowsErased").asInt()).isZero();
    refusedAgain();
    assertThat(scan(needles())).as("nothing came back").isEmpty();
    List<String> loud = new ArrayList<>();
    output.getAll().lines().filter(LOUD.asPredicate()).forEach(line -> needles().forEach((name, value) -> {
      if (line.toLowerCase(Locale.ROOT).contains(value.toLowerCase(Locale.ROOT))) {
        loud.add(name + " in log line: " + line);
      }
    }));
    assertThat(loud).as("no identifier at INFO or above").isEmpty();
  }

  /** The member import refuses the row, respondent-file hygiene drops the RSID, quota paging skips the code. */
  void refusedAgain() {
    ResponseEntity<JsonNode> reimport = http.withBasicAuth("operator", "operator").postForEntity(
        "/api/panel/members", json(memberJson()), JsonNode.class);
    assertThat(reimport.getStatusCode().value()).as(String.valueOf(reimport.getBody())).isEqualTo(400);
    assertThat(reimport.getBody().path("problems").get(0).path("reason").asText()).contains("was erased");
    assertThat(jdbc.queryForObject("select count(*) from panel_member where member_code = ?", Long.class, member))
        .isZero();
    HygieneResult file = intake.check((rsid.toUpperCase(Locale.ROOT) + "\n" + UUID.randomUUID() + "\n")
        .getBytes(StandardCharsets.UTF_8), EntityType.RESPONDENT_ID);
    assertThat(file.erasedCount()).isEqualTo(1);
    assertThat(file.accepted()).hasSize(1).doesNotContain(rsid);
    assertThat(file.examples()).isEmpty();
    assertThat(quotaMembers.storePage(PANEL, 4920099, List.of(member, "TS-000002"), null)).isEqualTo(1);
  }

  void plant() {
    ensurePrivacyOfficer();
    FlowRuns flows = new FlowRuns(http, engine, jdbc);
    // The RSID twice: upper case (accepted, stored lower case) and again (a duplicate, kept as a review example).
    flows.cintRecontact("erase.csv", "respondent_id\n" + rsid.toUpperCase(Locale.ROOT) + "\n" + UUID.randomUUID()
        + "\n" + rsid + "\n", 2);
    // Not in the directory yet: an UNKNOWN_MEMBER exception, named in the review that FlowRuns decides (proceed).
    flows.tolunaQuota(PANEL, surveyA, quotaA, "ERASE A", 3990101, List.of("\"" + member + "\"",
        "\"" + TolunaSandboxData.code(1) + "\""));
    ResponseEntity<String> imported = http.withBasicAuth("operator", "operator").postForEntity("/api/panel/members",
        json(memberJson()), String.class);
    assertThat(imported.getStatusCode().value()).as(imported.getBody()).isEqualTo(200);
    flows.tolunaQuota(PANEL, surveyB, quotaB, "ERASE B", 3990102, List.of("\"" + member + "\""), () -> {
      ResponseEntity<String> played = http.postForEntity("/sandbox/toluna/admin/members/" + member + "/outcome",
          json("{\"panelGuid\": \"" + PANEL + "\", \"quotaId\": " + quotaB + ", \"outcome\": \"COMPLETE\"}"),
          String.class);
      assertThat(played.getStatusCode().value()).as(played.getBody()).isEqualTo(200);
      flows.await(() -> jdbc.queryForObject("select count(*) from panel_incentive where member_code = ?", Long.class,
          member) == 1, "the completion's ledger entry");
    });
    assertThat(jdbc.queryForObject("select count(*) from toluna_invite_outcome where member_code = ? and outcome = "
        + "'COMPLETE'", Long.class, member)).isEqualTo(1);
  }

  String memberJson() {
    return """
        [{"memberCode": "%s", "status": "ACTIVE", "birthDate": "1990-04-01", "postalCode": "10001",
          "answers": {"1001007": [2000246]}, "email": "%s"}]""".formatted(member, email);
  }

  JsonNode erase(String user, String password, String marketplace, String id) {
    ResponseEntity<JsonNode> answer = http.withBasicAuth(user, password).exchange("/api/respondents/" + marketplace
        + "/" + id, HttpMethod.DELETE, null, JsonNode.class);
    assertThat(answer.getStatusCode().value()).as(String.valueOf(answer.getBody())).isEqualTo(200);
    return answer.getBody();
  }

  void ensurePrivacyOfficer() {
    var identity = engine.getIdentityService();
    if (identity.createUserQuery().userId("privacy").count() == 0) {
      User user = identity.newUser("privacy");
      user.setPassword("privacy");
      identity.saveUser(user);
      identity.createMembership("privacy", PrivacyIdentitySetup.PRIVACY_GROUP);
    }
  }

  /**
   * Every character, JSON and binary column of every table of the schema: "needle in TABLE.COLUMN" for each hit,
   * case-insensitive; binary columns are read as bytes (ISO-8859-1 and UTF-8).
   */
  List<String> scan(Map<String, String> needles) {
    List<String> found = new ArrayList<>();
    List<Map<String, Object>> columns = jdbc.queryForList("select table_name, column_name, data_type from "
        + "information_schema.columns where lower(table_schema) = 'public'");
    int read = 0;
    for (Map<String, Object> column : columns) {
      String table = String.valueOf(value(column, "table_name"));
      String name = String.valueOf(value(column, "column_name"));
      String type = String.valueOf(value(column, "data_type")).toLowerCase(Locale.ROOT);
      boolean binary = type.contains("binary") || type.contains("bytea") || type.contains("blob");
      if (!(binary || type.contains("char") || type.contains("text") || type.contains("clob") || type.contains("json")
          || type.contains("large object"))) {
        continue;
      }
      read++;
      jdbc.query("select \"" + name + "\" from \"" + table + "\" where \"" + name + "\" is not null", (ResultSet rs) -> {
        String text;
        if (binary) {
          byte[] bytes = rs.getBytes(1);
          text = new String(bytes, StandardCharsets.ISO_8859_1) + " " + new String(bytes, StandardCharsets.UTF_8);
        } else {
          text = rs.getString(1);
        }
        String lower = text.toLowerCase(Locale.ROOT);
        needles.forEach((needle, value) -> {
          if (text.contains(value) || lower.contains(value.toLowerCase(Locale.ROOT))) {
            found.add(needle + " in " + table.toUpperCase(Locale.ROOT) + "." + name.toUpperCase(Locale.ROOT));
          }
        });
      });
    }
    assertThat(read).as("character and binary columns scanned").isGreaterThan(100);
    return found.stream().distinct().toList();
  }

  static Object value(Map<String, Object> row, String key) {
    return row.containsKey(key) ? row.get(key) : row.get(key.toUpperCase(Locale.ROOT));
  }

  /** Every needle, and its bytes in hex (how a script writes binary values), in any letter case. */
  static List<String> inScript(String script, Map<String, String> needles) {
    String lower = script.toLowerCase(Locale.ROOT);
    List<String> found = new ArrayList<>();
    needles.forEach((needle, value) -> {
      String hex = HexFormat.of().formatHex(value.getBytes(StandardCharsets.UTF_8));
      if (lower.contains(value.toLowerCase(Locale.ROOT)) || lower.contains(hex)) {
        found.add(needle + " in the script");
      }
    });
    return found;
  }

  static HttpEntity<String> json(String body) {
    HttpHeaders headers = new HttpHeaders();
    headers.setContentType(MediaType.APPLICATION_JSON);
    return new HttpEntity<>(body, headers);
  }
}
