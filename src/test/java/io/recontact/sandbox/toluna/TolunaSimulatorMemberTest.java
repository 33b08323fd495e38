package io.recontact.sandbox.toluna;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.recontact.sandbox.seed.TolunaSandboxData;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;

/** Member Management v2 of the Toluna simulator over real HTTP: partial updates, validation, the 1000 ms rule. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("simulator")
class TolunaSimulatorMemberTest {

  static final ObjectMapper JSON = new ObjectMapper();
  static final String A = TolunaSandboxData.PANEL_A;
  static final String RESPONDENT = "/sandbox/toluna/IntegratedPanelService/api/Respondent";
  final HttpClient http = HttpClient.newHttpClient();

  @LocalServerPort int port;

  record Res(int status, JsonNode json) {}

  @BeforeEach
  void reset() throws Exception {
    send("POST", "/sandbox/toluna/admin/reset", null);
  }

  Res send(String method, String path, String body) throws Exception {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
        .header("Accept", "application/json;version=2.0").header("Content-Type", "application/json")
        .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
    HttpResponse<String> r = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    return new Res(r.statusCode(), r.body().isEmpty() ? null : JSON.readTree(r.body()));
  }

  Res spacing(long millis) throws Exception {
    return send("POST", "/sandbox/toluna/admin/settings", "{\"memberCallSpacingMillis\":" + millis + "}");
  }

  Res get(String code) throws Exception {
    return send("GET", RESPONDENT + "/?memberCode=" + code + "&partnerGUID=" + A, null);
  }

  static String body(String code, String fields) {
    return "{\"PartnerGUID\":\"" + A + "\",\"MemberCode\":\"" + code + "\"" + (fields.isEmpty() ? "" : "," + fields)
        + "}";
  }

  static String answers(JsonNode member) {
    StringBuilder out = new StringBuilder();
    member.path("RegistrationAnswers").forEach(q -> {
      out.append(q.path("QuestionID").asLong()).append('=');
      q.path("Answers").forEach(a -> out.append(a.path("AnswerID").asLong()).append(','));
      out.append(' ');
    });
    return out.toString().trim();
  }

  @Test
  void updateChangesOnlyWhatItSendsAndMergesAnswersByQuestion() throws Exception {
    spacing(0);
    assertThat(send("POST", RESPONDENT, body("M-1", "\"BirthDate\":\"6/21/1992\",\"PostalCode\":\"15235\","
        + "\"IsActive\":\"true\",\"RegistrationAnswers\":[{\"QuestionID\":1001007,\"Answers\":[{\"AnswerID\":2000247}]},"
        + "{\"QuestionID\":1012227,\"Answers\":[{\"AnswerID\":3055267},{\"AnswerID\":3055271}]}]")).status())
        .isEqualTo(201);

    assertThat(send("PUT", RESPONDENT, body("M-1", "\"IsActive\":\"false\",\"RegistrationAnswers\":"
        + "[{\"QuestionID\":1012227,\"Answers\":[{\"AnswerID\":3055268}]},"
        + "{\"QuestionID\":1001101,\"Answers\":[{\"AnswerID\":2002275}]}]")).status()).isEqualTo(200);

    JsonNode m = get("M-1").json();
    assertThat(m.path("IsActive").asBoolean(true)).isFalse();
    assertThat(m.path("IsActive").isBoolean()).isTrue();
    assertThat(m.path("BirthDate").asText()).isEqualTo("6/21/1992");
    assertThat(m.path("PostalCode").asText()).isEqualTo("15235");
    assertThat(m.path("IsTest").asBoolean(true)).isFalse();
    assertThat(answers(m)).isEqualTo("1001007=2000247, 1001101=2002275, 1012227=3055268,");
  }

  @Test
  void deprecatedAnsweredQuestionsAsThePostmanCollectionSendsThem() throws Exception {
    spacing(0);
    assertThat(send("POST", RESPONDENT, body("IP-V2-Test", "\"PostalCode\":\"\",\"BirthDate\":\"06/21/1985\","
        + "\"IsActive\":true,\"IsTest\":false,\"IsPIIDataRegulated\":false,\"AnsweredQuestions\":["
        + "{\"QuestionID\":1001007,\"AnswerID\":2000247},{\"QuestionID\":1001101,\"AnswerID\":2002275}]")).status())
        .isEqualTo(201);
    assertThat(send("PUT", RESPONDENT, body("IP-V2-Test", "\"AnsweredQuestions\":["
        + "{\"QuestionID\":1001101,\"AnswerID\":3050770},{\"QuestionID\":1001107,\"AnswerID\":2796394}]")).status())
        .isEqualTo(200);
    assertThat(answers(get("IP-V2-Test").json())).isEqualTo("1001007=2000247, 1001101=3050770, 1001107=2796394,");
  }

  @Test
  void invalidValuesAre400WithAMessageAndChangeNothing() throws Exception {
    spacing(0);
    assertThat(send("POST", RESPONDENT, body("M-2", "\"BirthDate\":\"1992-06-21\"")).status()).isEqualTo(201);
    List<String[]> refused = List.of(
        new String[] {"\"BirthDate\":\"21/06/1992\"", "BirthDate"},
        new String[] {"\"BirthDate\":\"1992-02-30\"", "BirthDate"},
        new String[] {"\"BirthDate\":19920621", "BirthDate"},
        new String[] {"\"IsActive\":\"yes\"", "IsActive"},
        new String[] {"\"IsTest\":1", "IsTest"},
        new String[] {"\"IsPIIDataRegulated\":\"\"", "IsPIIDataRegulated"},
        new String[] {"\"RegistrationAnswers\":[{\"QuestionID\":\"abc\",\"Answers\":[{\"AnswerID\":1}]}]", "QuestionID"},
        new String[] {"\"RegistrationAnswers\":[{\"QuestionID\":1001007,\"Answers\":[{\"AnswerID\":1.5}]}]", "AnswerID"},
        new String[] {"\"AnsweredQuestions\":[{\"QuestionID\":1001007,\"AnswerID\":\"x\"}]", "AnswerID"});
    for (String[] bad : refused) {
      Res put = send("PUT", RESPONDENT, body("M-2", bad[0]));
      assertThat(put.status()).as(bad[0]).isEqualTo(400);
      assertThat(put.json().path("Message").asText()).as(bad[0]).contains(bad[1]);
      Res post = send("POST", RESPONDENT, body("M-3", bad[0]));
      assertThat(post.status()).as(bad[0]).isEqualTo(400);
      assertThat(post.json().path("Message").asText()).as(bad[0]).contains(bad[1]);
    }
    assertThat(get("M-3").json().path("Message").asText()).startsWith("No member found");
    JsonNode unchanged = get("M-2").json();
    assertThat(unchanged.path("BirthDate").asText()).isEqualTo("1992-06-21");
    assertThat(unchanged.path("IsActive").asBoolean(false)).isTrue();

    for (String date : List.of("6/21/1992", "06/21/1992", "1992/6/21", "1992-06-21")) {
      assertThat(send("PUT", RESPONDENT, body("M-2", "\"BirthDate\":\"" + date + "\"")).status()).as(date)
          .isEqualTo(200);
    }
    assertThat(send("PUT", RESPONDENT, body("M-2", "\"IsTest\":\"TRUE\"")).status()).isEqualTo(200);
    assertThat(get("M-2").json().path("IsTest").asBoolean(false)).isTrue();
  }

  @Test
  void piiRegulatedMembersAreGoneForGetAndPut() throws Exception {
    spacing(0);
    send("POST", RESPONDENT, body("M-4", ""));
    assertThat(send("PUT", RESPONDENT, body("M-4", "\"IsPIIDataRegulated\":true")).status()).isEqualTo(200);
    assertThat(get("M-4").status()).isEqualTo(400);
    assertThat(send("PUT", RESPONDENT, body("M-4", "\"IsActive\":false")).status()).isEqualTo(404);
    assertThat(send("POST", RESPONDENT, body("M-4", "")).status()).isEqualTo(409);
  }

  @Test
  void callsForOneMemberCodeMustBeSpacedByTheSetting() throws Exception {
    JsonNode settings = send("GET", "/sandbox/toluna/admin/state", null).json().path("settings");
    assertThat(settings.path("memberCallSpacingMillis").asLong()).isEqualTo(1000);

    assertThat(spacing(60_000).json().path("memberCallSpacingMillis").asLong()).isEqualTo(60_000);
    assertThat(send("POST", RESPONDENT, body("S-1", "")).status()).isEqualTo(201);
    Res refused = get("S-1");
    assertThat(refused.status()).isEqualTo(400);
    assertThat(refused.json().path("Message").asText())
        .startsWith("Calls for member code S-1 must be at least 60000 ms apart");
    assertThat(send("PUT", RESPONDENT, body("S-1", "\"IsTest\":true")).status()).isEqualTo(400);
    // another member code has its own window
    assertThat(send("POST", RESPONDENT, body("S-2", "")).status()).isEqualTo(201);

    spacing(200); // a new setting starts with no remembered calls
    assertThat(get("S-1").status()).isEqualTo(200);
    Thread.sleep(300);
    assertThat(get("S-1").status()).isEqualTo(200);

    assertThat(spacing(-1).status()).isEqualTo(400);
    assertThat(spacing(-1).json().path("error").asText()).contains("memberCallSpacingMillis");
    send("POST", "/sandbox/toluna/admin/reset", null);
    assertThat(send("GET", "/sandbox/toluna/admin/state", null).json().path("settings")
        .path("memberCallSpacingMillis").asLong()).isEqualTo(1000);
  }
}
