package io.recontact;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
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
 * member sync off so invites do not wait for Toluna's one-second spacing per member, the fielding follow-up on as in
 * the application (read every second, application-test.yaml), the simulated members' own play off as in every test
 * (the block that shows a completion plays it through the simulator's admin API, as it tells the reader). Its own
 * engine name, so that closing it leaves the shared context's "default" engine registered; the walkthrough's engine
 * REST calls therefore address this engine by name ({@code /engine-rest/engine/walkthrough/...}), the only change made
 * to the blocks besides the port.
 *
 * <p>The blocks run from the repository root, where a reader pastes them, and must leave nothing there: the files they
 * write (a request, respondent files) belong in their temporary folder {@code $work}, not in the checkout.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
    "camunda.bpm.process-engine-name=" + ReadmeWalkthroughTest.ENGINE,
    "recontact.toluna.member-sync.enabled=false",
    // As in the application: a target group that goes live is followed (application-test.yaml switches it off).
    "recontact.cint.fielding.follow=true",
    // Camunda's webapps keep static state per JVM: a second context with them could disturb the shared test context.
    "camunda.bpm.webapp.enabled=false"})
@ActiveProfiles("test")
@DirtiesContext
class ReadmeWalkthroughTest {

  static final String ENGINE = "walkthrough";
  static final Path README = Path.of("README.md");
  /** Where Maven runs the tests and a reader runs the walkthrough: the repository root. */
  static final Path ROOT = Path.of("").toAbsolutePath();
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
        .contains("COMPLETED TargetGroupLive", "['live 200']", "2100 invites delivered", "ENDED CLOSED",
            "completed 150 150 COMPLETED FieldingCompleted", "credits and a balance: 1 True, quota completes: 1",
            ": [('INVITE', 4100001, 'DELIVERED', 'COMPLETE')]",
            "contactedAt,marketplace,kind,quotaId,deliveryState,outcome",
            ",TOLUNA,INVITE,4100001,DELIVERED,COMPLETE",
            ": EXCEPTION,SUPPRESSED, suppressed and contacts: True 0, invites received: 0");
  }

  @Test
  void theSeedGuideSequenceRunsAsPasted() throws Exception {
    List<String> blocks = walkthroughBlocks(Files.readString(Path.of("docs", "cint-simulator.md")));
    assertThat(blocks).as("walkthrough blocks in docs/cint-simulator.md").hasSize(1);
    assertThat(run("seed-guide", blocks)).contains("['live 3']");
  }

  /**
   * Runs the blocks in order in one {@code bash -e} from the repository root (script, log and the blocks' temporary
   * folders under target/walkthrough/name); asserts exit status 0 and that no new entry appeared in the root.
   */
  String run(String name, List<String> blocks) throws Exception {
    StringBuilder script = new StringBuilder();
    for (int i = 0; i < blocks.size(); i++) {
      script.append("echo \"### walkthrough block ").append(i + 1).append(" at $(date +%T)\"\n")
          .append(forThisServer(blocks.get(i)));
    }
    Path dir = Files.createDirectories(ROOT.resolve(Path.of("target", "walkthrough", name)));
    Path file = dir.resolve("walkthrough.sh");
    Path log = dir.resolve("walkthrough.log");
    Path tmp = Files.createDirectories(dir.resolve("tmp"));
    Files.writeString(file, script);

    Set<String> before = rootEntries();
    ProcessBuilder builder = new ProcessBuilder("bash", "-e", file.toString()).directory(ROOT.toFile())
        .redirectErrorStream(true).redirectOutput(log.toFile());
    builder.environment().put("TMPDIR", tmp.toString());   // mktemp -d: kept under target, not in /tmp
    Process bash = builder.start();
    // A guard against a hung script, not a measurement: the blocks' own loops give up much earlier.
    boolean finished = bash.waitFor(10, TimeUnit.MINUTES);
    if (!finished) {
      bash.destroyForcibly().waitFor(1, TimeUnit.MINUTES);
    }
    Set<String> leftInRoot = leftBehind(before);
    String output = Files.readString(log);
    assertThat(finished).as(name + " finished; output:\n" + output).isTrue();
    assertThat(bash.exitValue()).as("exit status of " + name + "; output:\n" + output).isZero();
    assertThat(leftInRoot).as(name + " left these in the repository root (write them under $work)").isEmpty();
    return output;
  }

  static Set<String> rootEntries() throws IOException {
    try (Stream<Path> entries = Files.list(ROOT)) {
      return entries.map(p -> p.getFileName().toString()).collect(TreeSet::new, Set::add, Set::addAll);
    }
  }

  /**
   * The root's entries that were not there before; the new regular files are deleted, so a failed run does not leave
   * them behind, where the next run would no longer see them as new.
   */
  static Set<String> leftBehind(Set<String> before) throws IOException {
    Set<String> left = rootEntries();
    left.removeAll(before);
    for (String entry : left) {
      if (Files.isRegularFile(ROOT.resolve(entry))) {
        Files.delete(ROOT.resolve(entry));
      }
    }
    return left;
  }
}
