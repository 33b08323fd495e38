package io.recontact;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.camunda.bpm.engine.RepositoryService;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/** Restarting with unchanged bpmn/ and forms/ must not create a new deployment or definition version. */
class DeploymentOnRestartTest {

  @TempDir
  Path dataDir;

  @Test
  void restartWithUnchangedResourcesKeepsOneDeployment() {
    String url = "--spring.datasource.url=jdbc:h2:file:" + dataDir.resolve("restart").toAbsolutePath();
    long[] first = deploymentsAfterStart(url);
    long[] second = deploymentsAfterStart(url);

    assertThat(first[0]).isEqualTo(1);
    assertThat(second[0]).as("deployments after restart").isEqualTo(1);
    assertThat(second[1]).as("latest smokeTest version after restart").isEqualTo(1);
  }

  private static long[] deploymentsAfterStart(String datasourceUrl) {
    try (ConfigurableApplicationContext context = new SpringApplicationBuilder(RecontactApplication.class)
        .profiles("test")
        .run(datasourceUrl, "--server.port=0", "--camunda.bpm.job-execution.enabled=false",
            "--camunda.bpm.process-engine-name=restarttest")) {
      RepositoryService repository = context.getBean(RepositoryService.class);
      return new long[] {
          repository.createDeploymentQuery().count(),
          repository.createProcessDefinitionQuery().processDefinitionKey("smokeTest").latestVersion()
              .singleResult().getVersion()};
    }
  }
}
