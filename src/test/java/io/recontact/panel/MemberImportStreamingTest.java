package io.recontact.panel;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.test.context.ActiveProfiles;

/**
 * The streamed member import over several batches ({@link MemberImportSession#BATCH} rows each): a code repeated in
 * a later batch is still found, problems stay in body order, and the progress row readable over GET ends with the
 * answer's counts.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
class MemberImportStreamingTest {

  @Autowired
  TestRestTemplate http;

  final String p = "S" + UUID.randomUUID().toString().substring(0, 8) + "-";

  ResponseEntity<JsonNode> postCsv(String body) {
    HttpHeaders headers = new HttpHeaders();
    headers.setContentType(MediaType.parseMediaType("text/csv"));
    return http.withBasicAuth("demo", "demo").postForEntity("/api/panel/members", new HttpEntity<>(body, headers),
        JsonNode.class);
  }

  /** Rows on lines 2..rows+1; line {@code badLine} has an unknown status, line {@code repeatLine} repeats line 2. */
  String csv(int rows, int badLine, int repeatLine) {
    StringBuilder csv = new StringBuilder("memberCode,status\n");
    for (int line = 2; line <= rows + 1; line++) {
      String code = line == repeatLine ? p + 2 : p + line;
      csv.append(code).append(',').append(line == badLine ? "RETIRED" : "ACTIVE").append('\n');
    }
    return csv.toString();
  }

  @Test
  void aCodeRepeatedInALaterBatchIsADuplicateAndTheProgressRowEndsWithTheCounts() {
    int rows = 2 * MemberImportSession.BATCH + 500;
    ResponseEntity<JsonNode> answer = postCsv(csv(rows, 1_500, 2_402));

    assertThat(answer.getStatusCode()).isEqualTo(HttpStatus.OK);
    JsonNode body = answer.getBody();
    assertThat(body.path("imported").asLong()).isEqualTo(rows - 2);
    assertThat(body.path("rejected").asLong()).isEqualTo(2);
    assertThat(body.path("problems")).extracting(n -> n.path("line").asInt()).containsExactly(1_500, 2_402);
    assertThat(body.path("problems").get(1).path("reason").asText())
        .isEqualTo("duplicate member code in this import: already on line 2");
    assertThat(body.has("problemsTruncated")).isFalse();

    String id = body.path("importId").asText();
    JsonNode run = http.withBasicAuth("demo", "demo").getForObject("/api/panel/member-imports/" + id,
        JsonNode.class);
    assertThat(run.path("state").asText()).isEqualTo("DONE");
    assertThat(run.path("format").asText()).isEqualTo("csv");
    assertThat(run.path("rowsRead").asLong()).isEqualTo(rows);
    assertThat(run.path("imported").asLong()).isEqualTo(rows - 2);
    assertThat(run.path("updated").asLong()).isZero();
    assertThat(run.path("rejected").asLong()).isEqualTo(2);
    assertThat(run.path("finishedAt").isTextual()).isTrue();
    JsonNode recent = http.withBasicAuth("demo", "demo").getForObject("/api/panel/member-imports?limit=100",
        JsonNode.class);
    assertThat(recent).extracting(n -> n.path("importId").asText()).contains(id);

    // The same file again: every code is known (updated), and line 2,402 is again this import's duplicate.
    JsonNode again = postCsv(csv(rows, 1_500, 2_402)).getBody();
    assertThat(again.path("imported").asLong()).isZero();
    assertThat(again.path("updated").asLong()).isEqualTo(rows - 2);
    assertThat(again.path("rejected").asLong()).isEqualTo(2);
  }

  @Test
  void moreThanAThousandProblemsAreCountedAndTheFirstThousandListed() {
    int rows = MemberImportSession.MAX_LISTED_PROBLEMS + 200;
    StringBuilder csv = new StringBuilder("memberCode,status\n").append(p).append("ok,ACTIVE\n");
    for (int i = 0; i < rows; i++) {
      csv.append(p).append("bad").append(i).append(",RETIRED\n");
    }
    JsonNode body = postCsv(csv.toString()).getBody();
    assertThat(body.path("imported").asLong()).isEqualTo(1);
    assertThat(body.path("rejected").asLong()).isEqualTo(rows);
    assertThat(body.path("problems")).hasSize(MemberImportSession.MAX_LISTED_PROBLEMS);
    assertThat(body.path("problems").get(0).path("line").asInt()).isEqualTo(3);
    assertThat(body.path("problemsTruncated").asBoolean()).isTrue();
  }

  @Test
  void anUnknownImportIs404() {
    assertThat(http.withBasicAuth("demo", "demo").getForEntity("/api/panel/member-imports/nope", JsonNode.class)
        .getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
  }
}
