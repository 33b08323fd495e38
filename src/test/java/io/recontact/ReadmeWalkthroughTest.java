package io.recontact;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.ActiveProfiles;

/**
 * The README runs as pasted: its shell blocks marked {@code <!-- walkthrough -->} run, in order, in one bash against a
 * started sandbox ({@link ReadmeUrlsTest} checks the URL table). Each block ends with a {@code test} of its outcome, and bash
 * runs with {@code -e}, so a wrong outcome anywhere fails this test.
 *
 * <p>A context of its own: a fresh database and fresh simulators (the Toluna walkthrough needs quotas nobody touched),
 * member sync off so invites do not wait for Toluna's one-second spacing per member. Its own engine name, so that
 * closing it leaves the shared context's "default" engine registered; the walkthrough's engine REST calls therefore
 * address this engine by name ({@code /engine-rest/engine/walkthrough/...}), the only change made to the blocks besides
 * the port.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
    "camunda.bpm.process-engine-name=" + ReadmeWalkthroughTest.ENGINE,
    "recontact.toluna.member-sync.enabled=false",
    // Camunda's webapps keep static state per JVM: a second context with them could disturb the shared test context.
    "camunda.bpm.webapp.enabled=false"})
@ActiveProfiles("test")
@DirtiesContext
class ReadmeWalkthroughTest {

  static final String ENGINE = "walkthrough";
  static final Path README = Path.of("README.md");
  static final Pattern BLOCK = Pattern.compile("<!-- walkthrough -->\\n```bash\\n(.*?)```", Pattern.DOTALL);

  @LocalServerPort
  int port;

  static List<String> walkthroughBlocks(String readme) {
    List<String> blocks = new ArrayList<>();
    Matcher m = BLOCK.matcher(readme);
    while (m.find()) {
      blocks.add(m.group(1));
    }
    return blocks;
  }

  String forThisServer(String text) {
    return text.replace("localhost:8080/engine-rest/", "127.0.0.1:" + port + "/engine-rest/engine/" + ENGINE + "/")
        .replace("localhost:8080", "127.0.0.1:" + port);
  }

  @Test
  void theWalkthroughBlocksRunAsPasted() throws Exception {
    List<String> blocks = walkthroughBlocks(Files.readString(README));
    assertThat(blocks).as("walkthrough blocks in the README").hasSizeGreaterThanOrEqualTo(7);
    assertThat(run("readme", blocks)).as("the outcomes the README promises")
        .contains("### walkthrough block " + blocks.size() + " at ")
        .contains("COMPLETED TargetGroupLive", "['live 200']", "2100 invites delivered", "ENDED CLOSED");
  }

  @Test
  void theSeedGuideSequenceRunsAsPasted() throws Exception {
    List<String> blocks = walkthroughBlocks(Files.readString(Path.of("docs", "cint-simulator.md")));
    assertThat(blocks).as("walkthrough blocks in docs/cint-simulator.md").hasSize(1);
    assertThat(run("seed-guide", blocks)).contains("['live 3']");
  }

  /** Runs the blocks in order in one {@code bash -e} under target/walkthrough/name; asserts exit status 0. */
  String run(String name, List<String> blocks) throws Exception {
    StringBuilder script = new StringBuilder();
    for (int i = 0; i < blocks.size(); i++) {
      script.append("echo \"### walkthrough block ").append(i + 1).append(" at $(date +%T)\"\n")
          .append(forThisServer(blocks.get(i)));
    }
    Path dir = Files.createDirectories(Path.of("target", "walkthrough", name));
    Path file = dir.resolve("walkthrough.sh");
    Path log = dir.resolve("walkthrough.log");
    Files.writeString(file, script);

    Process bash = new ProcessBuilder("bash", "-e", file.getFileName().toString()).directory(dir.toFile())
        .redirectErrorStream(true).redirectOutput(log.toFile()).start();
    // A guard against a hung script, not a measurement: the blocks' own loops give up much earlier.
    boolean finished = bash.waitFor(10, TimeUnit.MINUTES);
    if (!finished) {
      bash.destroyForcibly();
    }
    String output = Files.readString(log);
    assertThat(finished).as(name + " finished; output:\n" + output).isTrue();
    assertThat(bash.exitValue()).as("exit status of " + name + "; output:\n" + output).isZero();
    return output;
  }
}
