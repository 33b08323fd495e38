package io.recontact.panel;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
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

/** Reading the member directory over HTTP: one member, pages in code order, 404 and 400 bodies. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
class PanelDirectoryApiTest {

  static final ObjectMapper JSON = new ObjectMapper();

  @Autowired
  TestRestTemplate http;

  @Autowired
  JdbcTemplate jdbc;

  final String prefix = "DIR-" + UUID.randomUUID() + "-";

  @AfterEach
  void removeMembers() {
    jdbc.update("delete from panel_member_answer where member_code like ?", prefix + "%");
    jdbc.update("delete from panel_member where member_code like ?", prefix + "%");
  }

  @Test
  void readsOneMemberAndPagesInCodeOrder() throws Exception {
    HttpHeaders headers = new HttpHeaders();
    headers.setContentType(MediaType.APPLICATION_JSON);
    ResponseEntity<String> imported = http.withBasicAuth("demo", "demo").postForEntity("/api/panel/members",
        new HttpEntity<>("[{\"memberCode\": \"" + prefix + "B\", \"status\": \"ACTIVE\", \"birthDate\": "
            + "\"1990-04-01\", \"postalCode\": \"1011 AB\", \"email\": \"b@example.com\", \"answers\": "
            + "{\"1001007\": [1]}}, {\"memberCode\": \"" + prefix + "A\", \"status\": \"OPTED_OUT\"}]", headers),
        String.class);
    assertThat(imported.getStatusCode().value()).as(imported.getBody()).isEqualTo(200);

    JsonNode member = http.withBasicAuth("demo", "demo").getForObject("/api/panel/members/" + prefix + "B",
        JsonNode.class);
    assertThat(member.path("status").asText()).isEqualTo("ACTIVE");
    assertThat(member.path("birthDate").asText()).isEqualTo("1990-04-01");
    assertThat(member.path("email").asText()).isEqualTo("b@example.com");
    assertThat(member.path("answers").path("1001007").get(0).asLong()).isEqualTo(1);

    long total = jdbc.queryForObject("select count(*) from panel_member", Long.class);
    long before = jdbc.queryForObject("select count(*) from panel_member where member_code < ?", Long.class,
        prefix + "A");
    JsonNode page = http.withBasicAuth("demo", "demo").getForObject("/api/panel/members?size=1&page=" + before,
        JsonNode.class);
    assertThat(page.path("total").asLong()).isEqualTo(total);
    assertThat(page.path("items").findValuesAsText("memberCode")).containsExactly(prefix + "A");
    JsonNode next = http.withBasicAuth("demo", "demo").getForObject("/api/panel/members?size=1&page="
        + (before + 1), JsonNode.class);
    assertThat(next.path("items").findValuesAsText("memberCode")).containsExactly(prefix + "B");

    ResponseEntity<String> unknown = http.withBasicAuth("demo", "demo").getForEntity("/api/panel/members/"
        + prefix + "nobody", String.class);
    assertThat(unknown.getStatusCode().value()).isEqualTo(404);
    assertThat(JSON.readTree(unknown.getBody()).path("message").asText()).contains(prefix + "nobody");
    ResponseEntity<String> bad = http.withBasicAuth("demo", "demo").getForEntity("/api/panel/members?size=0&page=x",
        String.class);
    assertThat(bad.getStatusCode().value()).isEqualTo(400);
    assertThat(JSON.readTree(bad.getBody()).path("problems").toString()).contains("size must be a whole number "
        + "from 1 to 100").contains("page must be");
  }
}
