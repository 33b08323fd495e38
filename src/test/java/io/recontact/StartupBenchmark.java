package io.recontact;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Figures, not timing assertions: from starting the application's JVM to /actuator/health answering UP with every
 * Cint and Toluna flow deployed (engine REST as demo:demo). Builds nothing: runs
 * {@code target/recontact-orchestrator-*.jar} (from {@code ./mvnw -DskipTests package}) if present, otherwise the
 * main class on this test JVM's class path. Each run starts once on a new H2 database (schema and first deployment)
 * and once more on the same database (a restart). Excluded from the default build; see docs/benchmarks-cint.md.
 * Writes target/benchmark/startup.txt.
 */
@Tag("benchmark")
class StartupBenchmark {

  static final int RUNS = Integer.getInteger("benchmark.startups", 3);
  static final List<String> FLOWS = List.of("cintRecontact", "cintUploadRespondents", "cintRemoveRecontacts",
      "cintReplaceRecontacts", "tolunaQuotaSweep", "tolunaRecontactQuota");

  final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
  final StringBuilder report = new StringBuilder();

  @Test
  void run() throws Exception {
    List<String> launcher = launcher();
    line("Start-up benchmark, %s, %d cores, Java %s", OffsetDateTime.now(ZoneOffset.UTC).withNano(0),
        Runtime.getRuntime().availableProcessors(), System.getProperty("java.version"));
    line("command: %s --server.port=<free> --spring.datasource.url=jdbc:h2:file:<new dir>/recontact "
        + "--recontact.sandbox.smtp.port=0", String.join(" ", launcher.stream().map(StartupBenchmark::shorten)
        .toList()));
    line("");
    line("%-5s %16s %16s", "run", "new database", "restart");
    List<Long> fresh = new ArrayList<>();
    List<Long> restart = new ArrayList<>();
    for (int run = 1; run <= RUNS; run++) {
      Path data = Files.createTempDirectory("recontact-startup");
      fresh.add(startOnce(launcher, data, "run" + run + "-new"));
      restart.add(startOnce(launcher, data, "run" + run + "-restart"));
      line("%-5d %16s %16s", run, ms(fresh.get(run - 1)), ms(restart.get(run - 1)));
    }
    line("%-5s %16s %16s", "median", ms(median(fresh)), ms(median(restart)));
    Path out = Path.of("target", "benchmark", "startup.txt");
    Files.createDirectories(out.getParent());
    Files.writeString(out, report);
    System.out.print(report);
  }

  static List<String> launcher() throws IOException {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    try (Stream<Path> files = Files.list(Path.of("target"))) {
      Path jar = files.filter(p -> p.getFileName().toString().matches("recontact-orchestrator-.*\\.jar")
          && !p.getFileName().toString().endsWith(".original")).findFirst().orElse(null);
      if (jar != null) {
        return List.of(java, "-jar", jar.toString());
      }
    }
    return List.of(java, "-cp", System.getProperty("java.class.path"), RecontactApplication.class.getName());
  }

  /** Milliseconds from starting the JVM to health UP with every flow deployed; the JVM is stopped afterwards. */
  long startOnce(List<String> launcher, Path data, String label) throws Exception {
    int port;
    try (ServerSocket socket = new ServerSocket(0)) {
      port = socket.getLocalPort();
    }
    List<String> command = new ArrayList<>(launcher);
    command.addAll(List.of("--server.port=" + port, "--server.address=127.0.0.1",
        "--spring.datasource.url=jdbc:h2:file:" + data.resolve("recontact").toAbsolutePath(),
        "--recontact.sandbox.smtp.port=0"));
    Path log = Path.of("target", "benchmark", "startup-" + label + ".log");
    Files.createDirectories(log.getParent());
    long start = System.nanoTime();
    Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    try {
      long deadline = start + Duration.ofMinutes(5).toNanos();
      while (!(healthUp(port) && flowsDeployed(port))) {
        if (!process.isAlive() || System.nanoTime() > deadline) {
          throw new AssertionError("the application did not come up; see " + log);
        }
        Thread.sleep(50);
      }
      return (System.nanoTime() - start) / 1_000_000;
    } finally {
      process.destroy();
      if (!process.waitFor(60, java.util.concurrent.TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor();
      }
    }
  }

  boolean healthUp(int port) {
    String body = get(port, "/actuator/health", false);
    return body != null && body.contains("\"status\":\"UP\"");
  }

  boolean flowsDeployed(int port) {
    String body = get(port, "/engine-rest/process-definition?latestVersion=true", true);
    return body != null && FLOWS.stream().allMatch(key -> body.contains("\"key\":\"" + key + "\""));
  }

  String get(int port, String path, boolean authenticated) {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
        .timeout(Duration.ofSeconds(2));
    if (authenticated) {
      request.header("Authorization", "Basic " + Base64.getEncoder()
          .encodeToString("demo:demo".getBytes(StandardCharsets.UTF_8)));
    }
    try {
      HttpResponse<String> answer = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
      return answer.statusCode() == 200 ? answer.body() : null;
    } catch (IOException e) {
      return null;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return null;
    }
  }

  static long median(List<Long> values) {
    List<Long> sorted = values.stream().sorted().toList();
    assertThat(sorted).isNotEmpty();
    return sorted.get(sorted.size() / 2);
  }

  static String shorten(String part) {
    return part.length() > 80 ? part.substring(0, 40) + "…" + File.pathSeparator + "…" : part;
  }

  static String ms(long millis) {
    return String.format(Locale.ROOT, "%,d ms", millis);
  }

  void line(String format, Object... args) {
    report.append(String.format(Locale.ROOT, format, args)).append('\n');
  }
}
