package io.recontact.toluna.recontactquota;

import static io.recontact.toluna.recontactquota.TolunaQuotaBenchmark.MEMBERS;
import static io.recontact.toluna.recontactquota.TolunaQuotaBenchmark.MIB;
import static java.nio.charset.StandardCharsets.UTF_8;

import io.recontact.benchmark.BenchmarkReport;
import io.recontact.benchmark.CpuUse;
import io.recontact.benchmark.HeapPeak;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.history.HistoricActivityInstance;
import org.camunda.bpm.engine.history.HistoricJobLog;
import org.camunda.bpm.engine.history.HistoricVariableInstance;
import org.camunda.bpm.engine.variable.value.SerializableValue;
import org.camunda.bpm.engine.variable.value.TypedValue;

/**
 * The report of {@link TolunaQuotaBenchmark}: its figures against the goals, then where the process's time went per
 * activity, from the engine's history. Written to target/benchmark/toluna-quota-&lt;database&gt;.txt and printed.
 */
final class TolunaQuotaReport extends BenchmarkReport {

  final TolunaQuotaBenchmark bench;
  final ProcessEngine engine;

  TolunaQuotaReport(TolunaQuotaBenchmark benchmark) {
    this.bench = benchmark;
    this.engine = benchmark.engine;
  }

  void write(String instance, long processMillis, long observedMillis, BareInviteLoop.Result bare, long heapPools,
      long heapSampled, long liveAfter, long loopHeap, Map<String, Long> simulatorCalls, long received, int pageSize,
      int inviteThreads, int deliveryThreads, CpuUse processCpu, CpuUse loopCpu, long processJit, long loopJit)
      throws Exception {
    HistoryService history = engine.getHistoryService();
    List<HistoricJobLog> succeeded = history.createHistoricJobLogQuery().processInstanceId(instance).successLog()
        .list();
    long created = history.createHistoricJobLogQuery().processInstanceId(instance).creationLog().count();
    long failed = history.createHistoricJobLogQuery().processInstanceId(instance).failureLog().count();
    List<HistoricVariableInstance> variables = history.createHistoricVariableInstanceQuery()
        .processInstanceId(instance).disableCustomObjectDeserialization().list();
    long variableBytes = variables.stream().mapToLong(v -> size(v.getTypedValue())).sum();
    long details = history.createHistoricDetailQuery().processInstanceId(instance).variableUpdates().count();
    double ratio = (double) processMillis / bare.totalMillis();

    line("Toluna quota benchmark on %s, %s, %d cores, load average %.2f at the end, Java %s, max heap %d MiB (%s)",
        bench.database(), OffsetDateTime.now(ZoneOffset.UTC).withNano(0), Runtime.getRuntime().availableProcessors(),
        ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage(),
        System.getProperty("java.version"), HeapPeak.maxHeap() / MIB, HeapPeak.collectors());
    line("%,d members, 1 quota; page size %d, invite chunk %d x %d threads (max/s %s), delivery %d threads, "
        + "job acquisition wait %d ms (max %d ms), member sync off; simulator and receiver: own process",
        MEMBERS, pageSize, bench.flow.invite().chunkSize(), inviteThreads,
        bench.flow.invite().maxPerSecond() == 0 ? "no limit" : bench.flow.invite().maxPerSecond(), deliveryThreads,
        bench.jobWaitMillis, bench.jobMaxWaitMillis);
    line("");
    line("%-46s %14s %10s %s", "figure", "value", "goal", "met");
    goal("process wall time, sweep to WaitForQuotaChange", ms(processMillis), "", null);
    goal("  (as the test's 200 ms poll saw it)", ms(observedMillis), "", null);
    goal("bare loop wall time (page + generate + POST)", ms(bare.totalMillis()), "", null);
    goal("ratio process / loop", String.format(Locale.ROOT, "%.2f", ratio), "<= 1.3", ratio <= 1.3);
    goal("jobs executed by the instance (success log)", "" + succeeded.size(), "<= 300", succeeded.size() <= 300);
    goal("  job log: created / failed", created + " / " + failed, "", null);
    goal("process variables of the instance", variableBytes + " B (" + variables.size() + ")", "<= 100 kB",
        variableBytes <= 100_000);
    goal("  history: variable updates (ACT_HI_DETAIL)", "" + details, "", null);
    goal("peak heap, sampled every 20 ms", heapSampled / MIB + " MiB", "<= 512 MB", heapSampled <= 512 * MIB);
    goal("  sum of heap pools' peaks (upper bound)", heapPools / MIB + " MiB", "", null);
    goal("  heap live after the run (after a full GC)", liveAfter / MIB + " MiB", "", null);
    goal("  loop: peak heap, sampled", loopHeap / MIB + " MiB", "", null);
    line("");
    line("HTTP calls. Process: simulator %s, webhook POSTs %,d. Loop: %d pages, %,d GenerateInvite, %,d POSTs.",
        simulatorCalls, received, bare.pages(), bare.invites(), bare.posted());
    line("Loop phases: page %s, generate %s, POST %s.", ms(bare.pageMillis()), ms(bare.generateMillis()),
        ms(bare.postMillis()));
    line("CPU time. Process: test JVM (engine; the database when H2) %s (its garbage collector %s), child processes "
        + "(simulator and receiver, PostgreSQL) %s, total %s. Loop: test JVM %s (garbage collector %s), child "
        + "processes %s, total %s.", ms(processCpu.thisJvmMillis()), ms(processCpu.gcMillis()),
        ms(processCpu.childrenMillis()), ms(processCpu.totalMillis()), ms(loopCpu.thisJvmMillis()),
        ms(loopCpu.gcMillis()), ms(loopCpu.childrenMillis()), ms(loopCpu.totalMillis()));
    if (bench.h2Written > 0) {
      line("H2 wrote %,d MB to its file during the process run (every commit stores the pages it changed) and read "
          + "%,d MB back (pages its cache no longer held); %s.", bench.h2Written / 1_000_000, bench.h2Read / 1_000_000,
          bench.h2Cache);
    }
    if (bench.settle != null) {
      line("Between them (counted in neither): %s waiting for PostgreSQL's autovacuum of the process's rows, %s of CPU "
          + "(its vacuum, the resets).", ms(bench.settleMillis), ms(bench.settle.totalMillis()));
    }
    line("JIT compilation in the test JVM: process %s, loop %s. Warm-up: %d round(s) of %,d codes (process and loop; "
        + "wall / JIT per round: %s).", ms(processJit), ms(loopJit), bench.warmUp.size(), TolunaQuotaBenchmark.WARM_UP,
        bench.warmUp.stream().map(r -> ms(r[0]) + " / " + ms(r[1])).collect(Collectors.joining(", ")));
    line("");
    activities(instance, processMillis, succeeded);
    Path out = Path.of("target", "benchmark", "toluna-quota-" + bench.database() + ".txt");
    Files.createDirectories(out.getParent());
    Files.writeString(out, report);
    System.out.print(report);
  }

