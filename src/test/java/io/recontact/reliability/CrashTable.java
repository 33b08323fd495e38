package io.recontact.reliability;

import java.util.List;

/** The table the harness prints: kill point, database, outcome, seconds, and what broke. */
final class CrashTable {

  private CrashTable() {
  }

  static String render(List<CrashRun.Result> results) {
    StringBuilder out = new StringBuilder("| kill point | database | outcome | seconds | detail |\n|---|---|---|---|---|\n");
    for (CrashRun.Result r : results) {
      out.append("| ").append(r.point()).append(" | ").append(r.database()).append(" | ").append(r.outcome())
          .append(" | ").append(r.seconds()).append(" | ")
          .append(String.join("; ", r.problems()).replace("|", "/")).append(" |\n");
    }
    return out.toString();
  }

  static void print(List<CrashRun.Result> results) {
    String table = render(results);
    System.out.println(table);
    try {
      java.nio.file.Files.createDirectories(AppProcess.LOGS);
      java.nio.file.Files.writeString(AppProcess.LOGS.resolve("crash-table.md"), table,
          java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.APPEND);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
