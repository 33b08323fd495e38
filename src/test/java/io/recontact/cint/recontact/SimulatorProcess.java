package io.recontact.cint.recontact;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * The marketplace simulators as their own JVM ({@code simulator} profile, application-simulator.yaml), as a user
 * runs them beside the orchestrator: the benchmark's engine and its bare loop both call it over the loopback.
 * Started from the test class path; its output goes to target/benchmark/simulator.log. Killed by {@link #close()}
 * or, failing that, by the test JVM's shutdown hook.
 */
final class SimulatorProcess implements AutoCloseable {

  private final Process process;
  final String url;

  private SimulatorProcess(Process process, String url) {
    this.process = process;
    this.url = url;
  }

  static SimulatorProcess start() {
    int port;
    try (ServerSocket socket = new ServerSocket(0)) {
      port = socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    String classPath = System.getProperty("surefire.test.class.path", "");
    if (classPath.isBlank()) {
      classPath = System.getProperty("java.class.path");
    }
    List<String> command = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx384m",
        "-cp", classPath, "io.recontact.RecontactApplication", "--spring.profiles.active=simulator",
        "--server.port=" + port, "--server.address=127.0.0.1", "--recontact.sandbox.smtp.port=0");
    try {
      Path dir = Path.of("target", "benchmark").toAbsolutePath();
      Files.createDirectories(dir);
      // Not the project directory: there bpmn/ would be found twice (see reliability.AppProcess).
      Process process = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true)
          .redirectOutput(dir.resolve("simulator.log").toFile()).start();
      Runtime.getRuntime().addShutdownHook(new Thread(process::destroyForcibly));
      SimulatorProcess simulator = new SimulatorProcess(process, "http://127.0.0.1:" + port);
      simulator.awaitUp();
      return simulator;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private void awaitUp() {
    HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    long deadline = System.nanoTime() + Duration.ofMinutes(10).toNanos();
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        throw new IllegalStateException("the simulator exited; see target/benchmark/simulator.log");
      }
      try {
        HttpResponse<String> state = client.send(HttpRequest.newBuilder(URI.create(url
            + "/sandbox/cint/admin/state")).timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.ofString());
        if (state.statusCode() == 200) {
          return;
        }
      } catch (IOException e) {
        // not listening yet
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      }
      try {
        Thread.sleep(250);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      }
    }
    close();
    throw new IllegalStateException("the simulator did not come up; see target/benchmark/simulator.log");
  }

  long pid() {
    return process.pid();
  }

  @Override
  public void close() {
    process.destroy();
    try {
      if (!process.waitFor(20, java.util.concurrent.TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
