package io.recontact.benchmark;

import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * An optional async-profiler session around a measured run, for finding where a benchmark's time goes. Off unless
 * {@code -Dbenchmark.profile=wall} (or {@code cpu}, {@code itimer}, {@code alloc}) is set and async-profiler's Java API is on the test class path
 * ({@code -Dmaven.test.additionalClasspath=…/async-profiler-linux-x64.jar}, {@code -Dbenchmark.profileLib=…/libasyncProfiler.so}).
 * Writes collapsed stacks per thread to {@code target/benchmark/profile-<name>.collapsed}.
 */
public final class Profiler implements AutoCloseable {

  private static final String EVENT = System.getProperty("benchmark.profile", "");
  private static final String LIB = System.getProperty("benchmark.profileLib", "");

  private final Object profiler;
  private final Path file;

  private Profiler(Object profiler, Path file) {
    this.profiler = profiler;
    this.file = file;
  }

  /** Starts a session, or returns one that does nothing when profiling is off. */
  public static Profiler start(String name) {
    if (EVENT.isBlank()) {
      return new Profiler(null, null);
    }
    try {
      Class<?> type = Class.forName("one.profiler.AsyncProfiler");
      Object profiler = type.getMethod("getInstance", String.class).invoke(null, LIB.isBlank() ? null : LIB);
      Path file = Path.of("target", "benchmark", "profile-" + name + ".collapsed").toAbsolutePath();
      Files.createDirectories(file.getParent());
      execute(profiler, "start,event=" + EVENT + ",interval=" + interval() + ",threads");
      return new Profiler(profiler, file);
    } catch (ReflectiveOperationException | java.io.IOException e) {
      throw new IllegalStateException("async-profiler asked for (benchmark.profile) but not usable", e);
    }
  }

  /** Wall clock every 5 ms, CPU every 1 ms, allocations every 512 kB allocated. */
  private static String interval() {
    return switch (EVENT) {
      case "wall" -> "5ms";
      case "alloc" -> "524288";
      default -> "1ms";
    };
  }

  @Override
  public void close() {
    if (profiler != null) {
      execute(profiler, "stop,collapsed,file=" + file);
    }
  }

  private static void execute(Object profiler, String command) {
    try {
      Method execute = profiler.getClass().getMethod("execute", String.class);
      execute.invoke(profiler, command);
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException("async-profiler: " + command, e);
    }
  }
}
