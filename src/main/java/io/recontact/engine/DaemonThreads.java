package io.recontact.engine;

import java.util.concurrent.ThreadFactory;

/**
 * Threads of the pools the flows start beside the job executor (calls, writers, timers): daemons, so a pool a job
 * left behind never keeps the JVM from stopping, and named, so a thread dump or a profile says whose work it is.
 */
public final class DaemonThreads {

  private DaemonThreads() {
  }

  /** A factory of daemon threads called {@code name}. */
  public static ThreadFactory named(String name) {
    return task -> {
      Thread thread = new Thread(task, name);
      thread.setDaemon(true);
      return thread;
    };
  }
}
