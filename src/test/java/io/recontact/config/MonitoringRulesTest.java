package io.recontact.config;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.test.context.ActiveProfiles;

/**
 * The sandbox user {@code monitor} (group recontact-monitoring) scrapes {@code /actuator/prometheus} and nothing
 * else (no /api, no API document or Swagger UI); admins may scrape too; operators may not (approvers: ApproverRulesTest, anonymous: AnonymousAccessTest).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
class MonitoringRulesTest {

  @Autowired
  TestRestTemplate http;

  @Test
  void monitorAndAdminScrapeThePrometheusText() {
    for (String user : new String[] {"monitor", "demo"}) {
      Calls.Answer scrape = new Calls(http, user).get("/actuator/prometheus");
      assertThat(scrape.status()).as(user + ": " + scrape.body()).isEqualTo(200);
      assertThat(scrape.body()).as(user).contains("# TYPE recontact_camunda_jobs_waiting gauge")
          .contains("recontact_camunda_jobs_succeeded_total").contains("jvm_memory_used_bytes");
    }
  }

  @Test
  void operatorMayNotScrape() {
    Calls.Answer scrape = new Calls(http, "operator").get("/actuator/prometheus");
    assertThat(scrape.status()).as(scrape.body()).isEqualTo(403);
    assertThat(scrape.json().path("message").asText()).contains("operator", "recontact-monitoring");
  }

  @Test
  void monitorHasNoCamundaRights() {
    Calls monitor = new Calls(http, "monitor");
    assertThat(monitor.webappLogin("cockpit")).isEqualTo(403);
    assertThat(monitor.webappLogin("tasklist")).isEqualTo(403);
    assertThat(monitor.get("/engine-rest/process-definition").json()).isEmpty();
    assertThat(monitor.get("/api/toluna/quotas").status()).isEqualTo(403);
    assertThat(monitor.postJson("/api/toluna/sweeps", "").status()).isEqualTo(403);
  }

  /** No /api call is open to monitor, so neither is the API's document or Swagger UI (more: ApiDocsAccessTest). */
  @Test
  void monitorGetsNoApiDocumentOrSwaggerUi() {
    Calls monitor = new Calls(http, "monitor");
    for (String path : new String[] {"/v3/api-docs", "/v3/api-docs.yaml", "/swagger-ui/index.html"}) {
      Calls.Answer answer = monitor.get(path);
      assertThat(answer.status()).as(path + ": " + answer.body()).isEqualTo(403);
      assertThat(answer.json().path("requiredGroups")).as(path).isNotEmpty();
    }
  }
}
