package io.recontact.sandbox.toluna;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;

/**
 * {@code POST /sandbox/toluna/admin/settings}: every setting with a wrong type, out of range, and a field that is no
 * setting, each refused with 400 naming the field and nothing changed; valid values stored as sent.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("simulator")
class TolunaSimulatorSettingsTest {

  static final ObjectMapper JSON = new ObjectMapper();
  final HttpClient http = HttpClient.newHttpClient();

  @LocalServerPort int port;

  record Answer(int status, JsonNode json) {
  }

  Answer post(String path, String body) throws Exception {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
        .header("Content-Type", "application/json")
        .POST(body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
    HttpResponse<String> answer = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    return new Answer(answer.statusCode(), answer.body().isBlank() ? null : JSON.readTree(answer.body()));
  }

  JsonNode settings() throws Exception {
    HttpResponse<String> state = http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port
        + "/sandbox/toluna/admin/state")).build(), HttpResponse.BodyHandlers.ofString());
    return JSON.readTree(state.body()).path("settings");
  }

  @BeforeEach
  void reset() throws Exception {
    post("/sandbox/toluna/admin/reset", null);
  }

  /** Body, the field the 400 names, a fragment of its message. */
  static Stream<Arguments> refused() {
    return Stream.of(
        Arguments.of("{\"notificationUrl\": 5}", "notificationUrl", "must be \"\" (none) or an http or https URL"),
        Arguments.of("{\"notificationUrl\": \"127.0.0.1:9999/n\"}", "notificationUrl", "http or https URL"),
        Arguments.of("{\"notificationUrl\": \"ftp://127.0.0.1/n\"}", "notificationUrl", "http or https URL"),
        Arguments.of("{\"notificationUrl\": null}", "notificationUrl", "http or https URL"),
        Arguments.of("{\"surveyClosedUrl\": [\"http://127.0.0.1/c\"]}", "surveyClosedUrl", "http or https URL"),
        Arguments.of("{\"surveyClosedUrl\": \"http://\"}", "surveyClosedUrl", "http or https URL"),
        Arguments.of("{\"notificationRetries\": \"3\"}", "notificationRetries", "must be a whole number from 0 to 20"),
        Arguments.of("{\"notificationRetries\": 21}", "notificationRetries", "not 21"),
        Arguments.of("{\"notificationRetries\": -1}", "notificationRetries", "not -1"),
        Arguments.of("{\"notificationRetries\": 2.5}", "notificationRetries", "not 2.5"),
        Arguments.of("{\"notificationBackoffMillis\": \"100ms\"}", "notificationBackoffMillis",
            "whole number from 0 to 86400000"),
        Arguments.of("{\"notificationBackoffMillis\": -100}", "notificationBackoffMillis", "not -100"),
        Arguments.of("{\"notificationTimeoutMillis\": 0}", "notificationTimeoutMillis",
            "whole number from 1 to 600000, not 0"),
        Arguments.of("{\"notificationTimeoutMillis\": true}", "notificationTimeoutMillis", "whole number"),
        Arguments.of("{\"memberCallSpacingMillis\": -1}", "memberCallSpacingMillis",
            "whole number from 0 to 86400000, not -1"),
        Arguments.of("{\"memberCallSpacingMillis\": \"1s\"}", "memberCallSpacingMillis", "whole number"),
        Arguments.of("{\"memberCallSpacing\": 1000}", "memberCallSpacing",
            "memberCallSpacing is not a setting; settings: ["),
        // a good value next to a bad one: nothing of the body is applied
        Arguments.of("{\"memberCallSpacingMillis\": 5, \"notificationRetries\": 99}", "notificationRetries",
            "not 99"),
        Arguments.of("{\"notificationRetries\": 2, \"retries\": 2}", "retries", "is not a setting"));
  }

  @ParameterizedTest
  @MethodSource("refused")
  void aWrongSettingIs400NamingTheFieldAndChangesNothing(String body, String field, String message)
      throws Exception {
    JsonNode before = settings();
    Answer answer = post("/sandbox/toluna/admin/settings", body);
    assertThat(answer.status()).as(body).isEqualTo(400);
    assertThat(answer.json().path("field").asText()).isEqualTo(field);
    assertThat(answer.json().path("error").asText()).startsWith(field).contains(message);
    assertThat(settings()).as("settings after " + body).isEqualTo(before);
  }

  @Test
  void aBodyThatIsNoObjectIs400() throws Exception {
    Answer answer = post("/sandbox/toluna/admin/settings", "\"memberCallSpacingMillis\"");
    assertThat(answer.status()).isEqualTo(400);
    assertThat(answer.json().path("error").asText()).contains("A JSON object of settings is required");
  }

  /** Body, then the settings it leaves, as the state shows them. */
  static Stream<Arguments> accepted() {
    return Stream.of(
        Arguments.of("{\"notificationUrl\": \"http://127.0.0.1:9999/n\", \"surveyClosedUrl\": "
            + "\"https://partner.example.com/c\"}", "{\"notificationUrl\": \"http://127.0.0.1:9999/n\", "
            + "\"surveyClosedUrl\": \"https://partner.example.com/c\"}"),
        Arguments.of("{\"notificationUrl\": \"\", \"surveyClosedUrl\": \" \"}",
            "{\"notificationUrl\": \"\", \"surveyClosedUrl\": \"\"}"),
        Arguments.of("{\"notificationRetries\": 0, \"notificationBackoffMillis\": 0, \"notificationTimeoutMillis\": 1}",
            "{\"notificationRetries\": 0, \"notificationBackoffMillis\": 0, \"notificationTimeoutMillis\": 1}"),
        Arguments.of("{\"notificationRetries\": 20, \"notificationBackoffMillis\": 100, "
            + "\"notificationTimeoutMillis\": 600000}", "{\"notificationRetries\": 20, "
            + "\"notificationBackoffMillis\": 100, \"notificationTimeoutMillis\": 600000}"),
        Arguments.of("{\"memberCallSpacingMillis\": 0}", "{\"memberCallSpacingMillis\": 0}"),
        Arguments.of("{\"memberCallSpacingMillis\": 60000}", "{\"memberCallSpacingMillis\": 60000}"),
        Arguments.of("{}", "{}"));
  }

  @ParameterizedTest
  @MethodSource("accepted")
  void aValidSettingIsStored(String body, String expected) throws Exception {
    Answer answer = post("/sandbox/toluna/admin/settings", body);
    assertThat(answer.status()).as(body + ": " + answer.json()).isEqualTo(200);
    JsonNode settings = settings();
    assertThat(answer.json()).isEqualTo(settings);
    // As JSON text: the state writes longs, the expectation parses as ints.
    JSON.readTree(expected).fields().forEachRemaining(e -> assertThat(settings.path(e.getKey()).toString())
        .as(e.getKey()).isEqualTo(e.getValue().toString()));
  }
}
