package io.recontact.reliability;

import java.sql.Timestamp;
import java.time.Duration;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Follows a {@link PanelScaleBenchmark} run in its database: done when every expected invite is delivered and no job
 * is due; stops early on an incident, an open user task or five minutes without a delivery. Samples the longest a
 * due, unlocked job has waited (as FlowLoadBenchmark does) every 250 ms. Progress is any activity ended, member
 * stored, invite made or delivered: validation and sampling deliver nothing for minutes.
 */
final class ScaleWatch {

  static final Duration STALL = Duration.ofMinutes(5);

  private final JdbcTemplate jdbc;
  private final long expected;
  private long longestUnlockedWait;
  private long finishedAt;
  private String outcome = "not started";

  ScaleWatch(JdbcTemplate jdbc, long expected) {
    this.jdbc = jdbc;
    this.expected = expected;
  }

  void await(long started, Duration giveUp) {
    long deadline = started + giveUp.toMillis();
    long delivered = 0;
    long progress = -1;
    long lastProgress = System.currentTimeMillis();
    while (true) {
      AppProcess.sleep(250);
      long now = System.currentTimeMillis();
      Timestamp oldest = jdbc.queryForObject("select min(coalesce(DUEDATE_, CREATE_TIME_)) from ACT_RU_JOB where "
          + "LOCK_OWNER_ is null and RETRIES_ > 0 and (DUEDATE_ is null or DUEDATE_ <= ?)", Timestamp.class,
          new Timestamp(now));
      if (oldest != null) {
        longestUnlockedWait = Math.max(longestUnlockedWait, now - oldest.getTime());
      }
      delivered = jdbc.queryForObject("select count(*) from toluna_invite_delivery where state = 'DELIVERED'",
          Long.class);
      long nowProgress = delivered + jdbc.queryForObject("select (select count(*) from ACT_HI_ACTINST where "
          + "END_TIME_ is not null) + (select count(*) from toluna_quota_member) + (select count(*) from "
          + "toluna_invite)", Long.class);
      if (nowProgress != progress) {
        progress = nowProgress;
        lastProgress = now;
      }
      long due = jdbc.queryForObject("select count(*) from ACT_RU_JOB where RETRIES_ > 0 and (DUEDATE_ is null or "
          + "DUEDATE_ <= ?)", Long.class, new Timestamp(now));
      long incidents = jdbc.queryForObject("select count(*) from ACT_RU_INCIDENT", Long.class);
      long tasks = jdbc.queryForObject("select count(*) from ACT_RU_TASK", Long.class);
      if (delivered >= expected && due == 0) {
        Timestamp last = jdbc.queryForObject("select max(delivered_at) from toluna_invite_delivery", Timestamp.class);
        finishedAt = last == null ? now : last.getTime();
        outcome = "every invite delivered";
        return;
      }
      if (incidents > 0 || tasks > 0 || now - lastProgress > STALL.toMillis() || now > deadline) {
        finishedAt = now;
        outcome = "STOPPED: " + delivered + " delivered, " + due + " jobs due, " + incidents + " incidents "
            + jdbc.queryForList("select ACTIVITY_ID_ || ': ' || INCIDENT_MSG_ from ACT_RU_INCIDENT limit 3",
            String.class) + ", " + tasks + " user tasks" + (now > deadline ? ", timed out" : "");
        return;
      }
    }
  }

  long longestUnlockedWait() {
    return longestUnlockedWait;
  }

  long finishedAt() {
    return finishedAt;
  }

  String outcome() {
    return outcome;
  }
}
