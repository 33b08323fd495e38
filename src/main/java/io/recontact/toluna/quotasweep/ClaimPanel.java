package io.recontact.toluna.quotasweep;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** Claims the panel for this sweep, or records which earlier sweep still holds it. */
@Component("claimPanel")
class ClaimPanel implements JavaDelegate {

  private final PanelSweeps sweeps;

  ClaimPanel(PanelSweeps sweeps) {
    this.sweeps = sweeps;
  }

  @Override
  public void execute(DelegateExecution execution) {
    SweepVariables vars = new SweepVariables(execution);
    String holder = sweeps.claim(vars.panelGuid(), execution.getProcessInstanceId());
    vars.claimed(holder == null);
    if (holder != null) {
      vars.outcome(SweepVariables.PanelOutcome.SKIPPED);
      vars.summary("skipped: sweep " + holder + " of this panel has not finished");
    }
  }
}
