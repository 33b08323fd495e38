package io.recontact.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;

/**
 * {@code POST <admin>/settings} of a simulator: every setting with a wrong type, out of range, and a field that is
 * no setting, each refused with 400 naming the field and nothing changed; valid values stored as sent. A subclass
 * names its simulator's admin path and gives the tables {@code refused()} (body, field, message fragment) and
 * {@code accepted()} (body, settings it leaves).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("simulator")
public abstract class AdminSettingsTestBase {

  protected static final ObjectMapper JSON = new ObjectMapper();
  final HttpClient http = HttpClient.newHttpClient();

  @LocalServerPort int port;

  protected record Answer(int status, JsonNode json) {
  }

  /** e.g. {@code /sandbox/cint/admin} */
  protected abstract String admin();

  /** A JSON body that is no object. */
  protected abstract String notAnObject();

  protected Answer post(String path, String body) throws Exception {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
        .header("Content-Type", "application/json")
        .POST(body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
    HttpResponse<String> answer = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    return new Answer(answer.statusCode(), answer.body().isBlank() ? null : JSON.readTree(answer.body()));
  }

  protected JsonNode settings() throws Exception {
    HttpResponse<String> state = http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port
        + admin() + "/state")).build(), HttpResponse.BodyHandlers.ofString());
    return JSON.readTree(state.body()).path("settings");
  }

  @BeforeEach
  void reset() throws Exception {
    post(admin() + "/reset", null);
  }

  @ParameterizedTest
  @MethodSource("refused")
  void aWrongSettingIs400NamingTheFieldAndChangesNothing(String body, String field, String message)
      throws Exception {
    JsonNode before = settings();
    Answer answer = post(admin() + "/settings", body);
    assertThat(answer.status()).as(body).isEqualTo(400);
    assertThat(answer.json().path("field").asText()).isEqualTo(field);
    assertThat(answer.json().path("error").asText()).startsWith(field).contains(message);
    assertThat(settings()).as("settings after " + body).isEqualTo(before);
  }

  @Test
  void aBodyThatIsNoObjectIs400() throws Exception {
    Answer answer = post(admin() + "/settings", notAnObject());
    assertThat(answer.status()).isEqualTo(400);
    assertThat(answer.json().path("error").asText()).contains("A JSON object of settings is required");
  }

  @ParameterizedTest
  @MethodSource("accepted")
  void aValidSettingIsStored(String body, String expected) throws Exception {
    Answer answer = post(admin() + "/settings", body);
    assertThat(answer.status()).as(body + ": " + answer.json()).isEqualTo(200);
    JsonNode settings = settings();
    assertThat(answer.json()).isEqualTo(settings);
    // As JSON text: the state writes longs, the expectation parses as ints.
    JSON.readTree(expected).fields().forEachRemaining(e -> assertThat(settings.path(e.getKey()).toString())
        .as(e.getKey()).isEqualTo(e.getValue().toString()));
  }
}
