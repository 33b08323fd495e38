package io.recontact.engine;

import org.camunda.bpm.engine.delegate.DelegateExecution;

/**
 * Scripts the outcome of a stubbed called process ({@code src/test/resources/stubs/}), so a diagram test covers its
 * own diagram only; the called diagrams have their own tests.
 */
public class CalledProcessStub {

  private final String outcomeVariable;
  private String outcome;

  public CalledProcessStub(String outcomeVariable, String outcome) {
    this.outcomeVariable = outcomeVariable;
    this.outcome = outcome;
  }

  public void willEndWith(String outcome) {
    this.outcome = outcome;
  }

  public void finish(DelegateExecution execution) {
    execution.setVariable(outcomeVariable, outcome);
  }
}
