package io.recontact.engine;

import org.camunda.bpm.engine.impl.jobexecutor.JobExecutor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.ApplicationContext;
import org.springframework.context.ApplicationListener;
import org.springframework.context.event.ContextClosedEvent;
import org.springframework.core.Ordered;
import org.springframework.stereotype.Component;

/**
 * The first step of a stop (SIGTERM, Ctrl-C, context close): the job executor acquires no more jobs. Jobs already
 * running go on, and Spring's stop of Camunda's task executor ({@code camundaTaskExecutor}, a lifecycle bean) waits
 * for them up to {@code spring.lifecycle.timeout-per-shutdown-phase}; jobs acquired but not started yet are unlocked
 * (Camunda does that once the executor is inactive), so they run at once on the next start or another node. Only
 * then does the engine close: its metrics reporter stores the last counts, and the data source closes after it.
 *
 * <p>Without this, the acquisition thread ran until the engine closed, after the task executor had stopped taking
 * work: each job it locked then was refused and stayed locked for the job lock time (5 minutes) after a restart.
 */
@Component
class JobExecutorShutdown implements ApplicationListener<ContextClosedEvent>, Ordered {

  private static final Logger LOG = LoggerFactory.getLogger(JobExecutorShutdown.class);

  private final ApplicationContext context;
  private final ObjectProvider<JobExecutor> jobExecutor;

  JobExecutorShutdown(ApplicationContext context, ObjectProvider<JobExecutor> jobExecutor) {
    this.context = context;
    this.jobExecutor = jobExecutor;
  }

  @Override
  public void onApplicationEvent(ContextClosedEvent event) {
    if (event.getApplicationContext() != context) {
      return;
    }
    jobExecutor.ifAvailable(executor -> {
      if (executor.isActive()) {
        LOG.info("Stopping: the job executor acquires no more jobs; running jobs may finish");
        executor.shutdown();
      }
    });
  }

  /** Before the task executor's own early shutdown, which listens to the same event. */
  @Override
  public int getOrder() {
    return Ordered.HIGHEST_PRECEDENCE;
  }
}
