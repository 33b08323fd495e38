package io.recontact;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.repository.Resource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Restarting with unchanged bpmn/ and forms/ must not create a new deployment or definition version; resources are
 * named by their class path ({@code bpmn/<file>}, {@code forms/<file>}), not by where the build lives.
 */
class DeploymentOnRestartTest {

  @TempDir
  Path dataDir;

  private List<String> resourceNames;

  @Test
  void restartWithUnchangedResourcesKeepsOneDeployment() throws IOException {
    String url = "--spring.datasource.url=jdbc:h2:file:" + dataDir.resolve("restart").toAbsolutePath();
    long[] first = deploymentsAfterStart(url);
    long[] second = deploymentsAfterStart(url);

    assertThat(first[0]).isEqualTo(1);
    assertThat(second[0]).as("deployments after restart").isEqualTo(1);
    assertThat(second[1]).as("latest smokeTest version after restart").isEqualTo(1);

    // named by class path, so the names (and duplicate filtering) do not depend on where the build lives
    List<String> expected = new ArrayList<>(filesIn("bpmn", ".bpmn"));
    expected.addAll(filesIn("forms", ".form"));
    expected.add("bpmn/smoke-test.bpmn"); // src/test/resources/bpmn
    assertThat(resourceNames).as("resource names").containsExactlyInAnyOrderElementsOf(expected);
  }

  private static List<String> filesIn(String dir, String suffix) throws IOException {
    try (Stream<Path> files = Files.list(Path.of(dir))) {
      return files.map(file -> dir + "/" + file.getFileName()).filter(name -> name.endsWith(suffix)).toList();
    }
  }

  private long[] deploymentsAfterStart(String datasourceUrl) {
    try (ConfigurableApplicationContext context = new SpringApplicationBuilder(RecontactApplication.class)
        .profiles("test")
        .run(datasourceUrl, "--server.port=0", "--camunda.bpm.job-execution.enabled=false",
            "--camunda.bpm.process-engine-name=restarttest")) {
      RepositoryService repository = context.getBean(RepositoryService.class);
      resourceNames = repository.getDeploymentResources(repository.createDeploymentQuery().singleResult().getId())
          .stream().map(Resource::getName).toList();
      return new long[] {
          repository.createDeploymentQuery().count(),
          repository.createProcessDefinitionQuery().processDefinitionKey("smokeTest").latestVersion()
              .singleResult().getVersion()};
    }
  }
}
