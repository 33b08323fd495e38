package io.recontact.toluna.recontactquota;

import io.recontact.metrics.OnCommit;
import io.recontact.metrics.RecontactMetrics;
import io.recontact.toluna.recontactquota.TolunaQuotaVariables.Count;
import io.recontact.governance.ContactGate;
import io.recontact.governance.Marketplace;
import io.recontact.toluna.QuotaMemberState;
import io.recontact.toluna.recontactquota.QuotaMembers.StateChange;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/** Validates every new code against the member directory in bulk SQL and counts the outcome. */
@Component("validateMembers")
class ValidateMembers extends QuotaStep {

  private static final Logger LOG = LoggerFactory.getLogger(ValidateMembers.class);
  /**
   * Valid codes screened per read: the step holds one page of codes (and the screen's look-ups one page of ids) at a
   * time, whatever the quota's size, instead of all of them at once.
   */
  static final int SCREEN_PAGE = 5_000;
  private final QuotaMembers members;
  private final ValidationExceptions validationExceptions;
  private final QuotaProgress progress;
  private final RecontactMetrics metrics;
  private final ContactGate gate;

  ValidateMembers(QuotaMembers members, ValidationExceptions validationExceptions, QuotaProgress progress,
      RecontactMetrics metrics, ContactGate gate) {
    this.members = members;
    this.validationExceptions = validationExceptions;
    this.progress = progress;
    this.metrics = metrics;
    this.gate = gate;
  }

  @Override
  void execute(DelegateExecution execution, TolunaQuotaVariables vars, String panel, long quota) {
    Map<String, Integer> exceptions = new LinkedHashMap<>(members.validate(panel, quota));
    // An early look at the do-not-contact list and the caps; the decision is taken again when the invite is stored.
    List<StateChange> refused = new ArrayList<>();
    List<String> page = List.of();
    do {
      String after = page.isEmpty() ? null : page.get(page.size() - 1);
      page = members.codesIn(panel, quota, QuotaMemberState.VALID, after, SCREEN_PAGE);
      gate.screen(Marketplace.TOLUNA, page)
          .forEach((code, refusal) -> refused.add(GovernedInvites.exception(code, refusal)));
    } while (page.size() == SCREEN_PAGE);
    members.setStates(panel, quota, refused);
    refused.forEach(change -> exceptions.merge(change.reasonCode(), 1, Integer::sum));
    OnCommit.run(() -> exceptions.forEach((reason, n) -> metrics.memberExceptions(reason, "validate", n)));
    progress.stepDone(execution.getProcessInstanceId(), vars);
    long pending = validationExceptions.unreviewed(panel, quota);
    vars.exceptionsPending(pending);
    LOG.info("Toluna quota {} of panel {}: {} codes, {} valid, {} exceptions ({} new for review)", quota, panel,
        vars.count(Count.codesReceived), vars.count(Count.validCount),
        vars.count(Count.exceptionCount), pending);
  }
}
