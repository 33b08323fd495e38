package io.recontact.benchmark;

import java.lang.management.ManagementFactory;

/** The JIT compilers' accumulated time in this JVM (all compiler threads together), in milliseconds. */
public final class JitTime {

  private JitTime() {
  }

  public static long millis() {
    return ManagementFactory.getCompilationMXBean().getTotalCompilationTime();
  }
}
