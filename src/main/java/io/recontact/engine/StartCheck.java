package io.recontact.engine;

import org.camunda.bpm.engine.delegate.DelegateExecution;

/**
 * The one shape of a flow's start check: the process's start listener {@code ${<flow>Start.check(execution)}} refuses
 * a start with missing or wrong variables inside the starting transaction ({@link StartVariables}), naming them, so
 * no instance exists that cannot run.
 */
public interface StartCheck {

  void check(DelegateExecution execution);
}
