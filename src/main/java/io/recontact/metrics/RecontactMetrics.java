package io.recontact.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import org.springframework.stereotype.Component;

/**
 * The business counters of both flows, named as Prometheus expects them ({@code recontact_..._total}, units in the
 * name). Callers count where a fact has been written: after their own transaction returned, or through
 * {@link OnCommit} inside a job's transaction (docs/metrics.md lists every meter and where it is counted).
 */
@Component
public class RecontactMetrics {

  /** Cint job kinds, as the tag {@code kind} spells them. */
  public static final String UPLOAD = "upload";
  public static final String LAUNCH = "launch";
  public static final String REMOVE_ALL = "remove_all";

  private final MeterRegistry registry;

  public RecontactMetrics(MeterRegistry registry) {
    this.registry = registry;
    zeroes();
  }

  /** The counters with a fixed set of tags exist from the start at 0, so a dashboard's rate() shows 0, not no data. */
  private void zeroes() {
    respondentIdsAccepted(0);
    respondentIdsUploaded(0, false);
    respondentIdsUploaded(0, true);
    memberCodesReceived(0);
    membersMatched(0);
    for (String kind : List.of(UPLOAD, LAUNCH, REMOVE_ALL)) {
      Counter.builder("recontact.cint.jobs.started").description("Cint jobs started").tag("kind", kind)
          .register(registry);
      for (String outcome : List.of("completed", "failed", "deadline")) {
        finished(kind, outcome);
        duration(kind, outcome);
      }
      checks(kind);
    }
    finished(UPLOAD, "partial");
    duration(UPLOAD, "partial");
    for (String kind : List.of("respondent_files", "respondent_file_rows", "upload_batch_ids", "quota_member_rows",
        "invite_bodies")) {
      retentionRemoved(kind, 0);
    }
    retentionHistoryDue(0);
    for (String channel : List.of("webhook", "email")) {
      invitesGenerated(channel, 0);
      invitesDelivered(channel, 0);
      invitesFailed(channel, 0);
      inviteRetries(channel, 0);
    }
    for (String outcome : List.of("applied", "stale", "duplicate", "unknown_quota")) {
      notifications("quota_status", outcome);
    }
    for (String outcome : List.of("applied", "duplicate", "unknown_survey")) {
      notifications("survey_closed", outcome);
    }
    for (String kind : List.of("completion", "termination", "prestart_termination", "reconciliation")) {
      for (String outcome : List.of("applied", "duplicate", "stale", "unknown_invite")) {
        notifications(kind, outcome);
      }
    }
    for (String event : INCENTIVE_EVENTS) {
      incentives(event, 0, 0);
    }
  }

  /** What settlement does to ledger entries, as the tag {@code event} spells it. */
  public static final List<String> INCENTIVE_EVENTS = List.of("settled", "paid", "clawed_back", "written_off");

  /**
   * Incentive ledger entries by settlement {@code event}: settled (confirmed after the hold period), paid (accepted by
   * the rewards system, credits and claw-backs), clawed_back or written_off (decisions on reversals of paid credits);
   * {@code cents} (1/100 units) goes to {@code recontact_incentive_cents_total}.
   */
  public void incentives(String event, long entries, long cents) {
    Counter.builder("recontact.incentive.entries").description("Incentive ledger entries by settlement event")
        .tag("event", event).register(registry).increment(entries);
    Counter.builder("recontact.incentive.cents").description("Incentive amounts by settlement event, 1/100 units")
        .tag("event", event).register(registry).increment(cents);
  }

  /** For code built without Spring (tests): counts into a registry nobody reads. */
  public static RecontactMetrics none() {
    return new RecontactMetrics(new SimpleMeterRegistry());
  }

  /** IDs of a respondent file that passed hygiene and were stored. */
  public void respondentIdsAccepted(int ids) {
    counter("recontact.cint.respondent.ids.accepted", "Respondent IDs accepted into a stored respondent file")
        .increment(ids);
  }

  /**
   * IDs sent in an upload job that Cint completed: {@code saved} when it saved all of them, {@code partial} when it
   * named a partial-success reason (Cint does not say how many of that job's IDs it kept).
   */
  public void respondentIdsUploaded(int ids, boolean partial) {
    Counter.builder("recontact.cint.respondent.ids.uploaded")
        .description("Respondent IDs in upload jobs Cint completed").tag("result", partial ? "partial" : "saved")
        .register(registry).increment(ids);
  }

  public void cintJobStarted(String kind) {
    Counter.builder("recontact.cint.jobs.started").description("Cint jobs started").tag("kind", kind)
        .register(registry).increment();
  }

  /**
   * A Cint job the flow stopped polling: {@code outcome} completed, partial, failed or deadline (still running at the
   * polling deadline; a person decides). {@code running} is from the job's start to this check; {@code checks} is how
   * many times the job was read.
   */
  public void cintJobFinished(String kind, String outcome, Duration running, int checks) {
    String o = outcome.toLowerCase(Locale.ROOT);
    finished(kind, o).increment();
    duration(kind, o).record(running.isNegative() ? Duration.ZERO : running);
    checks(kind).record(checks);
  }

