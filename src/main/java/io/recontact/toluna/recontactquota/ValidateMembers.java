package io.recontact.toluna.recontactquota;

import io.recontact.metrics.OnCommit;
import io.recontact.metrics.RecontactMetrics;
import io.recontact.toluna.recontactquota.TolunaQuotaVariables.Count;
import java.util.Map;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/** Validates every new code against the member directory in bulk SQL and counts the outcome. */
@Component("validateMembers")
class ValidateMembers extends QuotaStep {

  private static final Logger LOG = LoggerFactory.getLogger(ValidateMembers.class);
  private final QuotaMembers members;
  private final QuotaProgress progress;
  private final RecontactMetrics metrics;

  ValidateMembers(QuotaMembers members, QuotaProgress progress, RecontactMetrics metrics) {
    this.members = members;
    this.progress = progress;
    this.metrics = metrics;
  }

  @Override
  void execute(DelegateExecution execution, TolunaQuotaVariables vars, String panel, long quota) {
    Map<String, Integer> exceptions = members.validate(panel, quota);
    OnCommit.run(() -> exceptions.forEach((reason, n) -> metrics.memberExceptions(reason, "validate", n)));
    progress.stepDone(execution.getProcessInstanceId(), vars);
    long pending = members.unreviewedExceptions(panel, quota);
    vars.exceptionsPending(pending);
    LOG.info("Toluna quota {} of panel {}: {} codes, {} valid, {} exceptions ({} new for review)", quota, panel,
        vars.count(Count.codesReceived), vars.count(Count.validCount),
        vars.count(Count.exceptionCount), pending);
  }
}
