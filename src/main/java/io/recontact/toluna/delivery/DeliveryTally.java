package io.recontact.toluna.delivery;

import io.recontact.metrics.RecontactMetrics;
import io.recontact.toluna.delivery.OutboxRows.Due;
import io.recontact.toluna.delivery.OutboxRows.Mark;
import io.recontact.toluna.delivery.OutboxRows.Outcome;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** What one delivery call's workers recorded: its outcomes for the caller, the written ones for the metrics. */
final class DeliveryTally {

  private final RecontactMetrics metrics;
  private final Map<Outcome, Integer> outcomes = new EnumMap<>(Outcome.class);

  DeliveryTally(RecontactMetrics metrics) {
    this.metrics = metrics;
  }

  /** Outcomes whose transaction has committed: the call counts all marks, the metrics what was written. */
  void committed(List<Mark> marks, List<Mark> written, Map<String, String> channelOf) {
    Map<String, Map<Outcome, Integer>> byChannel = new HashMap<>();
    written.forEach(m -> byChannel.computeIfAbsent(channelOf.getOrDefault(m.message().inviteId(), "unknown"),
        c -> new EnumMap<>(Outcome.class)).merge(m.outcome(), 1, Integer::sum));
    Map<Long, Integer> deliveredBySurvey = new HashMap<>();
    written.stream().filter(m -> m.outcome() == Outcome.DELIVERED)
        .forEach(m -> deliveredBySurvey.merge(m.message().surveyId(), 1, Integer::sum));
    deliveredBySurvey.forEach(metrics::surveyInvitesDelivered);
    byChannel.forEach((channel, counts) -> {
      metrics.invitesDelivered(channel, counts.getOrDefault(Outcome.DELIVERED, 0));
      metrics.invitesFailed(channel, counts.getOrDefault(Outcome.FAILED, 0));
      metrics.inviteRetries(channel, counts.getOrDefault(Outcome.RETRY, 0));
    });
    synchronized (outcomes) {
      marks.forEach(m -> outcomes.merge(m.outcome(), 1, Integer::sum));
    }
  }

  int count(Outcome outcome) {
    synchronized (outcomes) {
      return outcomes.getOrDefault(outcome, 0);
    }
  }

  /** Invite id -> channel of the rows. */
  static Map<String, String> channels(List<Due> due) {
    Map<String, String> channelOf = new HashMap<>();
    due.forEach(d -> channelOf.put(d.message().inviteId(), d.channel()));
    return channelOf;
  }
}
