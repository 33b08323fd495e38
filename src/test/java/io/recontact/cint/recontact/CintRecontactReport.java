package io.recontact.cint.recontact;

import static io.recontact.cint.recontact.CintRecontactBenchmark.IDS;
import static io.recontact.cint.recontact.CintRecontactBenchmark.MIB;
import static io.recontact.cint.recontact.CintRecontactBenchmark.ROUNDS;
import static io.recontact.cint.recontact.CintRecontactBenchmark.WARM_UP;
import static io.recontact.cint.recontact.CintRecontactBenchmark.WARM_UP_ROUNDS;
import static io.recontact.cint.recontact.CintRecontactBenchmark.loadAverage;
import static io.recontact.cint.recontact.CintRecontactBenchmark.product;
import static io.recontact.cint.recontact.CintRecontactBenchmark.simulator;
import static java.nio.charset.StandardCharsets.UTF_8;

import io.recontact.benchmark.BenchmarkReport;
import io.recontact.benchmark.HeapPeak;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.history.HistoricActivityInstance;
import org.camunda.bpm.engine.history.HistoricVariableInstance;
import org.camunda.bpm.engine.variable.value.SerializableValue;
import org.camunda.bpm.engine.variable.value.TypedValue;

/**
 * The report of {@link CintRecontactBenchmark}: its figures against the goals, then where the process's time went
 * (activities, timeline, jobs) from the engine's history. Written to target/benchmark and printed.
 */
final class CintRecontactReport extends BenchmarkReport {

  final CintRecontactBenchmark bench;
  final ProcessEngine engine;

  CintRecontactReport(CintRecontactBenchmark benchmark) {
    this.bench = benchmark;
    this.engine = benchmark.engine;
  }

  static long median(List<Long> values) {
    List<Long> sorted = values.stream().sorted().toList();
    int n = sorted.size();
    return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
  }

  void write(String instance, long processMillis, BareCintLoop.Result bare, long heapPools, long heapSampled,
      long loopHeap, Map<String, Long> processCalls, Map<String, Long> loopCalls) throws Exception {
    HistoryService history = engine.getHistoryService();
    List<String> instances = new ArrayList<>(List.of(instance));
    history.createHistoricProcessInstanceQuery().superProcessInstanceId(instance).list()
        .forEach(p -> instances.add(p.getId()));
    long jobs = 0;
    long failedJobs = 0;
    long variableBytes = 0;
    long variableCount = 0;
    long details = 0;
    for (String id : instances) {
      jobs += history.createHistoricJobLogQuery().processInstanceId(id).successLog().count();
      failedJobs += history.createHistoricJobLogQuery().processInstanceId(id).failureLog().count();
      List<HistoricVariableInstance> variables = history.createHistoricVariableInstanceQuery().processInstanceId(id)
          .disableCustomObjectDeserialization().list();
      variableCount += variables.size();
      variableBytes += variables.stream().mapToLong(v -> size(v.getTypedValue())).sum();
      details += history.createHistoricDetailQuery().processInstanceId(id).variableUpdates().count();
    }
    long processMedian = median(bench.processRounds);
    long loopMedian = median(bench.loopRounds);
    double ratio = (double) processMedian / loopMedian;
    line("Cint recontact benchmark, %s, %d cores, Java %s, max heap %d MiB (%s)",
        OffsetDateTime.now(ZoneOffset.UTC).withNano(0), Runtime.getRuntime().availableProcessors(),
        System.getProperty("java.version"), HeapPeak.maxHeap() / MIB, HeapPeak.collectors());
    line("database: %s; settings: %s; simulator: %s; load average before/after: %s / %s",
        ((org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl) engine.getProcessEngineConfiguration())
            .getDatabaseType(), product()
        ? "product (job executor, polling, Cint rates: defaults)" : "test profile (100 ms acquisition, 200 ms checks)",
        simulator == null ? "inside the test's server" : "own process, pid " + simulator.pid() + ", " + simulator.url,
        bench.loadBefore, loadAverage());
    line("%,d clean RSIDs (warm-up: %d x %,d each side; %d measured rounds), launch; simulator job durations %s; "
        + "files of at most %,d IDs / %,d bytes; first upload check after %s; job acquisition pause %d ms, max wait "
        + "%d ms", IDS, WARM_UP_ROUNDS, WARM_UP, ROUNDS, product() ? "its defaults" : "0",
        bench.limits.maxIdsPerFile(), bench.limits.maxBytesPerFile(),
        bench.polling.planned(java.time.Duration.ZERO, bench.rates.upload(IDS)), bench.jobWaitMillis,
        bench.jobMaxWaitMillis);
    line("");
    line("%-46s %14s %10s %s", "figure", "value", "goal", "met");
    goal("process wall time, POST to TargetGroupLive", ms(processMedian), "", null);
    goal("bare loop wall time (same Cint calls)", ms(loopMedian), "", null);
    goal("ratio process / loop", String.format(Locale.ROOT, "%.2f", ratio), "<= 1.2", ratio <= 1.2);
    line("%-46s %s", "  medians of rounds: process", bench.processRounds);
    line("%-46s %s", "                     loop", bench.loopRounds);
    line("%-46s %s", "  ratio per round", java.util.stream.IntStream.range(0, bench.processRounds.size())
        .mapToObj(i -> String.format(Locale.ROOT, "%.2f",
            (double) bench.processRounds.get(i) / bench.loopRounds.get(i)))
        .toList());
    line("Below: the last round.");
    goal("engine jobs executed (success log, 2 instances)", "" + jobs, "", null);
    goal("  failed jobs", "" + failedJobs, "", null);
    goal("process variables (history, 2 instances)", variableBytes + " B (" + variableCount + ")", "", null);
    goal("  history: variable updates (ACT_HI_DETAIL)", "" + details, "", null);
    goal("peak heap, sampled every 20 ms", heapSampled / MIB + " MiB", "", null);
    goal("  sum of heap pools' peaks (upper bound)", heapPools / MIB + " MiB", "", null);
    goal("  loop: peak heap, sampled", loopHeap / MIB + " MiB", "", null);
    goal("GC time during the process run", ms(bench.gcPauses[0]), "", null);
    goal("  during the loop", ms(bench.gcPauses[1]), "", null);
    line("");
    line("Loop: hygiene %s, target group + upload + checks %s (%d files, %d checks), launch %s (%d checks).",
        ms(bare.hygieneMillis()), ms(bare.uploadMillis()), bare.files(), bare.uploadChecks(), ms(bare.launchMillis()),
        bare.launchChecks());
    line("Loop: render + upload call %s, upload check calls %s (compare StartUploadJob and CheckUploadJob below).",
        ms(bare.createMillis()), ms(bare.checkMillis()));
    line("Simulator calls. Process: %s", processCalls);
    line("Simulator calls. Loop:    %s", loopCalls);
    line("");
    activities(instances, processMillis);
    line("");
    timeline(instances);
    line("");
    jobs(instances);
    Path out = Path.of("target", "benchmark", bench.reportName());
    Files.createDirectories(out.getParent());
    Files.writeString(out, report);
    System.out.print(report);
  }

