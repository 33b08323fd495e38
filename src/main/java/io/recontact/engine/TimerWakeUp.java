package io.recontact.engine;

import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.cfg.TransactionState;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.interceptor.Session;
import org.camunda.bpm.engine.impl.interceptor.SessionFactory;
import org.camunda.bpm.engine.impl.jobexecutor.JobExecutor;
import org.camunda.bpm.engine.impl.persistence.entity.JobManager;
import org.camunda.bpm.engine.impl.persistence.entity.MessageEntity;
import org.camunda.bpm.engine.impl.persistence.entity.TimerEntity;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;

/**
 * Timers fire on time without faster database polling. Camunda tells the job executor about a job only when it is
 * due at once; a timer due later is found by the next acquisition, which an idle executor runs only every
 * {@code max-wait} (5 s). A job check planned in 1 s then ran up to 5 s late: the engine's whole cost against a
 * bare loop (docs/benchmarks-cint.md). This node therefore wakes its own job executor at the due time of each
 * timer it creates (after the creating transaction committed) if that is within
 * {@code recontact.polling.wake-horizon}; the acquisition then finds the timer due. Timers of other nodes, and
 * those beyond the horizon, are still found by the regular acquisition, so nothing depends on the wake: a lost
 * wake (a restart, {@value #MAX_PENDING} pending) only costs that acquisition's delay, as before. The same for the
 * chunk jobs {@link ChunkQueue} plans ahead: this is where a new message job gets its planned due date.
 */
@Component
public class TimerWakeUp extends AbstractProcessEnginePlugin implements DisposableBean {

  /** More pending wakes than this (a burst of timers) and the further ones rely on the regular acquisition. */
  static final int MAX_PENDING = 10_000;
  /** After the due time: the acquisition's "due" is {@code DUEDATE_ <= now}, never woken a moment too early. */
  static final long MARGIN_MILLIS = 5;

  private final long horizonMillis;
  private final AtomicInteger pending = new AtomicInteger();
  private final ScheduledExecutorService scheduler =
      Executors.newSingleThreadScheduledExecutor(DaemonThreads.named("timer-wake-up"));
  private final ChunkQueue chunks;
  private volatile ProcessEngineConfigurationImpl configuration;

  public TimerWakeUp(PollingProperties polling, ChunkQueue chunks) {
    this.horizonMillis = polling.wakeHorizon().toMillis();
    this.chunks = chunks;
  }

  @Override
  public void preInit(ProcessEngineConfigurationImpl configuration) {
    this.configuration = configuration;
    List<SessionFactory> factories = configuration.getCustomSessionFactories() == null ? new ArrayList<>()
        : new ArrayList<>(configuration.getCustomSessionFactories());
    // Replaces Camunda's JobManager factory (custom factories are registered after the defaults).
    factories.add(new SessionFactory() {
      @Override
      public Class<?> getSessionType() {
        return JobManager.class;
      }

      @Override
      public Session openSession() {
        return new WakingJobManager();
      }
    });
    configuration.setCustomSessionFactories(factories);
  }

  /** Camunda's JobManager that also asks for a wake at each new timer's due time once its transaction commits. */
  final class WakingJobManager extends JobManager {
    @Override
    public void schedule(TimerEntity timer) {
      super.schedule(timer);
      wakeAtDueDate(timer.getDuedate());
    }

    /** A chunk job is planned for when the threads reach it ({@link ChunkQueue}) and woken for like a timer. */
    @Override
    public void send(MessageEntity message) {
      chunks.plan(message);
      super.send(message);
      wakeAtDueDate(message.getDuedate());
    }

    private void wakeAtDueDate(Date due) {
      long delay = due == null ? -1 : due.getTime() - ClockUtil.getCurrentTime().getTime();
      // Due now: Camunda hints the executor itself. Beyond the horizon: the regular acquisition.
      if (delay > 0 && delay <= horizonMillis) {
        Context.getCommandContext().getTransactionContext()
            .addTransactionListener(TransactionState.COMMITTED, context -> wakeAt(due));
      }
    }
  }

  void wakeAt(Date due) {
    if (pending.incrementAndGet() > MAX_PENDING) {
      pending.decrementAndGet();
      return;
    }
    long delay = Math.max(0, due.getTime() - ClockUtil.getCurrentTime().getTime()) + MARGIN_MILLIS;
    try {
      scheduler.schedule(this::wake, delay, TimeUnit.MILLISECONDS);
    } catch (java.util.concurrent.RejectedExecutionException stopped) {
      pending.decrementAndGet();
    }
  }

  private void wake() {
    pending.decrementAndGet();
    JobExecutor executor = configuration == null ? null : configuration.getJobExecutor();
    if (executor != null && executor.isActive()) {
      executor.jobWasAdded();
    }
  }

  int pending() {
    return pending.get();
  }

  @Override
  public void destroy() {
    scheduler.shutdownNow();
  }
}
