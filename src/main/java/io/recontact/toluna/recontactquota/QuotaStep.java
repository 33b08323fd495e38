package io.recontact.toluna.recontactquota;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;

/**
 * Base class of every tolunaRecontactQuota service task: the quota's reference is read once here, the step does only
 * its own work.
 */
abstract class QuotaStep implements JavaDelegate {

  @Override
  public final void execute(DelegateExecution execution) {
    TolunaQuotaVariables vars = new TolunaQuotaVariables(execution);
    execute(execution, vars, vars.panelGuid(), vars.quotaId());
  }

  abstract void execute(DelegateExecution execution, TolunaQuotaVariables vars, String panel, long quota);
}
