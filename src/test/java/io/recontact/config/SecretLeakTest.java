package io.recontact.config;

import static org.assertj.core.api.Assertions.assertThat;

import io.recontact.FlowRuns;
import io.recontact.sandbox.cint.CintIssuedTokens;
import io.recontact.sandbox.seed.TolunaSandboxData;
import java.nio.charset.StandardCharsets;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.camunda.bpm.engine.ProcessEngine;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.ActiveProfiles;

/**
 * After a full run of both flows (a Cint recontact to live, its fielding followed to the goal with the simulator's
 * signed webhooks; a Toluna quota swept, reviewed, invited over the signed webhook, paused and closed by
 * notifications, its members' completions signed with EncryptedValue and a reconciliation with the custom header), no
 * secret and no issued bearer token is in any column of any table (Camunda's byte arrays and history included), in
 * any log line, with DEBUG logging for the project and Feign, or in any answer of the API calls made on the way
 * (accepted and refused ones: {@link SecretLeakCalls}). Its own application context (distinct secrets, its own engine
 * name), started inside the output capture.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
    "camunda.bpm.process-engine-name=secretleak",
    // Camunda's webapps keep static state per JVM: a second context with them could disturb the shared test context.
    "camunda.bpm.webapp.enabled=false",
    "recontact.sandbox.cint.client-secret=" + SecretLeakTest.CINT_SECRET,
    "recontact.cint.client-secret=" + SecretLeakTest.CINT_SECRET,
    "recontact.sandbox.toluna.api-auth-key=" + SecretLeakTest.TOLUNA_KEY,
    "recontact.toluna.api-auth-key=" + SecretLeakTest.TOLUNA_KEY,
    "recontact.sandbox.partner.webhook-secret=" + SecretLeakTest.WEBHOOK_KEY,
    "recontact.toluna.delivery.webhook.secret=" + SecretLeakTest.WEBHOOK_KEY,
    "recontact.sandbox.toluna.notification-token=" + SecretLeakTest.NOTIFICATION_TOKEN,
    "recontact.toluna.notifications.token=" + SecretLeakTest.NOTIFICATION_TOKEN,
    "spring.mail.password=" + SecretLeakTest.SMTP_PASSWORD,
    "recontact.sandbox.cint.webhook-secret=" + SecretLeakTest.CINT_WEBHOOK_SECRET,
    "recontact.cint.fielding.webhook-secret=" + SecretLeakTest.CINT_WEBHOOK_SECRET,
    // The live target group is followed; the simulator's signed webhooks wake it (set once the port is known).
    "recontact.cint.fielding.follow=true",
    // The simulated members sign their notifications with these, read from the same properties.
    "recontact.toluna.notifications.encryption.key=" + SecretLeakTest.ENCRYPTION_KEY,
    "recontact.toluna.notifications.reconciliation.header-value=" + SecretLeakTest.RECONCILIATION_VALUE,
    "logging.level.io.recontact=DEBUG",
    "logging.level.feign=DEBUG"})
@ActiveProfiles("test")
@ExtendWith(OutputCaptureExtension.class)
class SecretLeakTest {

  static final String CINT_SECRET = "cint-secret-Q7f3a91c";
  static final String TOLUNA_KEY = "toluna-key-X52c8e0d";
  static final String WEBHOOK_KEY = "webhook-key-K9d41b7e";
  static final String NOTIFICATION_TOKEN = "notify-token-Ne62f05a";
  static final String SMTP_PASSWORD = "smtp-password-P3b7c2d";
  static final String CINT_WEBHOOK_SECRET = "cint-webhook-W8e2d41a";
  static final String ENCRYPTION_KEY = "encryption-key-E5c0a7f2";
  static final String RECONCILIATION_VALUE = "reconciliation-R1d93b6c";
  static final String PANEL = TolunaSandboxData.PANEL_A;
  static final long SURVEY = 3910001;
  static final long QUOTA = 4910001;

  @Autowired
  TestRestTemplate http;

  @Autowired
  ProcessEngine engine;

  @Autowired
  JdbcTemplate jdbc;

  @Autowired
  ApplicationContext context;

  @LocalServerPort
  int port;

  /** A respondent ID of the Cint file: stored by the flow, so the scan must find it (it is not blind). */
  final String control = UUID.randomUUID().toString();

  @Test
  void noSecretInAnyTableOrLogLineAfterBothFlows(CapturedOutput output) {
    SecretLeakCalls calls = new SecretLeakCalls(http, jdbc, flows(), port);
    String recontact = runCintRecontact();
    calls.followFielding(engine.getHistoryService().createHistoricVariableInstanceQuery().processInstanceId(recontact)
        .variableName("targetGroupId").singleResult().getValue().toString());
    runTolunaQuota();
    calls.memberOutcomes(PANEL, SURVEY, QUOTA);

    List<String> controls = new ArrayList<>();
    scanDatabase(Map.of("control", control, "quota title", "LEAK"), controls);
    assertThat(controls).as("the scan sees stored values, in the project's and in Camunda's tables")
        .anyMatch(c -> c.startsWith("control in RESPONDENT")).anyMatch(c -> c.startsWith("quota title in ACT_"));

    Map<String, String> secrets = new LinkedHashMap<>(Map.of("Cint client secret", CINT_SECRET, "Toluna key",
        TOLUNA_KEY, "webhook signing key", WEBHOOK_KEY, "notification token", NOTIFICATION_TOKEN, "SMTP password",
        SMTP_PASSWORD, "Cint webhook secret", CINT_WEBHOOK_SECRET, "notification encryption key", ENCRYPTION_KEY,
        "reconciliation header value", RECONCILIATION_VALUE));
    List<String> tokens = List.copyOf(CintIssuedTokens.of(context));
    assertThat(tokens).as("the Cint flow fetched a bearer token").isNotEmpty();
    tokens.forEach(token -> secrets.put("Cint bearer token " + token.substring(0, 12) + "...", token));

    List<String> found = new ArrayList<>();
    int columns = scanDatabase(secrets, found);
    assertThat(columns).as("character and byte columns scanned").isGreaterThan(100);
    String log = output.getAll();
    assertThat(log).as("the capture holds Feign's DEBUG lines of both marketplaces").contains("DEBUG")
        .contains("---> POST").contains("/sandbox/cint/v1/").contains("/sandbox/toluna/");
    log.lines().forEach(line -> secrets.forEach((name, value) -> {
      if (line.contains(value)) {
        found.add(name + " in log line: " + line);
      }
    }));
    assertThat(calls.answers()).as("the answers of the API calls made, accepted and refused")
        .anyMatch(a -> a.contains("\"woken\"")).anyMatch(a -> a.contains("Cint-Signature does not match"))
        .anyMatch(a -> a.contains("EncryptedValue does not match")).anyMatch(a -> a.contains("balanceCents"))
        .anyMatch(a -> a.contains("reconciliation header set at Toluna"));
    calls.answers().forEach(answer -> secrets.forEach((name, value) -> {
      if (answer.contains(value)) {
        found.add(name + " in an API answer: " + answer);
      }
    }));
    assertThat(found).isEmpty();
  }

  String runCintRecontact() {
    return flows().cintRecontact("leak.csv", "respondent_id\n" + control + "\n" + UUID.randomUUID() + "\nnot-an-id\n",
        2);
  }

  void runTolunaQuota() {
    List<String> codes = new ArrayList<>();
    for (int n = 1; n <= 20; n++) {
      codes.add("\"" + TolunaSandboxData.code(n) + "\"");
    }
    flows().tolunaQuota(PANEL, SURVEY, QUOTA, "LEAK", 3990009, codes);
    assertThat(jdbc.queryForObject("select count(*) from toluna_invite_delivery where state = 'DELIVERED'",
        Long.class)).as("invites went out over the signed webhook").isPositive();
  }

  FlowRuns flows() {
    return new FlowRuns(http, engine, jdbc);
  }

  /** Every character, JSON and binary column of every table; returns how many columns were read. */
  int scanDatabase(Map<String, String> secrets, List<String> found) {
    List<Map<String, Object>> columns = jdbc.queryForList("select table_name, column_name, data_type from "
        + "information_schema.columns where table_schema = 'PUBLIC' and (data_type like '%CHAR%' or data_type like "
        + "'%BINARY%' or data_type like '%LOB%' or data_type = 'JSON')");
    for (Map<String, Object> column : columns) {
      String table = (String) column.get("TABLE_NAME");
      String name = (String) column.get("COLUMN_NAME");
      jdbc.query("select \"" + name + "\" from \"" + table + "\" where \"" + name + "\" is not null",
          (ResultSet rs) -> {
            byte[] bytes = rs.getBytes(1);
            String text = bytes == null ? "" : new String(bytes, StandardCharsets.ISO_8859_1) + " "
                + new String(bytes, StandardCharsets.UTF_8) + " " + rs.getString(1);
            secrets.forEach((secret, value) -> {
              if (text.contains(value)) {
                found.add(secret + " in " + table + "." + name);
              }
            });
          });
    }
    return columns.size();
  }
}
