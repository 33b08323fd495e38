package io.recontact.badinput;

import static io.recontact.badinput.BadInputRows.assertAnswer;
import static org.assertj.core.api.Assertions.assertThat;

import io.recontact.badinput.BadInputHttp.Answer;
import io.recontact.cint.recontact.CintRecontactIntegrationTest;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import org.camunda.bpm.engine.ProcessEngine;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * What ApiBadInputTest and ApiFeedBadInputTest share: the HTTP client on the random port and the check that a refused
 * call started and stored nothing. Both classes carry the same Spring test annotations, so they share one context.
 */
abstract class ApiBadInputSupport {

  static final String GROUP = "01JX2X0N5RTR012AYDTA83QWP1";
  static final String PROJECT = CintRecontactIntegrationTest.PROJECT;

  @LocalServerPort int port;
  @Autowired JdbcTemplate jdbc;
  @Autowired ProcessEngine engine;
  BadInputHttp http;

  @BeforeEach
  void setUp() {
    http = new BadInputHttp(port);
  }


  long instances(String processKey) {
    return engine.getHistoryService().createHistoricProcessInstanceQuery().processDefinitionKey(processKey).count();
  }

  long rows(String table) {
    return jdbc.queryForObject("select count(*) from " + table, Long.class);
  }

  /** Sends, checks the row, and that nothing was started or stored: every probe reads the same after. */
  void refused(String id, Supplier<Answer> call, LongSupplier... probes) {
    long[] before = new long[probes.length];
    for (int i = 0; i < probes.length; i++) {
      before[i] = probes[i].getAsLong();
    }
    assertAnswer(id, call.get());
    for (int i = 0; i < probes.length; i++) {
      assertThat(probes[i].getAsLong()).as(id + ": nothing started or stored (probe " + i + ")").isEqualTo(before[i]);
    }
  }

}
