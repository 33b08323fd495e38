package io.recontact.api;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.test.context.ActiveProfiles;

/** The contract check itself: it catches drift in answers and requests, and the TestRestTemplate runs it. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
class ApiContractTest {

  static final String BOUNDARY = "contract-test";
  static final String STARTED = "{\"processInstanceId\":\"p-1\",\"businessKey\":\"rc-1\","
      + "\"status\":\"/api/cint/recontacts/p-1\",\"file\":{\"name\":\"ids.csv\",\"lines\":2,\"accepted\":2,"
      + "\"duplicates\":0,\"blank\":0,\"invalid\":0,\"headerDetected\":false,\"suppressed\":0,\"capped\":0}}";

  @LocalServerPort int port;
  @Autowired TestRestTemplate http;

  ApiContract contract() {
    return ApiContract.of(URI.create("http://localhost:" + port));
  }

  ApiContract.Exchange start(String multipart, int status, String answer) {
    return new ApiContract.Exchange("POST", URI.create("http://localhost:" + port + "/api/cint/recontacts"),
        Map.of("Content-Type", List.of("multipart/form-data; boundary=" + BOUNDARY),
            "Authorization", List.of(ApiContract.DEMO)), multipart.getBytes(UTF_8), status,
        Map.of("Content-Type", List.of("application/json")), answer.getBytes(UTF_8));
  }

  static String parts(String requestType, String request, boolean withFile) {
    return "--" + BOUNDARY + "\r\nContent-Disposition: form-data; name=\"request\"\r\nContent-Type: " + requestType
        + "\r\n\r\n" + request + "\r\n"
        + (withFile ? "--" + BOUNDARY + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"ids.csv\"\r\n"
            + "Content-Type: text/csv\r\n\r\na\r\nb\r\n" : "")
        + "--" + BOUNDARY + "--\r\n";
  }

  @Test
  void aDocumentedExchangePasses() {
    assertThatCode(() -> contract().check(start(parts("application/json", "{\"accountId\":101}", true), 201,
        STARTED), true)).doesNotThrowAnyException();
  }

  @Test
  void answersThatDriftFail() {
    String valid = parts("application/json", "{\"accountId\":101}", true);
    assertThatThrownBy(() -> contract().check(start(valid, 201, STARTED.replace("\"businessKey\":\"rc-1\",", "")),
        true)).hasMessageContaining("businessKey");
    assertThatThrownBy(() -> contract().check(start(valid, 201, STARTED.replace("{\"processInstanceId\"",
        "{\"undocumented\":1,\"processInstanceId\"")), true)).hasMessageContaining("undocumented");
    assertThatThrownBy(() -> contract().check(start(valid, 418, "{\"message\":\"teapot\"}"), true))
        .hasMessageContaining("418");
    assertThatThrownBy(() -> contract().check(start(valid, 400, "{\"problems\":[]}"), true))
        .as("an error answer without its message").hasMessageContaining("message");
  }

  @Test
  void multipartPartsAreCheckedOneByOne() {
    assertThatThrownBy(() -> contract().check(start(parts("application/json", "{\"accountId\":101}", false), 201,
        STARTED), true)).hasMessageContaining("required part 'file' is missing");
    assertThatThrownBy(() -> contract().check(start(parts("application/json", "{\"accountId\":\"abc\"}", true), 201,
        STARTED), true)).hasMessageContaining("request.body.part.request");
    assertThatThrownBy(() -> contract().check(start(parts("text/xml", "<r/>", true), 201, STARTED), true))
        .hasMessageContaining("part 'request' has Content-Type text/xml");
  }

  @Test
  void aDeliberatelyBadRequestIsForgivenButItsAnswerIsNot() {
    String bad = parts("application/json", "{\"accountId\":\"abc\"}", false);
    String refused = "{\"message\":\"The recontact was not started: fix these problems\",\"problems\":[\"x\"]}";
    assertThatCode(() -> contract().check(start(bad, 400, refused), false)).doesNotThrowAnyException();
    assertThatThrownBy(() -> contract().check(start(bad, 400, "{\"problems\":[\"x\"]}"), false))
        .hasMessageContaining("message");
  }

  @Test
  void theTestRestTemplateChecksItsApiExchanges() {
    assertThat(http.getRestTemplate().getInterceptors()).hasAtLeastOneElementOfType(ApiContractInterceptor.class);
    HttpHeaders headers = new HttpHeaders();
    headers.setContentType(MediaType.APPLICATION_XML);
    assertThatThrownBy(() -> http.withBasicAuth("demo", "demo").exchange("/api/panel/members", HttpMethod.POST,
        new HttpEntity<>("<members/>", headers), String.class))
        .as("an XML import, not marked as bad on purpose").hasMessageContaining("contentType.notAllowed");
    headers.add(ApiContract.DELIBERATELY_BAD, "XML on purpose");
    assertThat(http.withBasicAuth("demo", "demo").exchange("/api/panel/members", HttpMethod.POST,
        new HttpEntity<>("<members/>", headers), String.class).getStatusCode().value()).isEqualTo(415);
  }

  /** Refusals Spring MVC itself makes (a path variable that is no number, a body type not read) answer Error too. */
  @Test
  void frameworkRefusalsAnswerTheErrorBody() {
    HttpHeaders bad = new HttpHeaders();
    bad.add(ApiContract.DELIBERATELY_BAD, "quotaId is no number");
    var notNumber = http.withBasicAuth("demo", "demo").exchange(
        "/api/toluna/panels/P-1/quotas/abc/members/M-1/eligibility", HttpMethod.GET, new HttpEntity<>(bad),
        String.class);
    assertThat(notNumber.getStatusCode().value()).isEqualTo(400);
    assertThat(notNumber.getBody()).contains("quotaId must be a long, not 'abc'");
    bad.setContentType(MediaType.TEXT_PLAIN);
    assertThat(http.withBasicAuth("demo", "demo").exchange(
        "/api/cint/target-groups/01JX2X0N5RTR012AYDTA83QWP1/recontacts/removal", HttpMethod.POST,
        new HttpEntity<>("accountId=101", bad), String.class).getStatusCode().value()).isEqualTo(415);
    var unknown = http.withBasicAuth("demo", "demo").exchange("/api/toluna/sweeps", HttpMethod.DELETE,
        new HttpEntity<>(bad), String.class);
    assertThat(unknown.getStatusCode().value()).isEqualTo(405);
    assertThat(unknown.getHeaders().getAllow()).contains(HttpMethod.POST);
    assertThat(unknown.getBody()).contains("\"message\"");
  }
}
