package io.recontact.logging;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.classic.spi.StackTraceElementProxy;
import ch.qos.logback.core.AppenderBase;
import io.recontact.FlowRuns;
import io.recontact.sandbox.seed.TolunaSandboxData;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.camunda.bpm.engine.ProcessEngine;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.ActiveProfiles;

/**
 * Logs cannot be rewritten when a respondent is erased, so no log line at INFO or above may carry a respondent's
 * identifier: after a Cint recontact to live, a Toluna quota swept, reviewed, invited by e-mail, paused and closed,
 * and members' outcome notifications, no INFO+ event of any logger (the project's, Camunda's, Spring's, Tomcat's, the
 * sandbox's) carries one of the run's RSIDs, member codes, e-mail addresses or birth dates: not in its message, its
 * arguments, its MDC or its exception chain, and not in any line printed from the context's start on. Its own
 * application context (its own engine name), started inside the output capture, every logger at INFO.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
    "camunda.bpm.process-engine-name=personaldatalog",
    "camunda.bpm.webapp.enabled=false",
    "recontact.toluna.delivery.channel=email",
    "logging.level.root=INFO",
    "logging.level.io.recontact=INFO",
    "logging.level.org.camunda=INFO",
    "logging.level.org.springframework=INFO",
    "logging.level.feign=INFO"})
@ActiveProfiles("test")
@ExtendWith(OutputCaptureExtension.class)
class PersonalDataLogTest {

  static final String PANEL = TolunaSandboxData.PANEL_A;
  static final long SURVEY = 3920001;
  static final long QUOTA = 4920001;
  static final int MEMBERS = 20;
  /** The test's own logger: its control line shows the scan sees what a leak would look like. */
  static final String CONTROL_LOGGER = "io.recontact.logging.PersonalDataLogTest.control";

  @Autowired TestRestTemplate http;
  @Autowired ProcessEngine engine;
  @Autowired JdbcTemplate jdbc;

  final List<ILoggingEvent> events = new CopyOnWriteArrayList<>();
  final AppenderBase<ILoggingEvent> appender = new AppenderBase<>() {
    @Override
    protected void append(ILoggingEvent event) {
      if (event.getLevel().isGreaterOrEqual(Level.INFO)) {
        event.prepareForDeferredProcessing();
        events.add(event);
      }
    }
  };
  final List<String> rsids = List.of(UUID.randomUUID().toString(), UUID.randomUUID().toString(),
      UUID.randomUUID().toString());

  /** Attached once Spring Boot has configured logging (it resets Logback at start); the capture covers the start. */
  @BeforeEach
  void attach() {
    appender.start();
    root().addAppender(appender);
  }

  @AfterEach
  void detach() {
    root().detachAppender(appender);
  }

  @Test
  void noInfoLogLineCarriesAnRsidMemberCodeEmailOrBirthDate(CapturedOutput output) {
    LoggerFactory.getLogger(CONTROL_LOGGER).info("control line: respondent {} of the file", rsids.get(0));

    new FlowRuns(http, engine, jdbc).cintRecontact("personal.csv", "respondent_id\n" + String.join("\n", rsids)
        + "\nnot-an-id\n", 2);
    List<String> codes = new ArrayList<>();
    for (int n = 1; n <= MEMBERS; n++) {
      codes.add("\"" + TolunaSandboxData.code(n) + "\"");
    }
    FlowRuns flows = new FlowRuns(http, engine, jdbc);
    flows.tolunaQuota(PANEL, SURVEY, QUOTA, "PERSONAL", 3990019, codes);
    assertThat(jdbc.queryForObject("select count(*) from toluna_invite_delivery where quota_id = ? and channel = "
        + "'EMAIL' and state = 'DELIVERED'", Long.class, QUOTA)).as("invites went out by e-mail").isPositive();
    playOutcomes(flows);
    // Read once the sandbox has seeded the directory (its reset, above); the codes' profiles are fixed by their number.
    Map<String, String> identifiers = identifiers();

    List<String> found = new ArrayList<>();
    List<String> controls = new ArrayList<>();
    for (ILoggingEvent event : events) {
      String text = text(event).toLowerCase(Locale.ROOT);
      identifiers.forEach((name, value) -> {
        if (text.contains(value.toLowerCase(Locale.ROOT))) {
          (CONTROL_LOGGER.equals(event.getLoggerName()) ? controls : found).add(name + " in " + event.getLevel()
              + " " + event.getLoggerName() + ": " + event.getFormattedMessage());
        }
      });
    }
    assertThat(identifiers).as("e-mail addresses and birth dates of the directory").containsKey(
        "e-mail of " + TolunaSandboxData.code(1)).containsKey("birth date of " + TolunaSandboxData.code(1));
    assertThat(controls).as("the scan sees an identifier in a log event").hasSize(1);
    assertThat(events).as("INFO events of both flows were captured")
        .anyMatch(e -> e.getLoggerName().startsWith("io.recontact.toluna"))
        .anyMatch(e -> e.getLoggerName().startsWith("io.recontact.cint"));
    String printed = output.getAll();
    assertThat(printed).as("the capture holds the control line and the INFO lines of Camunda and Spring since start")
        .contains("control line: respondent " + rsids.get(0)).contains("ENGINE-").contains("Tomcat started")
        .contains("Started PersonalDataLogTest");
    printed.lines().filter(line -> !line.contains("control line: respondent")).forEach(line ->
        identifiers.forEach((name, value) -> {
          if (line.toLowerCase(Locale.ROOT).contains(value.toLowerCase(Locale.ROOT))) {
            found.add(name + " in printed line: " + line);
          }
        }));
    assertThat(found).isEmpty();
  }

  /** The run's RSIDs, and the quota members' codes with their e-mail addresses and birth dates from the directory. */
  Map<String, String> identifiers() {
    Map<String, String> identifiers = new LinkedHashMap<>();
    rsids.forEach(rsid -> identifiers.put("RSID " + rsid, rsid));
    for (int n = 1; n <= MEMBERS; n++) {
      String code = TolunaSandboxData.code(n);
      identifiers.put("member code " + code, code);
      List<Map<String, Object>> rows = jdbc.queryForList("select email, birth_date from panel_member where "
          + "member_code = ?", code);
      if (rows.isEmpty()) {
        continue; // the sandbox leaves some codes out of the directory on purpose (exceptions)
      }
      Map<String, Object> member = rows.get(0);
      identifiers.put("e-mail of " + code, (String) member.get("EMAIL"));
      if (member.get("BIRTH_DATE") != null) {
        identifiers.put("birth date of " + code, member.get("BIRTH_DATE").toString());
      }
    }
    return identifiers;
  }

  /** Toluna's member notifications: a completion and a termination of two invited members. */
  void playOutcomes(FlowRuns flows) {
    List<String> invited = jdbc.queryForList("select member_code from toluna_invite where quota_id = ? order by "
        + "member_code", String.class, QUOTA);
    assertThat(invited).hasSizeGreaterThanOrEqualTo(2);
    HttpHeaders json = new HttpHeaders();
    json.setContentType(MediaType.APPLICATION_JSON);
    String[] outcomes = {"COMPLETE", "TERMINATE"};
    for (int i = 0; i < outcomes.length; i++) {
      var played = http.postForEntity("/sandbox/toluna/admin/members/" + invited.get(i) + "/outcome",
          new HttpEntity<>("{\"panelGuid\": \"" + PANEL + "\", \"quotaId\": " + QUOTA + ", \"outcome\": \""
              + outcomes[i] + "\"}", json), String.class);
      assertThat(played.getStatusCode().is2xxSuccessful()).as(played.getBody()).isTrue();
    }
    flows.await(() -> jdbc.queryForObject("select count(*) from toluna_invite_outcome where quota_id = ?", Long.class,
        QUOTA) >= 2, "the members' outcome notifications");
  }

  /** Everything an event carries that an appender could write: message, arguments, MDC, exception chain. */
  static String text(ILoggingEvent event) {
    StringBuilder text = new StringBuilder(event.getFormattedMessage()).append(' ').append(event.getMessage());
    if (event.getArgumentArray() != null) {
      for (Object argument : event.getArgumentArray()) {
        text.append(' ').append(argument);
      }
    }
    event.getMDCPropertyMap().values().forEach(value -> text.append(' ').append(value));
    for (IThrowableProxy t = event.getThrowableProxy(); t != null; t = t.getCause()) {
      text.append(' ').append(t.getClassName()).append(": ").append(t.getMessage());
      for (StackTraceElementProxy frame : t.getStackTraceElementProxyArray()) {
        text.append(' ').append(frame.getSTEAsString());
      }
    }
    return text.toString();
  }

  static Logger root() {
    return (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
  }
}
