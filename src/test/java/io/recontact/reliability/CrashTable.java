package io.recontact.reliability;

import java.util.List;

/** The table the harness prints: kill point, database, outcome, seconds, and what broke. */
final class CrashTable {

  private CrashTable() {
  }

  static String render(List<CrashRun.Result> results) {
    StringBuilder out = new StringBuilder("| kill point | database | outcome | seconds | resumed after up (s) | after launch (s) | detail |\n"
        + "|---|---|---|---|---|---|---|\n");
    for (CrashRun.Result r : results) {
      out.append("| ").append(r.point()).append(" | ").append(r.database()).append(" | ").append(r.outcome())
          .append(" | ").append(r.seconds()).append(" | ")
          .append(figure(r.resumeSeconds())).append(" | ").append(figure(r.launchSeconds())).append(" | ")
          .append(String.join("; ", r.problems()).replace("|", "/")).append(" |\n");
    }
    return out.toString();
  }

  private static String figure(Double seconds) {
    return seconds == null ? "–" : seconds < 0 ? "not" : String.valueOf(seconds);
  }

  /** Runs one kill point; a run that cannot even start is an ERROR row, not the end of the matrix. */
  static CrashRun.Result progress(CrashRun runs, KillPoint point, EngineDatabase database) {
    CrashRun.Result result;
    try {
      result = runs.run(point, database);
    } catch (RuntimeException e) {
      result = new CrashRun.Result(point, database.name(), "ERROR", List.of(String.valueOf(e.getMessage())), 0,
          null, null);
    }
    String row = render(List.of(result)).lines().skip(2).findFirst().orElse("");
    System.out.println("crash run: " + row);
    append("crash-progress.md", row + "\n");
    return result;
  }

  static void print(List<CrashRun.Result> results) {
    String table = render(results);
    System.out.println(table);
    append("crash-table.md", table);
  }

  private static void append(String file, String text) {
    try {
      java.nio.file.Files.createDirectories(AppProcess.LOGS);
      java.nio.file.Files.writeString(AppProcess.LOGS.resolve(file), text,
          java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.APPEND);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
