package io.recontact.toluna.quotas;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.recontact.toluna.QuotaMemberState;
import java.time.OffsetDateTime;
import java.util.Map;

/** The JSON answers of the quota visibility API (docs/toluna-notifications.md lists the fields' meaning). */
final class QuotaRunView {

  private QuotaRunView() {}

  /**
   * One quota and its run; run fields (businessKey, processInstanceId, runNumber, startedAt, …) are null for a quota
   * that never had one (state NOT_STARTED, or NOT_RECONTACT when its survey is not a recontact survey).
   */
  @JsonInclude(JsonInclude.Include.ALWAYS)
  record QuotaRun(String panelGuid, long quotaId, Long surveyId, String surveyName, Boolean recontact,
      String businessKey, String processInstanceId, Integer runNumber, boolean active, QuotaRunState state,
      String outcome, Boolean live, Boolean inInventory, OffsetDateTime startedAt, OffsetDateTime endedAt,
      OffsetDateTime surveyClosedAt, OffsetDateTime leftAt, Summary counts) {

    QuotaRun withCounts(Summary summary) {
      return new QuotaRun(panelGuid, quotaId, surveyId, surveyName, recontact, businessKey, processInstanceId,
          runNumber, active, state, outcome, live, inInventory, startedAt, endedAt, surveyClosedAt, leftAt, summary);
    }
  }

  /** The list's figures per quota; {@link Counts} has the same with more detail. */
  record Summary(long codesReceived, long valid, long exceptions, long matched, long invited, long delivered,
      long deliveryFailed, long deliveryPending) {

    static Summary of(Map<String, Long> byState, long invited, Map<String, Long> deliveries) {
      return of(Counts.of(byState, Map.of(), invited, deliveries));
    }

    static Summary of(Counts c) {
      return new Summary(c.codesReceived(), c.valid(), c.exceptions().total(), c.matched(), c.invited(),
          c.deliveries().delivered(), c.deliveries().failed(), c.deliveries().pending());
    }
  }

  record Exceptions(long total, Map<String, Long> byReason) {}

  record Deliveries(long delivered, long failed, long pending) {}

  /**
   * codesReceived: every row in toluna_quota_member; valid: passed validation ({@link QuotaMemberState#valid()});
   * matched: placed by sampling ({@link QuotaMemberState#matched()}); invited: rows in toluna_invite; deliveries:
   * toluna_invite_delivery by state; byState: the raw figures.
   */
  record Counts(long codesReceived, long awaitingValidation, long valid, Exceptions exceptions, long matched,
      long notMatched, long otherQuota, long subquotaFull, long invited, Deliveries deliveries,
      Map<String, Long> byState) {

    static Counts of(Map<String, Long> byState, Map<String, Long> exceptionsByReason, long invited,
        Map<String, Long> deliveries) {
      long received = 0;
      long valid = 0;
      long matched = 0;
      for (Map.Entry<String, Long> e : byState.entrySet()) {
        received += e.getValue();
        var state = QuotaMemberState.parse(e.getKey());
        if (state.isPresent() && state.get().valid()) {
          valid += e.getValue();
        }
        if (state.isPresent() && state.get().matched()) {
          matched += e.getValue();
        }
      }
      return new Counts(received, n(byState, QuotaMemberState.RECEIVED), valid,
          new Exceptions(n(byState, QuotaMemberState.EXCEPTION), exceptionsByReason), matched,
          n(byState, QuotaMemberState.NOT_MATCHED), n(byState, QuotaMemberState.OTHER_QUOTA),
          n(byState, QuotaMemberState.SUBQUOTA_FULL), invited, new Deliveries(deliveries.getOrDefault("DELIVERED", 0L),
          deliveries.getOrDefault("FAILED", 0L), deliveries.getOrDefault("PENDING", 0L)), byState);
    }

    private static long n(Map<String, Long> byState, QuotaMemberState state) {
      return byState.getOrDefault(state.name(), 0L);
    }
  }

  /** An open user task of the run's instance, with its Tasklist link (relative to this server). */
  record OpenTask(String id, String name, String taskDefinitionKey, String assignee, java.time.Instant created,
      String tasklistUrl) {}

  /**
   * What became of the quota's invites (toluna_invite_outcome; docs/toluna-notifications.md): {@code invited} have no
   * outcome yet and are not expired; {@code completes} includes the {@code reversed} ones; {@code expired} is
   * decided at read. Revenue in 1/100 currency units as Toluna reports it: completes, reversed, net.
   */
  record Outcomes(long invited, long completes, ByKind terminations, ByKind prestartRejections, long reversed,
      long expired, Revenue revenue) {

    /** {@code byKind}: terminations by reason; pre-start rejections by "RejectionID RejectionName". */
    record ByKind(long total, Map<String, Long> byKind) {}

    record Revenue(long completesCents, long reversedCents, long netCents) {}
  }

  /** {@code decisionComment}: what the person wrote with the latest review decision, or null. */
  record Detail(QuotaRun quota, Counts counts, Outcomes outcomes, java.util.List<OpenTask> openTasks,
      String decisionComment) {}
}
