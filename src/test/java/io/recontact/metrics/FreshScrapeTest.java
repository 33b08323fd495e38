package io.recontact.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.ResponseEntity;
import org.springframework.test.context.ActiveProfiles;

/**
 * A fresh application, before any flow ran: every metric the Grafana dashboard queries is already in the scrape (at 0),
 * so no panel says "no data". The per-survey counters are the exception, as their tag is a survey nobody knows before
 * its first invite: each dashboard query of them falls back to {@code or vector(0)}. Its own context (engine name, no
 * webapps), so no other test's flow has registered anything.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
    "camunda.bpm.process-engine-name=freshscrape",
    "camunda.bpm.webapp.enabled=false"})
@ActiveProfiles("test")
class FreshScrapeTest {

  /** Tagged by survey id: unknown until a survey's first invite. */
  static final Set<String> PER_SURVEY = Set.of("recontact_toluna_survey_invites_delivered_total",
      "recontact_toluna_survey_outcomes_total", "recontact_toluna_survey_revenue_cents_total");
  static final Pattern METRIC = Pattern.compile("\\b(recontact_[a-z0-9_]+|jvm_[a-z0-9_]+|process_[a-z0-9_]+)");

  @Autowired
  TestRestTemplate http;

  @Test
  void everyMetricTheDashboardQueriesIsScrapedBeforeAnythingHappened() throws Exception {
    List<String> expressions = new ArrayList<>();
    new ObjectMapper().readTree(Files.readString(MetricsScrapeTest.DASHBOARD)).findValues("expr")
        .forEach(e -> expressions.add(e.asText()));
    Set<String> queried = new TreeSet<>();
    expressions.forEach(e -> {
      Matcher names = METRIC.matcher(e);
      while (names.find()) {
        queried.add(names.group(1));
      }
    });
    assertThat(queried).as("metrics the dashboard queries").hasSizeGreaterThan(30);

    ResponseEntity<String> answer = http.withBasicAuth("monitor", "monitor").getForEntity("/actuator/prometheus",
        String.class);
    assertThat(answer.getStatusCode().value()).isEqualTo(200);
    Set<String> scraped = Scrape.parse(answer.getBody()).names();

    Set<String> missing = new TreeSet<>(queried);
    missing.removeAll(scraped);
    assertThat(missing).as("queried by the dashboard, absent from a fresh scrape").isSubsetOf(PER_SURVEY);
    for (String name : PER_SURVEY) {
      expressions.stream().filter(e -> e.contains(name)).forEach(e -> assertThat(e)
          .as("a query of the per-survey " + name + " falls back to 0").contains("or vector(0)"));
    }
  }
}
