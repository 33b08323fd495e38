package io.recontact.reliability;

import java.lang.reflect.Field;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.history.HistoricJobLog;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.cmd.ExecuteJobsCmd;
import org.camunda.bpm.engine.impl.interceptor.Command;
import org.camunda.bpm.engine.impl.interceptor.CommandInterceptor;

/**
 * How long each job waited for the job executor, exactly: an engine plugin whose outermost command interceptor notes
 * the instant each job's first execution begins (before its transaction opens), joined afterwards with the job's
 * creation entry in the history job log (its due date, or its creation time when it has none). Counts every job,
 * whether it waited unlocked in the table or acquired in the executor's queue.
 */
final class JobStarts extends AbstractProcessEnginePlugin {

  /**
   * One job's wait: from due (or created) to its first execution start ({@code millis}), and from its creation
   * ({@code sinceCreated}; longer for a job planned ahead: a timer, a chunk job io.recontact.engine.ChunkQueue plans).
   */
  record Wait(String jobId, String activityId, String type, long priority, long millis, long sinceCreated) {
  }

  private static final Field JOB_ID = jobIdField();
  private final Map<String, Instant> firstStart = new ConcurrentHashMap<>();
  private volatile Instant since = Instant.MAX;

  @Override
  public void preInit(ProcessEngineConfigurationImpl configuration) {
    List<CommandInterceptor> interceptors = configuration.getCustomPreCommandInterceptorsTxRequired() == null
        ? new ArrayList<>() : new ArrayList<>(configuration.getCustomPreCommandInterceptorsTxRequired());
    interceptors.add(0, new CommandInterceptor() {
      @Override
      public <T> T execute(Command<T> command) {
        if (command instanceof ExecuteJobsCmd) {
          Instant now = Instant.now();
          if (!now.isBefore(since)) {
            firstStart.putIfAbsent(jobId(command), now);
          }
        }
        return next.execute(command);
      }
    });
    configuration.setCustomPreCommandInterceptorsTxRequired(interceptors);
  }

  /** Records from now on, forgetting earlier starts. */
  void start() {
    firstStart.clear();
    since = Instant.now();
  }

  /** The waits of every job created since {@link #start()} that has run, worst first. */
  List<Wait> waits(ProcessEngine engine) {
    List<Wait> waits = new ArrayList<>();
    long count = engine.getHistoryService().createHistoricJobLogQuery().creationLog().count();
    for (int first = 0; first < count; first += 5000) {
      for (HistoricJobLog created : engine.getHistoryService().createHistoricJobLogQuery().creationLog()
          .listPage(first, 5000)) {
        Instant started = firstStart.get(created.getJobId());
        if (started == null || created.getTimestamp().toInstant().isBefore(since)) {
          continue; // deleted before it ran (a timer its gateway cancelled), or from before the run
        }
        Instant due = created.getJobDueDate() != null ? created.getJobDueDate().toInstant()
            : created.getTimestamp().toInstant();
        waits.add(new Wait(created.getJobId(), created.getActivityId(), created.getJobDefinitionType(),
            created.getJobPriority(), Math.max(0, Duration.between(due, started).toMillis()),
            Math.max(0, Duration.between(created.getTimestamp().toInstant(), started).toMillis())));
      }
    }
    waits.sort(Comparator.comparingLong(Wait::millis).reversed());
    return waits;
  }

  /** Median, 95th percentile, max, and the worst wait per activity (worst first). */
  static String summary(List<Wait> waits) {
    if (waits.isEmpty()) {
      return "no job ran";
    }
    List<Long> sorted = waits.stream().map(Wait::millis).sorted().toList();
    Map<String, Wait> worst = new LinkedHashMap<>();
    Map<String, Integer> count = new LinkedHashMap<>();
    for (Wait wait : waits) {
      String key = wait.activityId() == null ? wait.type() : wait.activityId();
      worst.putIfAbsent(key, wait);
      count.merge(key, 1, Integer::sum);
    }
    StringBuilder text = new StringBuilder("wait of a due job from due date (or creation) to execution start, locked "
        + "or not: " + line("all", waits) + "\n");
    waits.stream().map(Wait::priority).distinct().sorted(Comparator.reverseOrder()).forEach(priority -> text.append(
        "  " + line("priority " + priority, waits.stream().filter(w -> w.priority() == priority).toList()) + "\n"));
    List<Wait> sinceCreated = waits.stream().map(w -> new Wait(w.jobId(), w.activityId(), w.type(), w.priority(),
        w.sinceCreated(), w.sinceCreated())).toList();
    text.append("from creation to execution start (a timer's or a planned chunk job's time to its due date "
        + "included; a timer's wait is its purpose): " + line("all", sinceCreated) + "\n");
    sinceCreated.stream().map(Wait::priority).distinct().sorted(Comparator.reverseOrder()).forEach(priority -> text
        .append("  " + line("priority " + priority, sinceCreated.stream().filter(w -> w.priority() == priority)
            .toList()) + "\n"));
    text.append(String.format("%-32s %6s %8s %10s %14s%n", "activity (worst first)", "jobs", "priority", "max ms",
        "max ms created"));
    worst.forEach((activity, wait) -> text.append(String.format("%-32s %6d %8d %10d %14d%n", activity,
        count.get(activity), wait.priority(), wait.millis(), waits.stream().filter(w -> activity.equals(
            w.activityId() == null ? w.type() : w.activityId())).mapToLong(Wait::sinceCreated).max().orElse(0))));
    return text.toString().stripTrailing();
  }

  /** "label: n jobs, median, p95, max". */
  static String line(String label, List<Wait> waits) {
    List<Long> sorted = waits.stream().map(Wait::millis).sorted().toList();
    return label + " " + sorted.size() + " jobs: median " + percentile(sorted, 50) + " ms, p95 " + percentile(sorted, 95)
        + " ms, max " + sorted.get(sorted.size() - 1) + " ms";
  }

  static long percentile(List<Long> sorted, int percent) {
    int index = (int) Math.ceil(percent / 100.0 * sorted.size()) - 1;
    return sorted.get(Math.max(0, Math.min(sorted.size() - 1, index)));
  }

  private static String jobId(Command<?> command) {
    try {
      return (String) JOB_ID.get(command);
    } catch (IllegalAccessException e) {
      throw new IllegalStateException(e);
    }
  }

  private static Field jobIdField() {
    try {
      Field field = ExecuteJobsCmd.class.getDeclaredField("jobId");
      field.setAccessible(true);
      return field;
    } catch (NoSuchFieldException e) {
      throw new IllegalStateException("ExecuteJobsCmd has no jobId field in this Camunda version", e);
    }
  }
}
