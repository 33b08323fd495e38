package io.recontact.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The full crash matrix: every API-calling service task before, during and after its call, and every timer the
 * load waits at, on H2 and on PostgreSQL. Prints the table kill point → outcome (and appends it to
 * target/reliability/crash-table.md). Not part of {@code ./mvnw verify}; run it with
 * {@code ./mvnw test -Dgroups=crash-matrix -DexcludedGroups= -Dtest=CrashMatrixTest}; {@code -Dcrash.databases=H2}
 * or {@code PostgreSQL} narrows it to one database, {@code -Dcrash.points=StartUploadJob,RefreshDue} to some
 * activities.
 */
@Tag("crash-matrix")
class CrashMatrixTest {

  @Test
  void everyKillPointOnEveryDatabase() throws Exception {
    String databases = System.getProperty("crash.databases", "H2,PostgreSQL");
    String only = System.getProperty("crash.points", "");
    List<KillPoint> points = KillPoint.matrix().stream()
        .filter(p -> only.isBlank() || List.of(only.split(",")).contains(p.activity())).toList();
    List<CrashRun.Result> results = new ArrayList<>();
    try (AppProcess simulator = CrashRun.startSimulator("matrix-simulator")) {
      CrashRun runs = new CrashRun(simulator);
      if (databases.contains("H2")) {
        points.forEach(p -> results.add(CrashTable.progress(runs, p, EngineDatabase.h2())));
      }
      if (databases.contains("PostgreSQL")) {
        try (EmbeddedPostgres postgres = EmbeddedPostgres.builder().start()) {
          EngineDatabase database = EngineDatabase.postgres(postgres);
          points.forEach(p -> results.add(CrashTable.progress(runs, p, database)));
        }
      }
    }
    CrashTable.print(results);
    assertThat(results).allSatisfy(r -> assertThat(r.ok()).as(r.point() + " on " + r.database() + ": "
        + r.outcome() + " " + r.problems()).isTrue());
  }
}
