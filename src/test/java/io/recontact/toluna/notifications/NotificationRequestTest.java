package io.recontact.toluna.notifications;

import static io.recontact.toluna.notifications.NotificationFixture.TOKEN;
import static io.recontact.toluna.notifications.NotificationFixture.newId;
import static io.recontact.toluna.notifications.NotificationFixture.newPanel;
import static io.recontact.toluna.notifications.NotificationFixture.status;
import static org.assertj.core.api.Assertions.assertThat;

import io.recontact.api.ApiContract;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.ActiveProfiles;

/** What the notification endpoints refuse, and that only they are exempt from HTTP Basic. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
class NotificationRequestTest {

  static final String QUOTA_STATUS = "/api/toluna/notifications/quota-status?token=" + TOKEN;
  static final String VALID = status(123, 456, false, "2026-03-01 10:00:00.50 +00:00");

  @LocalServerPort int port;
  @Autowired JdbcTemplate jdbc;
  NotificationFixture n;

  @BeforeEach
  void setUp() {
    n = new NotificationFixture(port, jdbc);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', value = {
      "not JSON           | {QuotaID: 1                                                        | not valid JSON",
      "array              | [1, 2]                                                              | JSON object",
      "missing QuotaID    | {`SurveyID`: 1, `IsLive`: true, `UpdateDateTimeUTC`: `2026-03-01 10:00:00`} | QuotaID is missing",
      "QuotaID text       | {`QuotaID`: `abc`, `SurveyID`: 1, `IsLive`: true, `UpdateDateTimeUTC`: `2026-03-01 10:00:00`} | QuotaID must be a positive integer",
      "QuotaID fraction   | {`QuotaID`: 1.5, `SurveyID`: 1, `IsLive`: true, `UpdateDateTimeUTC`: `2026-03-01 10:00:00`} | QuotaID must be a positive integer",
      "missing SurveyID   | {`QuotaID`: 1, `IsLive`: true, `UpdateDateTimeUTC`: `2026-03-01 10:00:00`} | SurveyID is missing",
      "IsLive maybe       | {`QuotaID`: 1, `SurveyID`: 1, `IsLive`: `maybe`, `UpdateDateTimeUTC`: `2026-03-01 10:00:00`} | IsLive must be true or false",
      "IsLive missing     | {`QuotaID`: 1, `SurveyID`: 1, `UpdateDateTimeUTC`: `2026-03-01 10:00:00`} | IsLive is missing",
      "bad date           | {`QuotaID`: 1, `SurveyID`: 1, `IsLive`: true, `UpdateDateTimeUTC`: `22/10/2018 19:58`} | UpdateDateTimeUTC must be a UTC timestamp",
      "impossible date    | {`QuotaID`: 1, `SurveyID`: 1, `IsLive`: true, `UpdateDateTimeUTC`: `2018-02-30 19:58:42 +00:00`} | UpdateDateTimeUTC must be a UTC timestamp",
      "date missing       | {`QuotaID`: 1, `SurveyID`: 1, `IsLive`: true}                       | UpdateDateTimeUTC is missing",
      "duplicate names    | {`QuotaID`: 1, `quotaid`: 2, `SurveyID`: 1, `IsLive`: true, `UpdateDateTimeUTC`: `2026-03-01 10:00:00`} | appears more than once"})
  void malformedQuotaStatusIs400NamingTheProblem(String name, String body, String message) throws Exception {
    var answer = n.post(QUOTA_STATUS, "application/json", body.replace('`', '"'));
    assertThat(answer.status()).isEqualTo(400);
    assertThat(answer.contentType()).startsWith("application/json");
    assertThat(answer.json().get("message").asText()).contains(message);
  }

  @Test
  void emptyBodyIs400() throws Exception {
    var answer = n.post(QUOTA_STATUS, "application/json", "");
    assertThat(answer.status()).isEqualTo(400);
    assertThat(answer.json().get("message").asText()).contains("empty");
    assertThat(n.post(QUOTA_STATUS, null, null).status()).isEqualTo(400);
  }

  @Test
  void wrongContentTypeIs415() throws Exception {
    var xml = n.post(QUOTA_STATUS, "application/xml", "<quota><QuotaID>1</QuotaID></quota>");
    assertThat(xml.status()).isEqualTo(415);
    assertThat(xml.json().get("message").asText()).contains("application/xml").contains("application/json");
    assertThat(n.post(QUOTA_STATUS, "text/plain", VALID).status()).isEqualTo(415);
    assertThat(n.post(QUOTA_STATUS, "application/x-www-form-urlencoded", "QuotaID=1").status()).isEqualTo(415);
  }

  @Test
  void bodyOver64KbIs400() throws Exception {
    String huge = "{\"QuotaID\": 1, \"padding\": \"" + "x".repeat(70_000) + "\"}";
    var answer = n.post(QUOTA_STATUS, "application/json", huge);
    assertThat(answer.status()).isEqualTo(400);
    assertThat(answer.json().get("message").asText()).contains("larger than 65536 bytes");
  }

  @Test
  void malformedSurveyClosedIs400() throws Exception {
    String path = "/api/toluna/notifications/survey-closed?token=" + TOKEN;
    assertThat(n.post(path, "application/json", "{\"DateTime\": \"2026-03-02 16:06:27\"}").json().get("message")
        .asText()).contains("SurveyID is missing");
    assertThat(n.post(path, "application/json", "{\"SurveyID\": 9, \"DateTime\": \"yesterday\"}").json()
        .get("message").asText()).contains("DateTime must be a UTC timestamp");
    var open = n.post(path, "application/json", "{\"SurveyID\": 9, \"Status\": \"Open\", \"DateTime\": "
        + "\"2026-03-02 16:06:27\"}");
    assertThat(open.status()).isEqualTo(400);
    assertThat(open.json().get("message").asText()).contains("Status must be \"Closed\"");
  }

  @Test
  void missingOrWrongTokenIs401AndChangesNothing() throws Exception {
    String panel = newPanel();
    long quota = newId();
    n.insertQuota(panel, quota, 456, true, null);
    String body = status(quota, 456, false, "2026-03-01 10:00:00.50 +00:00");
    String path = "/api/toluna/notifications/quota-status";

    var missing = n.post(path, "application/json", body);
    assertThat(missing.status()).isEqualTo(401);
    assertThat(missing.json().get("message").asText()).contains("token");
    assertThat(n.post(path + "?token=wrong", "application/json", body).status()).isEqualTo(401);
    assertThat(n.post(path + "?token=" + TOKEN + "x", "application/json", body).status()).isEqualTo(401);
    assertThat(n.send(path, "application/json", body, "wrong").status()).isEqualTo(401);
    assertThat(n.post("/api/toluna/notifications/survey-closed", "application/json", "{}").status()).isEqualTo(401);
    // HTTP Basic is no substitute for the token.
    assertThat(basic("POST", path, body).statusCode()).isEqualTo(401);
    assertThat(n.live(panel, quota)).isTrue();
    assertThat(n.outcomes(quota, 456)).isEmpty();

    assertThat(n.send(path, "application/json", body, TOKEN).json().get("outcome").asText()).isEqualTo("APPLIED");
    assertThat(n.live(panel, quota)).isFalse();
  }

  @Test
  void everyOtherApiPathStillNeedsBasicAuth() throws Exception {
    HttpClient http = HttpClient.newHttpClient();
    HttpResponse<String> anonymous = checked(http, HttpRequest.newBuilder(uri("/api/panel/members"))
        .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString("[]")).build(), "[]");
    assertThat(anonymous.statusCode()).isEqualTo(401);
    // The exemption judges the normalised path: a dot segment cannot smuggle a request past Basic auth.
    HttpResponse<String> dotted = checked(http, HttpRequest.newBuilder(
        uri("/api/toluna/notifications/../../panel/members")).header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString("[]")).build(), "[]");
    assertThat(dotted.statusCode()).isEqualTo(401);
    assertThat(basic("POST", "/api/panel/members", "[]").statusCode()).isEqualTo(400);
  }

  private URI uri(String path) {
    return URI.create("http://localhost:" + port + path);
  }

  private HttpResponse<String> basic(String method, String path, String body) throws Exception {
    String credentials = Base64.getEncoder().encodeToString("demo:demo".getBytes(StandardCharsets.UTF_8));
    return checked(HttpClient.newHttpClient(), HttpRequest.newBuilder(uri(path))
        .header("Authorization", "Basic " + credentials).header("Content-Type", "application/json")
        .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body))
        .build(), body);
  }

  /** Sends and checks the /api exchange against the OpenAPI document. */
  private static HttpResponse<String> checked(HttpClient http, HttpRequest request, String body) throws Exception {
    HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
    ApiContract.checkRaw(request, body == null ? null : body.getBytes(StandardCharsets.UTF_8), response);
    return response;
  }
}
