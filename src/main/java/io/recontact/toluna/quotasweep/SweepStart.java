package io.recontact.toluna.quotasweep;

import io.recontact.engine.StartCheck;
import io.recontact.engine.StartVariables;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.springframework.stereotype.Component;

/**
 * Start listener of tolunaQuotaSweep ({@code ${sweepStart.check(execution)}}). A sweep takes no variables: it sweeps
 * every configured panel; a variable such as {@code panelGuid} would suggest otherwise and be silently ignored.
 */
@Component("sweepStart")
public class SweepStart implements StartCheck {

  @Override
  public void check(DelegateExecution execution) {
    StartVariables.of(TolunaSweepController.PROCESS_KEY, execution)
        .none("it sweeps every panel of recontact.toluna.panel-guids")
        .orRefuse();
  }
}
