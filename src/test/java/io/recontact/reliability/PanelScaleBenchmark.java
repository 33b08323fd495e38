package io.recontact.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * A panel company's size on embedded PostgreSQL (docs/sizing.md): a directory of {@code benchmark.members} members
 * imported as one streamed CSV (time, the node's peak heap), then {@code benchmark.quotas} Toluna recontact quotas of
 * {@code benchmark.quota-size} codes over {@code benchmark.surveys} surveys with overlapping members, from one sweep
 * through validation, sampling, invites and webhook delivery to the end, on one engine node and then on two nodes on
 * one database ({@code benchmark.nodes}, default "1,2"). Engines and the simulator are processes of their own with
 * the product's defaults (member sync off, no invite rate limit, as TolunaQuotaBenchmark). Figures only, nothing
 * timed is asserted; writes target/benchmark/panel-scale.txt.
 */
@Tag("benchmark")
class PanelScaleBenchmark {

  static final int MEMBERS = Integer.getInteger("benchmark.members", 1_000_000);
  static final int QUOTAS = Integer.getInteger("benchmark.quotas", 100);
  static final int QUOTA_SIZE = Integer.getInteger("benchmark.quota-size", 10_000);
  static final int SURVEYS = Integer.getInteger("benchmark.surveys", 20);
  static final String NODES = System.getProperty("benchmark.nodes", "1,2");
  static final Duration GIVE_UP = Duration.ofMinutes(Integer.getInteger("benchmark.timeout-minutes", 120));
  static final long MIB = 1024 * 1024;
  /** Engines as the product runs (full JIT, the JVM's own collector) in the heap the report names. */
  static final List<String> NODE_JVM = List.of("-Xmx512m");
  /** The simulator is not measured; it keeps every quota's codes, so it gets room. */
  static final List<String> SIMULATOR_JVM = List.of("-Xmx2g");

  final StringBuilder report = new StringBuilder();
  final ScaleLoad load = new ScaleLoad(MEMBERS, QUOTAS, QUOTA_SIZE, SURVEYS);

  @Test
  void run() throws Exception {
    try (EmbeddedPostgres postgres = EmbeddedPostgres.builder().start();
        AppProcess simulator = AppProcess.start("scale-simulator", AppProcess.freePort(), SIMULATOR_JVM,
            Map.of("spring.profiles.active", "simulator"))) {
      line("Panel scale benchmark, %s, %d cores, load average %s", OffsetDateTime.now(ZoneOffset.UTC).withNano(0),
          Runtime.getRuntime().availableProcessors(), loadAverage());
      line("%,d members; %d quotas of %,d codes over %d surveys (neighbouring quotas share half their members); "
          + "engine nodes -Xmx512m (full JIT), product defaults, member sync off, no invite rate limit", MEMBERS,
          QUOTAS, QUOTA_SIZE, SURVEYS);
      Map<String, String> base = EngineDatabase.postgres(postgres).create("scale_base");
      importMembers(simulator, base, postgres);
      for (String n : NODES.split(",")) {
        runQuotas(Integer.parseInt(n.strip()), simulator, postgres);
      }
      line("load average at the end: %s", loadAverage());
    } finally {
      Path out = Path.of("target", "benchmark", "panel-scale.txt");
      Files.createDirectories(out.getParent());
      Files.writeString(out, report);
      System.out.print(report);
    }
  }

  void importMembers(AppProcess simulator, Map<String, String> database, EmbeddedPostgres postgres) throws Exception {
    AppProcess node = AppProcess.start("scale-import", AppProcess.freePort(), NODE_JVM,
        properties(simulator, database, "scale-import"));
    try {
      AtomicLong sent = new AtomicLong();
      long started = System.nanoTime();
      String answer;
      long peak;
      try (ScaleLoad.HeapSampler heap = new ScaleLoad.HeapSampler(List.of(node))) {
        answer = load.importMembers(node.url(), sent);
        peak = heap.peaks().get(node.name).get();
      }
      long millis = (System.nanoTime() - started) / 1_000_000;
      JdbcTemplate jdbc = jdbc(postgres, "scale_base");
      assertThat(jdbc.queryForObject("select count(*) from panel_member where member_code like 'PS-%'", Long.class))
          .isEqualTo((long) MEMBERS);
      Map<String, Object> run = jdbc.queryForMap("select state, rows_read, imported, rejected from "
          + "panel_member_import");
      line("");
      line("Member import (one CSV body over HTTP, %,d rows)", MEMBERS);
      line("  time %,d ms, %,.0f rows/s; node peak heap (sampled every 250 ms) %d MiB; progress row %s",
          millis, MEMBERS * 1000.0 / millis, peak / MIB, run);
      line("  answer %s", answer.length() > 200 ? answer.substring(0, 200) + "…" : answer);
      line("  database size after the import %d MiB", databaseSize(jdbc) / MIB);
    } finally {
      node.stop(Duration.ofSeconds(60));
    }
  }

  void runQuotas(int nodes, AppProcess simulator, EmbeddedPostgres postgres) throws Exception {
    String name = "scale_n" + nodes;
    jdbc(postgres, "postgres").execute("create database " + name + " template scale_base");
    Map<String, String> database = new LinkedHashMap<>();
    database.put("spring.profiles.active", "postgres");
    database.put("spring.datasource.url", postgres.getJdbcUrl("postgres", name));
    database.put("spring.datasource.username", "postgres");
    database.put("spring.datasource.password", "postgres");
    List<AppProcess> engines = new ArrayList<>();
    JdbcTemplate jdbc = jdbc(postgres, name);
    try {
      for (int i = 1; i <= nodes; i++) {
        engines.add(AppProcess.start(name + "-node" + i, AppProcess.freePort(), NODE_JVM,
            properties(simulator, database, name + "-node" + i)));
      }
      load.prepareSimulator(new SimulatorAdmin(simulator.url()));
      ScaleWatch watch = new ScaleWatch(jdbc, load.invitesExpected());
      long started = System.currentTimeMillis();
      Map<String, AtomicLong> heap;
      try (ScaleLoad.HeapSampler sampler = new ScaleLoad.HeapSampler(engines)) {
        assertThat(new EngineApi(engines.get(0).url()).sweep().ok()).isTrue();
        watch.await(started, GIVE_UP);
        heap = sampler.peaks();
      }
      long wall = watch.finishedAt() - started;
      long invites = jdbc.queryForObject("select count(*) from toluna_invite", Long.class);
      long delivered = jdbc.queryForObject("select count(*) from toluna_invite_delivery where state = 'DELIVERED'",
          Long.class);
      line("");
      line("%d engine node%s on one database (%s), load average %s", nodes, nodes == 1 ? "" : "s", name,
          loadAverage());
      line("  wall time, sweep to every invite delivered: %,d ms (%s)", wall, watch.outcome());
      line("  invites %,d (expected %,d), delivered %,d: %,.0f invites/s", invites, load.invitesExpected(),
          delivered, invites * 1000.0 / Math.max(1, wall));
      line("  longest wait of a due job, unlocked (sampled every 250 ms from ACT_RU_JOB): %,d ms",
          watch.longestUnlockedWait());
      line("  due -> start of async jobs (ACT_HI_JOB_LOG creation vs ACT_HI_ACTINST start, locked or not): %s",
          JobWaits.summary(jdbc));
      line("  jobs per node (ACT_HI_JOB_LOG successes): %s", JobWaits.perHost(jdbc));
      heap.forEach((node, peak) -> line("  peak heap %s: %d MiB (sampled every 250 ms)", node, peak.get() / MIB));
      line("  database size %d MiB (pg_database_size)", databaseSize(jdbc) / MIB);
      apiTimes(engines.get(0));
    } finally {
      for (AppProcess engine : engines) {
        engine.stop(Duration.ofSeconds(60));
      }
    }
  }

  /** The quota API at this size: the list (one page and whole), one quota's detail and its members CSV. */
  void apiTimes(AppProcess node) throws Exception {
    String panel = ScaleLoad.PANEL;
    long quota = ScaleLoad.FIRST_QUOTA;
    List<String> paths = List.of("/api/toluna/quotas?limit=20", "/api/toluna/quotas",
        "/api/toluna/quotas/" + panel + "/" + quota, "/api/toluna/quotas/" + panel + "/" + quota + "/members");
    HttpClient client = HttpClient.newHttpClient();
    String auth = "Basic " + Base64.getEncoder().encodeToString("demo:demo".getBytes(StandardCharsets.UTF_8));
    List<String> times = new ArrayList<>();
    for (String path : paths) {
      long best = Long.MAX_VALUE;
      long bytes = 0;
      for (int i = 0; i < 3; i++) {
        long t = System.nanoTime();
        HttpResponse<byte[]> answer = client.send(HttpRequest.newBuilder(URI.create(node.url() + path))
            .header("Authorization", auth).build(), HttpResponse.BodyHandlers.ofByteArray());
        assertThat(answer.statusCode()).as(path).isEqualTo(200);
        best = Math.min(best, (System.nanoTime() - t) / 1_000_000);
        bytes = answer.body().length;
      }
      times.add(path.replace(panel, "{panel}") + " " + best + " ms (" + bytes / 1024 + " KiB)");
    }
    line("  quota API, best of 3: %s", String.join("; ", times));
  }

  static Map<String, String> properties(AppProcess simulator, Map<String, String> database, String host) {
    Map<String, String> p = new LinkedHashMap<>(database);
    String url = simulator.url();
    p.put("recontact.cint.base-url", url + "/sandbox/cint/v1");
    p.put("recontact.cint.token-url", url + "/sandbox/cint/oauth/token");
    p.put("recontact.toluna.base-url", url + "/sandbox/toluna");
    p.put("recontact.toluna.member-base-url", url + "/sandbox/toluna");
    p.put("recontact.toluna.delivery.webhook.url", url + "/sandbox/partner/messages");
    p.put("recontact.toluna.incentives.payout.url", url + "/sandbox/partner/payouts");
    p.put("recontact.sandbox.smtp.port", "0");
    // Only the benchmark's own sweep; no member sync and no invite rate limit, as in TolunaQuotaBenchmark.
    p.put("recontact.toluna.sweep.interval", "24h");
    p.put("recontact.toluna.member-sync.enabled", "false");
    p.put("recontact.toluna.invite.max-per-second", "0");
    p.put("camunda.bpm.generic-properties.properties.hostname", host);
    p.put("logging.level.org.camunda", "WARN");
    return p;
  }

  static JdbcTemplate jdbc(EmbeddedPostgres postgres, String database) {
    return new JdbcTemplate(postgres.getDatabase("postgres", database));
  }

  static long databaseSize(JdbcTemplate jdbc) {
    return jdbc.queryForObject("select pg_database_size(current_database())", Long.class);
  }

  static String loadAverage() {
    try {
      return Files.readString(Path.of("/proc/loadavg")).strip();
    } catch (Exception e) {
      return "?";
    }
  }

  void line(String format, Object... args) {
    report.append(String.format(Locale.ROOT, format, args)).append('\n');
  }

  static long millis(Timestamp at) {
    return at == null ? 0 : at.getTime();
  }
}