  /**
   * Where the process's time went: per activity its runs, jobs, summed execution time and span (first start to last
   * end); then the hand-offs, from each job's creation (inside the previous job) to the start of its activity.
   */
  void activities(String instance, long processMillis, List<HistoricJobLog> succeeded) {
    Set<String> ran = succeeded.stream().map(HistoricJobLog::getJobId).collect(Collectors.toSet());
    Map<String, List<Long>> createdAt = new TreeMap<>();
    engine.getHistoryService().createHistoricJobLogQuery().processInstanceId(instance).creationLog().list().stream()
        .filter(j -> ran.contains(j.getJobId())).sorted(Comparator.comparing(HistoricJobLog::getTimestamp))
        .forEach(j -> createdAt.computeIfAbsent(j.getActivityId(), k -> new ArrayList<>())
            .add(j.getTimestamp().getTime()));
    Map<String, List<HistoricActivityInstance>> runs = new TreeMap<>();
    engine.getHistoryService().createHistoricActivityInstanceQuery().processInstanceId(instance).list().stream()
        .sorted(Comparator.comparing(HistoricActivityInstance::getStartTime))
        .forEach(a -> runs.computeIfAbsent(a.getActivityId(), k -> new ArrayList<>()).add(a));
    line("%-28s %6s %6s %12s %12s %7s", "activity", "runs", "jobs", "sum of runs", "span", "share");
    long inActivities = 0;
    long handOffs = 0;
    for (Map.Entry<String, List<HistoricActivityInstance>> e : runs.entrySet()) {
      List<HistoricActivityInstance> list = e.getValue();
      long sum = list.stream().mapToLong(a -> a.getDurationInMillis() == null ? 0 : a.getDurationInMillis()).sum();
      List<Long> jobs = createdAt.getOrDefault(e.getKey(), List.of());
      for (int k = 0; k < Math.min(jobs.size(), list.size()); k++) {
        handOffs += list.get(k).getStartTime().getTime() - jobs.get(k);
      }
      if (sum < 100 && jobs.isEmpty()) {
        continue; // gateways and events: no job, no time to speak of
      }
      inActivities += sum;
      long first = list.get(0).getStartTime().getTime();
      long last = list.stream().mapToLong(a -> (a.getEndTime() == null ? a.getStartTime() : a.getEndTime())
          .getTime()).max().orElse(first);
      line("%-28s %6d %6d %12s %12s %6.1f%%", e.getKey(), list.size(), jobs.size(), ms(sum), ms(last - first),
          100.0 * sum / processMillis);
    }
    line("%-28s %6s %6s %12s %12s %6.1f%%", "job hand-offs", "", succeeded.size(), ms(handOffs), "",
        100.0 * handOffs / processMillis);
    long rest = processMillis - inActivities - handOffs;
    line("%-28s %6s %6s %12s %12s %6.1f%%", "rest (sweep, commits)", "", "", ms(rest), "",
        100.0 * rest / processMillis);
  }
}