  /** Where the process's time went: per BPMN activity its runs and summed duration (timers: their wait). */
  void activities(List<String> instances, long processMillis) {
    Map<String, long[]> runs = new TreeMap<>();
    for (String id : instances) {
      for (HistoricActivityInstance a : engine.getHistoryService().createHistoricActivityInstanceQuery()
          .processInstanceId(id).list()) {
        long[] r = runs.computeIfAbsent(a.getActivityId(), k -> new long[2]);
        r[0]++;
        r[1] += a.getDurationInMillis() == null ? 0 : a.getDurationInMillis();
      }
    }
    line("%-28s %6s %12s %7s", "activity", "runs", "sum of runs", "share");
    runs.forEach((activity, r) -> line("%-28s %6d %12s %6.1f%%", activity, r[0], ms(r[1]),
        100.0 * r[1] / processMillis));
  }

  /** Activities in start order, as offsets from the POST: the gaps between them are the engine's hand-offs. */
  void timeline(List<String> instances) {
    line("timeline (ms after the POST was sent; the POST answered at %,d)", bench.postAnswered - bench.postSent);
    List<HistoricActivityInstance> all = new ArrayList<>();
    for (String id : instances) {
      all.addAll(engine.getHistoryService().createHistoricActivityInstanceQuery().processInstanceId(id).list());
    }
    all.sort(java.util.Comparator.comparing(HistoricActivityInstance::getStartTime)
        .thenComparing(a -> a.getEndTime() == null ? a.getStartTime() : a.getEndTime()));
    for (HistoricActivityInstance a : all) {
      line("%7d %7s  %s", a.getStartTime().getTime() - bench.postSent,
          a.getEndTime() == null ? "" : String.valueOf(a.getEndTime().getTime() - bench.postSent), a.getActivityId());
    }
  }

  /**
   * Each engine job: created, due (timers) and done (its success log), as offsets from the POST; "wait" is done minus
   * the later of created and due, i.e. the job executor's pick-up plus the job's own run. Sums per kind of job.
   */
  void jobs(List<String> instances) {
    Map<String, org.camunda.bpm.engine.history.HistoricJobLog> created = new java.util.HashMap<>();
    Map<String, org.camunda.bpm.engine.history.HistoricJobLog> done = new java.util.HashMap<>();
    for (String id : instances) {
      engine.getHistoryService().createHistoricJobLogQuery().processInstanceId(id).creationLog().list()
          .forEach(j -> created.putIfAbsent(j.getJobId(), j));
      engine.getHistoryService().createHistoricJobLogQuery().processInstanceId(id).successLog().list()
          .forEach(j -> done.put(j.getJobId(), j));
    }
    line("jobs (ms after the POST): created, due, done; wait = done - max(created, due): pick-up + run");
    Map<String, long[]> sums = new TreeMap<>();
    created.values().stream().sorted(java.util.Comparator.comparing(
        org.camunda.bpm.engine.history.HistoricJobLog::getTimestamp)).forEach(c -> {
          org.camunda.bpm.engine.history.HistoricJobLog d = done.get(c.getJobId());
          long at = c.getTimestamp().getTime() - bench.postSent;
          long due = c.getJobDueDate() == null ? at : c.getJobDueDate().getTime() - bench.postSent;
          long end = d == null ? -1 : d.getTimestamp().getTime() - bench.postSent;
          long wait = d == null ? 0 : end - Math.max(at, due);
          String kind = c.getJobDefinitionType();
          long[] sum = sums.computeIfAbsent(kind, k -> new long[2]);
          sum[0]++;
          sum[1] += wait;
          line("%7d %7d %7d %6d  %-26s %s", at, due, end, wait, c.getActivityId(), kind);
        });
    sums.forEach((kind, sum) -> line("  %-34s %3d jobs, waits %s in all", kind, sum[0], ms(sum[1])));
  }
}
