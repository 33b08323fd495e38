package io.recontact.config;

import static org.assertj.core.api.Assertions.assertThat;

import io.recontact.api.ApiContract;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.test.context.ActiveProfiles;

/** Without credentials: 401 on every API surface and every actuator path but health's status. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
class AnonymousAccessTest {

  static final String TG = "01JX2X0N5RTR012AYDTA83QWP9";

  @Autowired
  TestRestTemplate http;

  @ParameterizedTest(name = "{0} {1}")
  @CsvSource({
      "GET, /engine-rest/process-definition",
      "GET, /engine-rest/task",
      "GET, /engine-rest/process-instance",
      "GET, /engine-rest/history/variable-instance",
      "GET, /engine-rest/user",
      "POST, /engine-rest/process-definition/key/cintRemoveRecontacts/start",
      "POST, /engine-rest/deployment/create",
      "POST, /engine-rest/engine/default/process-definition/key/smokeTest/start",
      "GET, /api/cint/recontacts/1",
      "GET, /api/cint/recontacts",
      "GET, /api/cint/replacements/1",
      "GET, /api/cint/removals/1",
      "GET, /api/cint/respondent-files/any/rejections",
      "GET, /api/cint/uploads/any/failed-ids",
      "GET, /api/panel/members",
      "GET, /api/panel/members/TS-000001",
      "POST, /api/cint/recontacts",
      "POST, /api/cint/target-groups/" + TG + "/recontacts/replacement",
      "POST, /api/cint/target-groups/" + TG + "/recontacts/removal",
      "POST, /api/panel/members",
      "POST, /api/toluna/sweeps",
      "GET, /api/toluna/quotas",
      "GET, /api/toluna/panels/5B1E3C2A-7D4F-4E8B-9A61-2C3D4E5F6A01/quotas/4100001/members/TS-000001/eligibility",
      // The notification path takes a token instead (NotificationRulesTest); a path walking out of it does not.
      "POST, /api/toluna/notifications/../panel/members",
      "GET, /camunda/api/engine/engine/default/process-definition",
      "GET, /camunda/api/engine/engine/default/task",
      "GET, /camunda/api/engine/engine/default/process-instance",
      "GET, /camunda/api/engine/engine/default/history/variable-instance",
      "POST, /camunda/api/engine/engine/default/process-definition/key/smokeTest/start",
      "GET, /camunda/api/cockpit/plugin/base/default/process-definition/statistics",
      "GET, /camunda/api/admin/plugin/adminPlugins/default/users",
      "GET, /camunda/api/tasklist/plugin/tasklistPlugins/default/tasks",
      "GET, /actuator",
      "GET, /actuator/health/processEngine",
      "GET, /actuator/health/jobExecutor",
      "GET, /actuator/env",
      "GET, /actuator/info",
      "GET, /actuator/beans",
      "GET, /actuator/configprops",
      "GET, /actuator/loggers",
      "GET, /actuator/heapdump",
      "GET, /actuator/metrics",
      "GET, /actuator/prometheus",
      "POST, /actuator/shutdown"})
  void anonymousCallIsRefusedWith401(String method, String path) {
    HttpHeaders headers = new HttpHeaders();
    headers.setContentType(MediaType.APPLICATION_JSON);
    headers.add(ApiContract.DELIBERATELY_BAD, "the same {} to every path: only the 401 answer is checked");
    ResponseEntity<String> answer = http.exchange(path, HttpMethod.valueOf(method), new HttpEntity<>("{}", headers),
        String.class);
    assertThat(answer.getStatusCode().value()).as(method + " " + path + ": " + answer.getBody()).isEqualTo(401);
  }

  /** Toluna cannot send Basic credentials: its notification paths take their token, and nothing else. */
  @ParameterizedTest(name = "{0} with {1}")
  @CsvSource({
      "quota-status, no token", "quota-status, token=wrong", "quota-status, Basic demo",
      "survey-closed, no token", "survey-closed, token=wrong", "survey-closed, Basic demo"})
  void notificationWithoutItsTokenIs401(String endpoint, String credential) {
    HttpHeaders headers = new HttpHeaders();
    headers.setContentType(MediaType.APPLICATION_JSON);
    headers.add(ApiContract.DELIBERATELY_BAD, "without the token the document asks for");
    if (credential.startsWith("Basic")) {
      headers.setBasicAuth("demo", "demo");
    }
    String query = credential.startsWith("token=") ? "?" + credential : "";
    ResponseEntity<String> answer = http.exchange("/api/toluna/notifications/" + endpoint + query, HttpMethod.POST,
        new HttpEntity<>("{\"QuotaID\": 1, \"SurveyID\": 1, \"IsLive\": false, "
            + "\"UpdateDateTimeUTC\": \"2026-03-01 10:00:00.50 +00:00\", \"DateTime\": \"2026-03-01 10:00:00\"}",
            headers), String.class);
    assertThat(answer.getStatusCode().value()).as(answer.getBody()).isEqualTo(401);
    assertThat(answer.getBody()).contains("notification token");
  }

  @Test
  void healthStatusIsPublicWithoutDetails() {
    ResponseEntity<String> health = http.getForEntity("/actuator/health", String.class);
    assertThat(health.getStatusCode().value()).isEqualTo(200);
    assertThat(health.getBody()).isEqualTo("{\"status\":\"UP\"}");
  }
}
