package io.recontact.reliability;

import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowCallbackHandler;

/**
 * How long due jobs waited before they started, locked or not, from history: an async-before job starts its
 * activity, so its start is the first start of that activity on that execution after the job's creation (job log
 * state 0). Waited = start − max(created, due date).
 */
final class JobWaits {

  private JobWaits() {
  }

  static String summary(JdbcTemplate jdbc) {
    Map<String, TreeSet<Long>> starts = new HashMap<>();
    jdbc.query("select EXECUTION_ID_, ACT_ID_, START_TIME_ from ACT_HI_ACTINST", (RowCallbackHandler) rs ->
        starts.computeIfAbsent(rs.getString(1) + "/" + rs.getString(2), k -> new TreeSet<>())
            .add(rs.getTimestamp(3).getTime()));
    List<Long> waits = new ArrayList<>();
    Map<String, Long> longestByActivity = new TreeMap<>();
    jdbc.query("select EXECUTION_ID_, ACT_ID_, TIMESTAMP_, JOB_DUEDATE_ from ACT_HI_JOB_LOG where JOB_STATE_ = 0 "
        + "and JOB_DEF_CONFIGURATION_ = 'async-before'", (RowCallbackHandler) rs -> {
          long created = rs.getTimestamp(3).getTime();
          Timestamp due = rs.getTimestamp(4);
          long from = Math.max(created, due == null ? created : due.getTime());
          TreeSet<Long> candidates = starts.get(rs.getString(1) + "/" + rs.getString(2));
          Long start = candidates == null ? null : candidates.ceiling(created - 5);
          if (start != null) {
            long waited = Math.max(0, start - from);
            waits.add(waited);
            longestByActivity.merge(rs.getString(2), waited, Math::max);
          }
        });
    if (waits.isEmpty()) {
      return "no async-before jobs in the job log";
    }
    waits.sort(null);
    String top = longestByActivity.entrySet().stream().sorted(Map.Entry.<String, Long>comparingByValue().reversed())
        .limit(4).map(e -> e.getKey() + " " + e.getValue() + " ms").toList().toString();
    return String.format(Locale.ROOT, "%,d jobs, median %,d ms, p95 %,d ms, max %,d ms; longest by activity %s",
        waits.size(), waits.get(waits.size() / 2), waits.get((int) (waits.size() * 0.95)), waits.get(waits.size() - 1),
        top);
  }

  static Map<String, Long> perHost(JdbcTemplate jdbc) {
    Map<String, Long> hosts = new TreeMap<>();
    jdbc.query("select HOSTNAME_, count(*) from ACT_HI_JOB_LOG where JOB_STATE_ = 2 group by HOSTNAME_",
        (RowCallbackHandler) rs -> hosts.put(String.valueOf(rs.getString(1)), rs.getLong(2)));
    return hosts;
  }
}
