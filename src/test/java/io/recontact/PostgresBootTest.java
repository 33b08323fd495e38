package io.recontact;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import javax.sql.DataSource;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.ActiveProfiles;

/** The engine on a real PostgreSQL (binaries from Maven Central, no Docker), as the {@code postgres} profile runs it. */
// Its own engine name: Camunda registers engines by name in a static registry, and closing this context must not
// unregister the "default" engine of the shared test context that the REST API looks up.
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = "camunda.bpm.process-engine-name=postgrestest")
@ActiveProfiles({"test", "postgres"})
@Import(EmbeddedPostgresDatabase.class)
class PostgresBootTest {

  @Autowired
  ProcessEngine engine;

  @Autowired
  DataSource dataSource;

  @Test
  void engineRunsAProcessOnPostgres() {
    ProcessEngineConfigurationImpl configuration =
        (ProcessEngineConfigurationImpl) engine.getProcessEngineConfiguration();
    assertThat(configuration.getDatabaseType()).isEqualTo("postgres");
    assertThat(new JdbcTemplate(dataSource).queryForObject("select version()", String.class))
        .startsWith("PostgreSQL");

    ProcessInstance instance = engine.getRuntimeService()
        .startProcessInstanceByKey("smokeTest", "pg-1", Map.of("note", "on postgres"));
    Task task = engine.getTaskService().createTaskQuery().processInstanceId(instance.getId()).singleResult();
    engine.getTaskService().complete(task.getId());

    assertThat(engine.getHistoryService().createHistoricProcessInstanceQuery().processInstanceId(instance.getId())
        .singleResult().getEndActivityId()).isEqualTo("SmokeDone");
    assertThat(engine.getIdentityService().checkPassword("approver", "approver")).isTrue();
    // The project's own tables come from Flyway next to Camunda's.
    assertThat(new JdbcTemplate(dataSource).queryForObject("select count(*) from respondent_file", Integer.class))
        .isZero();
  }
}
