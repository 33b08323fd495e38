package io.recontact.metrics;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.metrics.Meter;
import org.camunda.bpm.engine.management.Metrics;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * The job executor's figures of this node. Camunda counts them in memory and its DB reporter moves the counts to
 * ACT_RU_METER_LOG every 15 minutes and when the engine closes, so a total is what this node's reporter stored plus
 * what it holds in memory; it
 * is read at most every {@link #CACHE} (one sum query per figure) and never goes down. Waiting, locked and failed jobs
 * are counted in the job table, shared by all nodes.
 */
@Component
class CamundaJobMetrics implements MeterBinder {

  static final Duration CACHE = Duration.ofSeconds(5);
  private static final Logger LOG = LoggerFactory.getLogger(CamundaJobMetrics.class);

  /** Camunda's metric, and the name and description it gets here. */
  static final Map<String, String[]> COUNTERS = new LinkedHashMap<>();

  static {
    COUNTERS.put(Metrics.JOB_ACQUISITION_ATTEMPT, new String[] {"recontact.camunda.job.acquisition.attempts",
        "Job acquisition cycles of this node's job executor"});
    COUNTERS.put(Metrics.JOB_ACQUIRED_SUCCESS, new String[] {"recontact.camunda.jobs.acquired",
        "Jobs this node locked for execution"});
    COUNTERS.put(Metrics.JOB_ACQUIRED_FAILURE, new String[] {"recontact.camunda.jobs.acquisition.failed",
        "Jobs this node tried to lock but another node had locked first"});
    COUNTERS.put(Metrics.JOB_EXECUTION_REJECTED, new String[] {"recontact.camunda.jobs.rejected",
        "Acquired jobs the executor's queue refused (all threads busy)"});
    COUNTERS.put(Metrics.JOB_SUCCESSFUL, new String[] {"recontact.camunda.jobs.succeeded",
        "Jobs executed successfully"});
    COUNTERS.put(Metrics.JOB_FAILED, new String[] {"recontact.camunda.jobs.failed",
        "Job executions that failed (each failed attempt)"});
    COUNTERS.put(Metrics.JOB_LOCKED_EXCLUSIVE, new String[] {"recontact.camunda.jobs.locked.exclusive",
        "Exclusive jobs of the same instance locked and run right after the job that created them"});
  }

  private final ProcessEngine engine;
  private final Clock clock = Clock.systemUTC();
  private final Map<String, Cached> cache = new ConcurrentHashMap<>();

  CamundaJobMetrics(ProcessEngine engine) {
    this.engine = engine;
  }

  @Override
  public void bindTo(MeterRegistry registry) {
    ProcessEngineConfigurationImpl config = configuration();
    if (config.isMetricsEnabled()) {
      COUNTERS.forEach((metric, meter) -> FunctionCounter.builder(meter[0], this, m -> m.total(metric))
          .description(meter[1] + " (Camunda metric " + metric + ")").register(registry));
    }
    ManagementService management = engine.getManagementService();
    gauge(registry, "recontact.camunda.jobs.waiting", "Jobs due and not locked: waiting for a job executor thread",
        () -> management.createJobQuery().executable().active().count()
            - management.createJobQuery().executable().active().acquired().count());
    gauge(registry, "recontact.camunda.jobs.locked", "Jobs locked by a job executor (running or about to run)",
        () -> management.createJobQuery().acquired().count());
    gauge(registry, "recontact.camunda.jobs.no.retries", "Jobs out of retries: each one has an incident",
        () -> management.createJobQuery().noRetriesLeft().count());
  }

  private void gauge(MeterRegistry registry, String name, String description, LongSupplier query) {
    Gauge.builder(name, this, m -> m.cached(name, query)).description(description).register(registry);
  }

  /**
   * What this node's reporter stored plus what it still holds; never below the last answer. Camunda's sum query of
   * one metric without an end date already adds the count still in memory (MeterLogManager.executeSelectSum), so
   * that count is added here only when there is no DB reporter.
   */
  double total(String metric) {
    return cached(metric, () -> {
      ProcessEngineConfigurationImpl config = configuration();
      long total;
      if (config.isDbMetricsReporterActivate() && config.getDbMetricsReporter() != null) {
        String reporter = config.getDbMetricsReporter().getMetricsCollectionTask().getReporter();
        var query = engine.getManagementService().createMetricsQuery().name(metric);
        total = reporter == null ? query.sum() : query.reporter(reporter).sum();
      } else {
        Meter meter = config.getMetricsRegistry().getDbMeterByName(metric);
        total = meter == null ? 0 : meter.get();
      }
      Cached last = cache.get(metric);
      return last == null ? total : Math.max(last.value(), total);
    });
  }

  private double cached(String key, LongSupplier read) {
    long now = clock.millis();
    Cached last = cache.get(key);
    if (last != null && now - last.at() < CACHE.toMillis()) {
      return last.value();
    }
    long value;
    try {
      value = read.getAsLong();
    } catch (RuntimeException e) {
      // The database is away: the scrape still answers (the JVM's figures matter most then), with the last value.
      LOG.warn("Metric {} not read from the engine: {}", key, e.toString());
      return last == null ? Double.NaN : last.value();
    }
    cache.put(key, new Cached(value, now));
    return value;
  }

  private ProcessEngineConfigurationImpl configuration() {
    return (ProcessEngineConfigurationImpl) engine.getProcessEngineConfiguration();
  }

  private record Cached(long value, long at) {
  }
}
