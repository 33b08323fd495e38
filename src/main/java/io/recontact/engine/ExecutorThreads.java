package io.recontact.engine;

import java.util.concurrent.ThreadPoolExecutor;
import org.camunda.bpm.engine.impl.jobexecutor.JobExecutor;
import org.camunda.bpm.engine.impl.jobexecutor.ThreadPoolJobExecutor;
import org.camunda.bpm.engine.spring.components.jobexecutor.SpringJobExecutor;
import org.springframework.scheduling.concurrent.ThreadPoolTaskExecutor;

/** The thread pool behind a job executor (Spring's, or Camunda's own), for what it can tell of its load. */
final class ExecutorThreads {

  private ExecutorThreads() {
  }

  /** The pool's threads and queue; null when the executor keeps them to itself. */
  static ThreadPoolExecutor poolOf(JobExecutor executor) {
    if (executor instanceof SpringJobExecutor spring && spring.getTaskExecutor() instanceof ThreadPoolTaskExecutor pool
        && pool.getThreadPoolExecutor() != null) {
      return pool.getThreadPoolExecutor();
    }
    if (executor instanceof ThreadPoolJobExecutor pool) {
      return pool.getThreadPoolExecutor();
    }
    return null;
  }

  /** True while a thread is free and no job waits in the queue for one (a job started this instant counts as busy). */
  static boolean threadFree(ThreadPoolExecutor pool) {
    return pool.getQueue().isEmpty() && pool.getActiveCount() < pool.getMaximumPoolSize();
  }
}
