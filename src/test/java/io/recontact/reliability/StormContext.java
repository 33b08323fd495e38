package io.recontact.reliability;

import io.recontact.cint.client.CintClient;
import org.camunda.bpm.engine.ProcessEngine;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.ActiveProfiles;

/**
 * The one Spring context of the storm tests (their own engine name and the short timeouts of {@link StormFlows}),
 * with calm simulators before and after each test.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
    StormFlows.CINT_READ_TIMEOUT, StormFlows.TOLUNA_READ_TIMEOUT, StormFlows.RETRY_CYCLE, StormFlows.MEMBER_SPACING,
    StormFlows.SIMULATOR_MEMBER_SPACING, StormFlows.ENGINE_NAME})
@ActiveProfiles("test")
abstract class StormContext {

  @Autowired
  TestRestTemplate http;
  @Autowired
  ProcessEngine engine;
  @Autowired
  JdbcTemplate jdbc;
  @Autowired
  CintClient cint;

  StormFlows flows;

  @BeforeEach
  void calm() {
    flows = new StormFlows(http, engine, jdbc, cint);
    flows.resetEverything();
  }

  @AfterEach
  void cleanUp() {
    flows.resetEverything();
  }
}
