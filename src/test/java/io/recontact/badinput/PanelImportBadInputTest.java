package io.recontact.badinput;

import static io.recontact.badinput.BadInputRows.assertAnswer;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import io.recontact.api.ApiContract;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.ActiveProfiles;

/**
 * Rows B105–B109 of the "Bad input" table (docs/bad-input.md): member codes with non-printable characters and the
 * streamed member import's limits (a line too long, a JSON body that breaks off).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
class PanelImportBadInputTest {

  static final String URL = "/api/panel/members";

  @LocalServerPort int port;
  @Autowired JdbcTemplate jdbc;
  BadInputHttp http;

  @BeforeEach
  void setUp() {
    http = new BadInputHttp(port);
  }

  long members(String like) {
    return jdbc.queryForObject("select count(*) from panel_member where member_code like ?", Long.class, like);
  }

  long members() {
    return jdbc.queryForObject("select count(*) from panel_member", Long.class);
  }

  @Test
  void b105_panelCodeWithAControlCharacter() {
    long before = members();
    assertAnswer("B105", http.post(URL, "application/json",
        "[{\"memberCode\":\"BI-\\u0007X\",\"status\":\"ACTIVE\"}]".getBytes(UTF_8)));
    assertThat(members()).as("nothing stored").isEqualTo(before);
  }

  @Test
  void b106_panelCodeWithAZeroWidthSpace() {
    long before = members();
    assertAnswer("B106", http.post(URL, "text/csv", "memberCode,status\nBI-\u200BY,ACTIVE\n".getBytes(UTF_8)));
    assertThat(members()).as("nothing stored").isEqualTo(before);
  }

  @Test
  void b107_panelTabInsideACodeIsTheRowsProblem() {
    String csv = "memberCode,status\nBI-107A,ACTIVE\nBI-\t107B,ACTIVE\nBI-107C,ACTIVE\n";
    BadInputHttp.Answer answer = http.post(URL, "text/csv", csv.getBytes(UTF_8));
    assertAnswer("B107", answer);
    assertThat(answer.body()).contains("\"line\":3").contains("U+0009 (a control character) at position 4")
        .contains("\"memberCode\":\"BI-\\\\u0009107B\"");
    assertThat(members("BI-107%")).as("the good rows stored, the bad one refused").isEqualTo(2);
    jdbc.update("delete from panel_member where member_code like 'BI-107%'");
  }

  @Test
  void b108_panelLineTooLong() {
    long before = members();
    String csv = "memberCode,status\nBI-108," + "A".repeat(100_000) + "\n";
    assertAnswer("B108", http.post(URL, "text/csv", csv.getBytes(UTF_8)));
    assertThat(members()).as("nothing stored").isEqualTo(before);
  }

  @Test
  void b109_panelJsonBreaksOffAfterAGoodElement() {
    String json = "[{\"memberCode\":\"BI-109A\",\"status\":\"ACTIVE\"},{\"memberCode\":\"BI-109B\",\"sta";
    BadInputHttp.Answer answer = http.post(URL, "application/json", json.getBytes(UTF_8), BadInputHttp.DEMO,
        Map.of(ApiContract.DELIBERATELY_BAD, "a body cut off"));
    assertAnswer("B109", answer);
    assertThat(answer.body()).as("the answer says what was stored").contains("\"imported\":1");
    assertThat(members("BI-109%")).as("the element before the break is stored, nothing after it").isEqualTo(1);
    jdbc.update("delete from panel_member where member_code like 'BI-109%'");
  }
}
