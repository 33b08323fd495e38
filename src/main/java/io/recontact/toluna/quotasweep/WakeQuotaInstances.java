package io.recontact.toluna.quotasweep;

import io.recontact.toluna.recontactquota.QuotaSignals;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** Wakes the instances of quotas the sweep found changed or gone; they read the committed inventory. */
@Component("wakeQuotaInstances")
class WakeQuotaInstances implements JavaDelegate {

  private final QuotaSignals signals;

  WakeQuotaInstances(QuotaSignals signals) {
    this.signals = signals;
  }

  @Override
  public void execute(DelegateExecution execution) {
    SweepVariables vars = new SweepVariables(execution);
    for (long quotaId : vars.toWake()) {
      signals.quotaUpdated(vars.panelGuid(), quotaId);
    }
  }
}
