package io.recontact.config;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpHeaders;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.ResponseEntity;
import org.springframework.test.context.ActiveProfiles;

/**
 * The OpenAPI document and Swagger UI (docs/api.md): the users who may call some /api operation (admins, operators,
 * approvers) read them; monitor, who may only scrape Prometheus, gets 403; anonymous and unknown callers get 401.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
class ApiDocsAccessTest {

  @Autowired
  TestRestTemplate http;

  @LocalServerPort
  int port;

  @ParameterizedTest
  @ValueSource(strings = {"/v3/api-docs", "/v3/api-docs/swagger-config", "/v3/api-docs.yaml",
      "/v3/api-docs.yaml/springdocDefault", "/swagger-ui.html", "/swagger-ui/index.html",
      "/swagger-ui/swagger-initializer.js"})
  void anonymousGets401WithABasicChallenge(String path) {
    ResponseEntity<String> answer = http.getForEntity(path, String.class);
    assertThat(answer.getStatusCode().value()).as(path + ": " + answer.getBody()).isEqualTo(401);
    assertThat(answer.getHeaders().getFirst(HttpHeaders.WWW_AUTHENTICATE)).as(path).startsWith("Basic");
  }

  @ParameterizedTest
  @ValueSource(strings = {"/v3/api-docs", "/swagger-ui.html", "/swagger-ui/index.html"})
  void unknownUserGets401(String path) {
    // Not demo with a wrong password: Camunda then throttles demo's logins, and the shared context's other tests fail.
    assertThat(http.withBasicAuth("docs-intruder", "wrong").getForEntity(path, String.class).getStatusCode().value())
        .as(path).isEqualTo(401);
  }

  /** demo is an admin, operator an operator, approver only an approver: each may call /api and reads the document. */
  @ParameterizedTest
  @CsvSource({"demo", "operator", "approver"})
  void everyApiUserReadsTheDocument(String user) {
    Calls.Answer docs = new Calls(http, user).get("/v3/api-docs");
    assertThat(docs.status()).isEqualTo(200);
    assertThat(docs.json().path("openapi").asText()).startsWith("3.0");
    assertThat(docs.json().path("paths").has("/api/cint/recontacts")).isTrue();
    assertThat(docs.json().path("paths").fieldNames()).toIterable().allMatch(p -> p.startsWith("/api/"));
    assertThat(docs.json().at("/components/securitySchemes/basicAuth/scheme").asText()).isEqualTo("basic");
  }

  @ParameterizedTest
  @CsvSource({"demo", "operator", "approver"})
  void swaggerUiIsServedAndPointsAtTheDocument(String user) throws Exception {
    HttpResponse<String> redirect = get("/swagger-ui.html", user);
    assertThat(redirect.statusCode()).isEqualTo(302);
    assertThat(redirect.headers().firstValue("Location")).get().asString().endsWith("/swagger-ui/index.html");
    HttpResponse<String> page = get("/swagger-ui/index.html", user);
    assertThat(page.statusCode()).isEqualTo(200);
    assertThat(page.body()).contains("swagger-ui");
    Calls.Answer config = new Calls(http, user).get("/v3/api-docs/swagger-config");
    assertThat(config.status()).isEqualTo(200);
    assertThat(config.json().path("url").asText()).isEqualTo("/v3/api-docs");
  }

  /**
   * monitor (recontact-monitoring) may call no /api operation, so it gets neither the document nor the UI: 403 with
   * the JSON body /api's refusals have, naming the groups that may.
   */
  @ParameterizedTest
  @ValueSource(strings = {"/v3/api-docs", "/v3/api-docs/swagger-config", "/v3/api-docs.yaml",
      "/v3/api-docs.yaml/springdocDefault", "/swagger-ui.html", "/swagger-ui/index.html",
      "/swagger-ui/swagger-initializer.js"})
  void monitorGets403(String path) throws Exception {
    HttpResponse<String> answer = get(path, "monitor");
    assertThat(answer.statusCode()).as(path + ": " + answer.body()).isEqualTo(403);
    assertThat(answer.headers().firstValue("Content-Type")).as(path).get().asString()
        .startsWith("application/json");
    var body = Calls.JSON.readTree(answer.body());
    assertThat(body.path("message").asText()).as(path).contains("monitor", "API documentation");
    assertThat(body.path("requiredGroups")).as(path).extracting(JsonNode::asText)
        .containsExactly("recontact-approvers", "recontact-operators", "recontact-privacy", "camunda-admin");
    assertThat(body.has("openapi") || body.has("paths")).as(path + ": no part of the document").isFalse();
  }

  /** Without following redirects (TestRestTemplate's client would). */
  HttpResponse<String> get(String path, String user) throws Exception {
    return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
        .header("Authorization", "Basic " + Base64.getEncoder().encodeToString((user + ":" + user)
            .getBytes(StandardCharsets.UTF_8))).GET().build(), HttpResponse.BodyHandlers.ofString());
  }
}
