package io.recontact.reliability;

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
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The application as its own JVM, started from the test JVM's class path (no packaged jar needed), its output in a
 * log file under target/reliability. {@link #kill()} is SIGKILL: no shutdown hook, no commit, no clean-up;
 * {@link #stop(Duration)} is SIGTERM, what an operator's Ctrl-C or a container stop sends. Public for the benchmarks
 * that run the simulators as their own process (TolunaQuotaBenchmark).
 */
public final class AppProcess implements AutoCloseable {

  static final Path LOGS = Path.of("target", "reliability");
  private static final java.util.Set<Process> RUNNING = java.util.concurrent.ConcurrentHashMap.newKeySet();

  static {
    // A test JVM that ends early (a failed assertion, Ctrl-C) takes its engines and simulators with it.
    Runtime.getRuntime().addShutdownHook(new Thread(() -> RUNNING.forEach(Process::destroyForcibly)));
  }

  private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

  final String name;
  final int port;
  private final Process process;
  private final Path log;

  private AppProcess(String name, int port, Process process, Path log) {
    this.name = name;
    this.port = port;
    this.process = process;
    this.log = log;
  }

  /** Quick to start (C1 only, serial GC): the crash harness starts and kills many short-lived processes. */
  static final List<String> QUICK_START = List.of("-Xmx512m", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC");

  /** Starts {@code io.recontact.RecontactApplication} with these Spring arguments and waits until it is UP. */
  public static AppProcess start(String name, int port, Map<String, String> properties) {
    return start(name, port, QUICK_START, properties);
  }

  /** As {@link #start(String, int, Map)}, with these JVM options (a long run wants the full JIT). */
  public static AppProcess start(String name, int port, List<String> jvmOptions, Map<String, String> properties) {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(jvmOptions);
    command.addAll(List.of("-cp", classPath(), "io.recontact.RecontactApplication", "--server.port=" + port));
    properties.forEach((key, value) -> command.add("--" + key + "=" + value));
    try {
      Files.createDirectories(LOGS);
      Path log = LOGS.resolve(name + ".log");
      // Not the project directory: there the top-level bpmn/ is found a second time beside target/classes/bpmn.
      Process process = new ProcessBuilder(command).directory(LOGS.toAbsolutePath().toFile()).redirectErrorStream(true)
          .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
      RUNNING.add(process);
      AppProcess app = new AppProcess(name, port, process, log);
      app.awaitUp(Duration.ofMinutes(3));
      return app;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Surefire may hand the test JVM a manifest-only jar; it keeps the real test class path in its own property. */
  private static String classPath() {
    String surefire = System.getProperty("surefire.test.class.path");
    return surefire != null && !surefire.isBlank() ? surefire : System.getProperty("java.class.path");
  }

  public static int freePort() {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public String url() {
    return "http://localhost:" + port;
  }

  long pid() {
    return process.pid();
  }

  boolean alive() {
    return process.isAlive();
  }

  private void awaitUp(Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        throw new IllegalStateException(name + " exited with " + process.exitValue() + "; see " + log);
      }
      try {
        HttpResponse<String> health = HTTP.send(HttpRequest.newBuilder(URI.create(url() + "/actuator/health"))
            .timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.ofString());
        if (health.statusCode() == 200 && health.body().contains("UP")) {
          return;
        }
      } catch (IOException e) {
        // not listening yet
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      }
      sleep(250);
    }
    kill();
    throw new IllegalStateException(name + " did not come up within " + timeout + "; see " + log);
  }

  /** SIGKILL (destroyForcibly on Linux), then waits until the process is gone. */
  void kill() {
    process.destroyForcibly();
    RUNNING.remove(process);
    try {
      process.waitFor();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /**
   * SIGTERM (destroy on Linux), then waits up to {@code timeout} for the JVM to exit; returns its exit code, or -1
   * when it was still running then (it is killed with SIGKILL).
   */
  int stop(Duration timeout) {
    process.destroy();
    try {
      if (!process.waitFor(timeout.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS)) {
        kill();
        return -1;
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
    RUNNING.remove(process);
    return process.exitValue();
  }

  Path log() {
    return log;
  }

  @Override
  public void close() {
    if (process.isAlive()) {
      kill();
    }
  }

  static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
