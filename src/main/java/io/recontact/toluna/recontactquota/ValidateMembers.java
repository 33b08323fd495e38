package io.recontact.toluna.recontactquota;

import io.recontact.metrics.OnCommit;
import io.recontact.metrics.RecontactMetrics;
import io.recontact.toluna.recontactquota.TolunaQuotaVariables.Count;
import java.util.Map;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/** Validates every new code against the member directory in bulk SQL and counts the outcome. */
@Component("validateMembers")
class ValidateMembers implements JavaDelegate {

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
  public void execute(DelegateExecution execution) {
    TolunaQuotaVariables vars = new TolunaQuotaVariables(execution);
    Map<String, Integer> exceptions = members.validate(vars.panelGuid(), vars.quotaId());
    OnCommit.run(() -> exceptions.forEach((reason, n) -> metrics.memberExceptions(reason, "validate", n)));
    progress.stepDone(execution.getProcessInstanceId(), vars);
    long pending = members.unreviewedExceptions(vars.panelGuid(), vars.quotaId());
    vars.exceptionsPending(pending);
    LOG.info("Toluna quota {} of panel {}: {} codes, {} valid, {} exceptions ({} new for review)", vars.quotaId(),
        vars.panelGuid(), vars.count(Count.codesReceived), vars.count(Count.validCount),
        vars.count(Count.exceptionCount), pending);
  }
}
