package io.recontact.badinput;

import static io.recontact.badinput.BadInputRows.assertAnswer;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import io.recontact.badinput.BadInputHttp.Answer;
import io.recontact.badinput.BadInputHttp.Part;
import io.recontact.cint.recontact.CintRecontactIntegrationTest;
import java.util.UUID;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import org.camunda.bpm.engine.ProcessEngine;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.ActiveProfiles;

/** Rows B80–B89 of the "Bad input" table (docs/bad-input.md): the do-not-contact list and contact histories. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
class GovernanceBadInputTest {

  static final String SUPPRESSIONS = "/api/suppressions";

  @LocalServerPort int port;
  @Autowired JdbcTemplate jdbc;
  @Autowired ProcessEngine engine;
  BadInputHttp http;
  final String prefix = "BAD-" + UUID.randomUUID() + "-";

  @BeforeEach
  void setUp() {
    http = new BadInputHttp(port);
  }

  @AfterEach
  void cleanUp() {
    jdbc.update("delete from respondent_suppression where respondent_id like ?", prefix + "%");
    jdbc.update("delete from panel_member where member_code like ?", prefix + "%");
  }

  long suppressions() {
    return jdbc.queryForObject("select count(*) from respondent_suppression", Long.class);
  }

  void refused(String id, Supplier<Answer> call, LongSupplier... probes) {
    long[] before = new long[probes.length];
    for (int i = 0; i < probes.length; i++) {
      before[i] = probes[i].getAsLong();
    }
    assertAnswer(id, call.get());
    for (int i = 0; i < probes.length; i++) {
      assertThat(probes[i].getAsLong()).as(id + ": nothing changed (probe " + i + ")").isEqualTo(before[i]);
    }
  }

  Answer add(String marketplace, String id, String reasonField) {
    return http.json(SUPPRESSIONS, "{\"marketplace\": \"" + marketplace + "\", \"id\": \"" + id + "\""
        + reasonField + "}");
  }

  Answer csv(String body) {
    return http.post(SUPPRESSIONS + "/import", "text/csv", body.getBytes(UTF_8));
  }

  @Test
  void b80_suppressionOfAnUnknownMarketplace() {
    refused("B80", () -> add("amazon", prefix + "1", ", \"reason\": \"x\""), this::suppressions);
  }

  @Test
  void b81_suppressionWithoutReason() {
    refused("B81", () -> add("toluna", prefix + "1", ""), this::suppressions);
  }

  @Test
  void b82_suppressionOfAnOverlongId() {
    refused("B82", () -> add("toluna", prefix + "x".repeat(300), ", \"reason\": \"x\""), this::suppressions);
  }

  @Test
  void b83_removingADirectoryOptOut() {
    String member = prefix + "opted-out";
    assertThat(http.json("/api/panel/members", "[{\"memberCode\": \"" + member + "\", \"status\": \"OPTED_OUT\"}]")
        .status()).isEqualTo(200);
    refused("B83", () -> http.exchange("DELETE", SUPPRESSIONS + "/toluna/" + member), this::suppressions);
  }

  @Test
  void b84_removingWhatIsNotOnTheList() {
    refused("B84", () -> http.exchange("DELETE", SUPPRESSIONS + "/cint/" + UUID.randomUUID()), this::suppressions);
  }

  @Test
  void b85_listPageOfSizeZero() {
    refused("B85", () -> http.exchange("GET", SUPPRESSIONS + "?size=0"));
  }

  @Test
  void b86_importWithAnUnknownColumn() {
    refused("B86", () -> csv("email,reason\r\nana@mail.example,asked\r\n"), this::suppressions);
  }

  @Test
  void b87_importWhoseEveryRowIsBad() {
    refused("B87", () -> csv("marketplace,id,reason\r\nmturk," + prefix + "1,x\r\ntoluna,,x\r\n"),
        this::suppressions);
  }

  @Test
  void b88_historyOfAnUnknownMarketplace() {
    refused("B88", () -> http.exchange("GET", "/api/respondents/mturk/" + prefix + "1/contacts"));
  }

  @Test
  void b89_recontactWhoseEveryRsidIsSuppressed() {
    String rsid = UUID.randomUUID().toString();
    assertThat(add("cint", rsid, ", \"reason\": \"complaint\"").status()).isEqualTo(201);
    try {
      refused("B89", () -> http.multipart("/api/cint/recontacts", Part.json("request",
          CintRecontactIntegrationTest.request(2, true, "https://survey.example.com/?rsid=[%RECONTACT_RSID%]")),
          Part.file("ids.csv", (rsid.toUpperCase() + "\n").getBytes(UTF_8))),
          () -> engine.getHistoryService().createHistoricProcessInstanceQuery().processDefinitionKey("cintRecontact")
              .count(), () -> jdbc.queryForObject("select count(*) from respondent_file", Long.class));
    } finally {
      jdbc.update("delete from respondent_suppression where respondent_id = ?", rsid);
    }
  }
}
