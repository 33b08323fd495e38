package io.recontact.benchmark;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.util.Locale;
import org.camunda.bpm.engine.variable.value.SerializableValue;
import org.camunda.bpm.engine.variable.value.TypedValue;

/** The text report every benchmark prints: figure lines against their goals, and how variable sizes are counted. */
public abstract class BenchmarkReport {

  protected final StringBuilder report = new StringBuilder();

  /**
   * Bytes of a process variable as the benchmarks count them: UTF-8 bytes of strings and serialized values, the
   * length of byte arrays, 1 per boolean, 4 per int, 8 per long, double or date.
   */
  public static long size(TypedValue value) {
    if (value instanceof SerializableValue s && s.getValueSerialized() != null) {
      return s.getValueSerialized().getBytes(UTF_8).length;
    }
    Object v = value == null ? null : value.getValue();
    if (v == null) {
      return 0;
    }
    if (v instanceof String s) {
      return s.getBytes(UTF_8).length;
    }
    if (v instanceof byte[] b) {
      return b.length;
    }
    return v instanceof Boolean ? 1 : v instanceof Integer ? 4 : 8;
  }

  public static String ms(long millis) {
    return String.format(Locale.ROOT, "%,d ms", millis);
  }

  protected void goal(String figure, String value, String goal, Boolean met) {
    line("%-46s %14s %10s %s", figure, value, goal, met == null ? "" : met ? "yes" : "NO");
  }

  protected void line(String format, Object... args) {
    report.append(String.format(Locale.ROOT, format, args)).append('\n');
  }
}
