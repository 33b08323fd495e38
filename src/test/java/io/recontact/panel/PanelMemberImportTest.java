package io.recontact.panel;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.recontact.api.ApiContract;
import io.recontact.governance.erasure.Respondent;
import io.recontact.panel.PanelMember.Status;
import java.time.LocalDate;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.core.io.ByteArrayResource;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.util.LinkedMultiValueMap;

/** The member import as a client meets it: over HTTP, with HTTP Basic, against the real schema. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
class PanelMemberImportTest {

  static final String URL = "/api/panel/members";

  @Autowired
  TestRestTemplate http;

  @Autowired
  PanelMembers members;

  @Autowired
  org.springframework.jdbc.core.JdbcTemplate jdbc;

  /** A prefix per test: the context (and its database) is shared with other test classes. */
  final String p = "I" + UUID.randomUUID().toString().substring(0, 8) + "-";

  ResponseEntity<JsonNode> post(String body, String contentType) {
    return post(body, contentType, new HttpHeaders());
  }

  /** A body the OpenAPI document does not allow, sent on purpose: only the answer is checked against it. */
  ResponseEntity<JsonNode> postBad(String body, String contentType) {
    HttpHeaders headers = new HttpHeaders();
    headers.add(ApiContract.DELIBERATELY_BAD, "bad import body");
    return post(body, contentType, headers);
  }

  ResponseEntity<JsonNode> post(String body, String contentType, HttpHeaders headers) {
    headers.setContentType(MediaType.parseMediaType(contentType));
    return http.withBasicAuth("demo", "demo").postForEntity(URL, new HttpEntity<>(body, headers), JsonNode.class);
  }

  @Test
  void importsJson() {
    ResponseEntity<JsonNode> response = post("""
        [{"memberCode": "%1$s1001", "status": "ACTIVE", "birthDate": "1990-05-17", "postalCode": "10001",
          "answers": {"1001007": [2000246], "1001101": [2003456]}},
         {"memberCode": "%1$s1002", "status": "opted_out"}]
        """.formatted(p), "application/json");

    assertThat(response.getStatusCode()).isEqualTo(HttpStatus.OK);
    assertThat(response.getBody().get("imported").asInt()).isEqualTo(2);
    assertThat(response.getBody().get("updated").asInt()).isZero();
    assertThat(response.getBody().get("rejected").asInt()).isZero();
    assertThat(response.getBody().get("problems")).isEmpty();
    assertThat(members.find(p + "1001")).contains(new PanelMember(p + "1001", Status.ACTIVE,
        LocalDate.of(1990, 5, 17), "10001", Map.of(1001007L, Set.of(2000246L), 1001101L, Set.of(2003456L))));
    assertThat(members.find(p + "1001").orElseThrow().genderAnswerId()).isEqualTo(2000246L);
    assertThat(members.find(p + "1002").orElseThrow().status()).isEqualTo(Status.OPTED_OUT);
  }

  @Test
  void importsCsvAndAMultipartFile() {
    ResponseEntity<JsonNode> response = post("""
        memberCode,status,birthDate,postalCode,answers
        %1$sA,ACTIVE,1985-12-01,"SW1A 1AA",1001007=2000247;1001101=2003456|2003457
        %1$sB,SUSPENDED,,,
        """.formatted(p), "text/csv");

    assertThat(response.getStatusCode()).isEqualTo(HttpStatus.OK);
    assertThat(response.getBody().get("imported").asInt()).isEqualTo(2);
    assertThat(response.getBody().get("rejected").asInt()).isZero();
    PanelMember a = members.find(p + "A").orElseThrow();
    assertThat(a.postalCode()).isEqualTo("SW1A 1AA");
    assertThat(a.answers()).isEqualTo(Map.of(1001007L, Set.of(2000247L), 1001101L, Set.of(2003456L, 2003457L)));
    assertThat(members.find(p + "B").orElseThrow()).isEqualTo(new PanelMember(p + "B", Status.SUSPENDED, null,
        null, Map.of()));

    LinkedMultiValueMap<String, Object> form = new LinkedMultiValueMap<>();
    form.add("file", new ByteArrayResource(("memberCode,status\n" + p + "C,INACTIVE\n").getBytes()) {
      @Override
      public String getFilename() {
        return "members.csv";
      }
    });
    ResponseEntity<JsonNode> upload = http.withBasicAuth("demo", "demo").postForEntity(URL, form, JsonNode.class);
    assertThat(upload.getStatusCode()).isEqualTo(HttpStatus.OK);
    assertThat(upload.getBody().get("imported").asInt()).isEqualTo(1);
    assertThat(members.find(p + "C").orElseThrow().status()).isEqualTo(Status.INACTIVE);
  }

  @Test
  void badCsvRowsAreReportedByLineAndGoodRowsStillLand() {
    ResponseEntity<JsonNode> response = post("""
        memberCode,status,birthDate,postalCode,answers
        %1$s1,ACTIVE,1990-01-01,10001,1001007=2000246
        %1$s2,RETIRED,,,
        ,ACTIVE,,,

        %1$s3,ACTIVE,1990-02-30,,
        %1$s4,ACTIVE,,,1001007=abc
        %1$s1,INACTIVE,,,
        %1$s5,ACTIVE,,,1001101=2003456|2003457
        %1$s6,ACTIVE,,
        """.formatted(p), "text/csv");

    assertThat(response.getStatusCode()).isEqualTo(HttpStatus.OK);
    JsonNode body = response.getBody();
    assertThat(body.get("imported").asInt()).isEqualTo(2);
    assertThat(body.get("rejected").asInt()).isEqualTo(6);
    JsonNode problems = body.get("problems");
    assertThat(problems).extracting(n -> n.get("line").asInt()).containsExactly(3, 4, 6, 7, 8, 10);
    assertThat(problems.get(0).get("memberCode").asText()).isEqualTo(p + "2");
    assertThat(problems.get(0).get("reason").asText()).contains("unknown status 'RETIRED'");
    assertThat(problems.get(1).has("memberCode")).isFalse();
    assertThat(problems.get(1).get("reason").asText()).contains("member code is missing");
    assertThat(problems.get(2).get("reason").asText()).contains("bad birth date '1990-02-30'");
    assertThat(problems.get(3).get("reason").asText()).contains("malformed answers");
    assertThat(problems.get(4).get("reason").asText()).contains("duplicate member code").contains("line 2");
    assertThat(problems.get(5).get("reason").asText()).contains("expected 5 fields, got 4");
    assertThat(members.find(p + "1").orElseThrow().status()).isEqualTo(Status.ACTIVE);
    assertThat(members.find(p + "5")).isPresent();
    assertThat(members.find(p + "2")).isEmpty();
    assertThat(members.find(p + "3")).isEmpty();
  }

  @Test
  void badJsonElementsAreReportedByPosition() {
    ResponseEntity<JsonNode> response = postBad("""
        [{"memberCode": "%1$sok", "status": "ACTIVE"},
         {"memberCode": "%1$sx", "status": "ACTIVE", "answers": {"1001007": 2000246}},
         "not a member",
         {"memberCode": "%1$sy", "status": "ACTIVE", "answers": {"1001042": [10001]}}]
        """.formatted(p), "application/json");

    assertThat(response.getStatusCode()).isEqualTo(HttpStatus.OK);
    assertThat(response.getBody().get("imported").asInt()).isEqualTo(1);
    assertThat(response.getBody().get("problems")).extracting(n -> n.get("element").asInt())
        .containsExactly(2, 3, 4);
    assertThat(response.getBody().get("problems").get(2).get("reason").asText()).contains("postalCode");
  }

  @Test
  void importsEmailAddressesFromJsonAndReportsBadOnesByElement() {
    ResponseEntity<JsonNode> response = post("""
        [{"memberCode": "%1$sE1", "status": "ACTIVE", "email": " Ana@Panel.Example "},
         {"memberCode": "%1$sE2", "status": "ACTIVE", "email": "ana(at)panel.example"},
         {"memberCode": "%1$sE3", "status": "ACTIVE"}]
        """.formatted(p), "application/json");

    assertThat(response.getStatusCode()).isEqualTo(HttpStatus.OK);
    assertThat(response.getBody().get("imported").asInt()).isEqualTo(2);
    JsonNode problems = response.getBody().get("problems");
    assertThat(problems).hasSize(1);
    assertThat(problems.get(0).get("element").asInt()).isEqualTo(2);
    assertThat(problems.get(0).get("memberCode").asText()).isEqualTo(p + "E2");
    assertThat(problems.get(0).get("reason").asText()).contains("bad e-mail address 'ana(at)panel.example'");
    assertThat(members.find(p + "E1").orElseThrow().email()).isEqualTo("Ana@panel.example");
    assertThat(members.find(p + "E2")).isEmpty();
    assertThat(members.find(p + "E3").orElseThrow().email()).isNull();
  }

  @Test
  void importsAnEmailColumnFromCsvAndAMultipartFile() {
    ResponseEntity<JsonNode> response = post("""
        memberCode,email,status
        %1$sC1,c1@panel.example,ACTIVE
        %1$sC2,c2@panel,ACTIVE
        %1$sC3,,INACTIVE
        %1$sC4,"x@%2$s.example",ACTIVE
        """.formatted(p, "d".repeat(250)), "text/csv");

    assertThat(response.getStatusCode()).isEqualTo(HttpStatus.OK);
    assertThat(response.getBody().get("imported").asInt()).isEqualTo(2);
    JsonNode problems = response.getBody().get("problems");
    assertThat(problems).extracting(n -> n.get("line").asInt()).containsExactly(3, 5);
    assertThat(problems.get(0).get("reason").asText()).contains("bad e-mail address 'c2@panel'")
        .contains("domain");
    assertThat(problems.get(1).get("reason").asText()).contains("longer than 254 characters");
    assertThat(members.find(p + "C1").orElseThrow().email()).isEqualTo("c1@panel.example");
    assertThat(members.find(p + "C3").orElseThrow().email()).isNull();
    assertThat(members.find(p + "C2")).isEmpty();

    LinkedMultiValueMap<String, Object> form = new LinkedMultiValueMap<>();
    form.add("file", new ByteArrayResource(("memberCode,status,email\n" + p + "C5,ACTIVE,C5@PANEL.EXAMPLE\n")
        .getBytes()) {
      @Override
      public String getFilename() {
        return "members.csv";
      }
    });
    ResponseEntity<JsonNode> upload = http.withBasicAuth("demo", "demo").postForEntity(URL, form, JsonNode.class);
    assertThat(upload.getStatusCode()).isEqualTo(HttpStatus.OK);
    assertThat(members.find(p + "C5").orElseThrow().email()).isEqualTo("C5@panel.example");
  }

  @Test
  void importingAgainUpdatesTheMember() {
    post("""
        [{"memberCode": "%1$sM", "status": "ACTIVE", "postalCode": "10001",
          "answers": {"1001007": [2000246], "1001101": [2003456]}}]
        """.formatted(p), "application/json");

    ResponseEntity<JsonNode> again = post("""
        memberCode,status,birthDate,postalCode,answers
        %1$sM,OPTED_OUT,1970-07-07,90210,1001007=2000247
        %1$sN,ACTIVE,,,
        """.formatted(p), "text/csv");

    assertThat(again.getStatusCode()).isEqualTo(HttpStatus.OK);
    assertThat(again.getBody().get("imported").asInt()).isEqualTo(1);
    assertThat(again.getBody().get("updated").asInt()).isEqualTo(1);
    assertThat(members.find(p + "M")).contains(new PanelMember(p + "M", Status.OPTED_OUT,
        LocalDate.of(1970, 7, 7), "90210", Map.of(1001007L, Set.of(2000247L))));
  }

  @Test
  void nothingUsableIs400() {
    ResponseEntity<JsonNode> empty = postBad("", "application/json");
    assertThat(empty.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
    assertThat(empty.getBody().get("message").asText()).contains("empty");

    ResponseEntity<JsonNode> notAnArray = postBad("{\"memberCode\": \"x\"}", "application/json");
    assertThat(notAnArray.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);

    ResponseEntity<JsonNode> noHeader = post(p + "1,ACTIVE\n", "text/csv");
    assertThat(noHeader.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
    assertThat(noHeader.getBody().get("message").asText()).contains("header");

    ResponseEntity<JsonNode> allBad = post("memberCode,status\n" + p + "1,NOPE\n", "text/csv");
    assertThat(allBad.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
    assertThat(allBad.getBody().get("rejected").asInt()).isEqualTo(1);
    assertThat(allBad.getBody().get("problems").get(0).get("line").asInt()).isEqualTo(2);
    assertThat(members.find(p + "1")).isEmpty();
  }

  @Test
  void unknownContentTypeIs415() {
    assertThat(postBad("<members/>", "application/xml").getStatusCode())
        .isEqualTo(HttpStatus.UNSUPPORTED_MEDIA_TYPE);
  }

  @Test
  void requiresCredentials() {
    HttpHeaders headers = new HttpHeaders();
    headers.setContentType(MediaType.APPLICATION_JSON);
    String body = "[{\"memberCode\": \"" + p + "anon\", \"status\": \"ACTIVE\"}]";
    assertThat(http.postForEntity(URL, new HttpEntity<>(body, headers), String.class).getStatusCode())
        .isEqualTo(HttpStatus.UNAUTHORIZED);
    assertThat(members.find(p + "anon")).isEmpty();
  }

  @Test
  void anErasedMemberIsRefusedAsARowProblem() {
    jdbc.update("insert into erased_respondent (hash, marketplace, erased_at, erased_by) values (?, 'toluna', ?, "
        + "'test')", Respondent.hash("toluna", p + "GONE"), java.time.OffsetDateTime.now());
    ResponseEntity<JsonNode> response = post("""
        memberCode,status
        %1$sKEPT,ACTIVE
        %1$sGONE,ACTIVE
        """.formatted(p), "text/csv");

    assertThat(response.getStatusCode()).isEqualTo(HttpStatus.OK);
    assertThat(response.getBody().path("imported").asInt()).isEqualTo(1);
    assertThat(response.getBody().path("rejected").asInt()).isEqualTo(1);
    JsonNode problem = response.getBody().path("problems").get(0);
    assertThat(problem.path("line").asInt()).isEqualTo(3);
    assertThat(problem.path("reason").asText()).contains("was erased");
    assertThat(members.find(p + "GONE")).isEmpty();
    assertThat(members.find(p + "KEPT")).isPresent();

    ResponseEntity<JsonNode> json = post("[{\"memberCode\": \"" + p + "GONE\", \"status\": \"ACTIVE\"}]",
        "application/json");
    assertThat(json.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
    assertThat(json.getBody().path("problems").get(0).path("element").asInt()).isEqualTo(1);
  }
}