  private Timer duration(String kind, String outcome) {
    return Timer.builder("recontact.cint.job.duration").description("Cint job from its start to its outcome")
        .tag("kind", kind).tag("outcome", outcome).publishPercentileHistogram()
        .minimumExpectedValue(Duration.ofMillis(100)).maximumExpectedValue(Duration.ofHours(4)).register(registry);
  }

  private DistributionSummary checks(String kind) {
    return DistributionSummary.builder("recontact.cint.job.checks").description("Status reads per Cint job")
        .tag("kind", kind).register(registry);
  }

  /** New member codes stored from GetRecontactMembersForQuota (codes already stored are not counted again). */
  public void memberCodesReceived(int codes) {
    counter("recontact.toluna.member.codes.received", "Toluna recontact member codes received and stored")
        .increment(codes);
  }

  /** Members that became exceptions, by reason code and by the step that found it (validate, sample, invite). */
  public void memberExceptions(String reason, String step, long members) {
    Counter.builder("recontact.toluna.member.exceptions").description("Toluna members set aside as exceptions")
        .tag("reason", reason).tag("step", step).register(registry).increment(members);
  }

  public void membersMatched(long members) {
    counter("recontact.toluna.members.matched", "Toluna members whose profile matched the quota").increment(members);
  }

  /** Invites stored with their outbox row, by the channel they will go out on. */
  public void invitesGenerated(String channel, int invites) {
    invites("recontact.toluna.invites.generated", "Invites generated by Toluna and queued", channel, invites);
  }

  public void invitesDelivered(String channel, int invites) {
    invites("recontact.toluna.invites.delivered", "Invites delivered to members", channel, invites);
  }

  /** Invites given up on (a refusal, or the last attempt failed). */
  public void invitesFailed(String channel, int invites) {
    invites("recontact.toluna.invites.failed", "Invites that could not be delivered", channel, invites);
  }

  /** Sends that failed and will be tried again after their back-off. */
  public void inviteRetries(String channel, int sends) {
    invites("recontact.toluna.invite.retries", "Invite sends to be tried again", channel, sends);
  }

  /** A Toluna notification recorded, with what it did (applied, stale, duplicate, unknown_quota, unknown_survey). */
  public void notificationReceived(String kind, String outcome) {
    notifications(kind.toLowerCase(Locale.ROOT), outcome.toLowerCase(Locale.ROOT)).increment();
  }

  /** Invites delivered, by survey: the first stage of the per-survey funnel (delivered → complete → reversed). */
  public void surveyInvitesDelivered(long surveyId, int invites) {
    Counter.builder("recontact.toluna.survey.invites.delivered").description("Invites delivered, by survey")
        .tag("survey", Long.toString(surveyId)).register(registry).increment(invites);
  }

  /**
   * An invite's outcome as Toluna reported it, by survey: {@code outcome} complete, terminated, prestart_rejected or
   * reversed (a reconciliation of a complete). {@code revenueCents} (Toluna's Revenue, 1/100 units) of a complete or
   * a reversal is added to {@code recontact_toluna_survey_revenue_cents_total}.
   */
  public void inviteOutcome(long surveyId, String outcome, Long revenueCents) {
    String survey = Long.toString(surveyId);
    String o = outcome.toLowerCase(Locale.ROOT);
    Counter.builder("recontact.toluna.survey.outcomes").description("Invite outcomes reported by Toluna, by survey")
        .tag("survey", survey).tag("outcome", o).register(registry).increment();
    if (revenueCents != null && ("complete".equals(o) || "reversed".equals(o))) {
      Counter.builder("recontact.toluna.survey.revenue.cents")
          .description("Revenue of completes and of their reversals, in 1/100 currency units, by survey")
          .tag("survey", survey).tag("kind", o).register(registry).increment(revenueCents);
    }
  }

  private Counter finished(String kind, String outcome) {
    return Counter.builder("recontact.cint.jobs.finished").description("Cint jobs by outcome").tag("kind", kind)
        .tag("outcome", outcome).register(registry);
  }

  private Counter notifications(String kind, String outcome) {
    return Counter.builder("recontact.toluna.notifications").description("Toluna notifications received")
        .tag("kind", kind).tag("outcome", outcome).register(registry);
  }

  private void invites(String name, String description, String channel, int count) {
    Counter.builder(name).description(description).tag("channel", channel.toLowerCase(Locale.ROOT))
        .register(registry).increment(count);
  }

  /** Rows a {@code dataRetention} chunk removed, by kind (docs/retention.md). */
  public void retentionRemoved(String kind, long rows) {
    Counter.builder("recontact.retention.rows.removed").description("Rows of personal data removed past retention")
        .tag("kind", kind).register(registry).increment(rows);
  }

  /** Finished process instances past their history time to live when a retention run had Camunda clean up. */
  public void retentionHistoryDue(long instances) {
    counter("recontact.retention.history.instances.due", "Process instances past their history time to live, "
        + "handed to Camunda's history cleanup").increment(instances);
  }

  private Counter counter(String name, String description) {
    return Counter.builder(name).description(description).register(registry);
  }
}
