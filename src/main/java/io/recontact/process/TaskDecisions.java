package io.recontact.process;

import java.util.Set;
import java.util.TreeSet;
import org.camunda.bpm.engine.delegate.DelegateTask;

/**
 * Checks a person's form values when a review task is completed. A wrong value fails the completion with a message
 * the person sees in Tasklist (engine REST: 400), and the task stays open: nothing moves on a value the diagram
 * cannot route.
 */
public final class TaskDecisions {

  private TaskDecisions() {
  }

  public static String requireChoice(DelegateTask task, String variable, Set<String> allowed) {
    Object value = task.getVariable(variable);
    if (!(value instanceof String choice) || !allowed.contains(choice)) {
      throw RefusedInput.decision(variable + " must be one of " + new TreeSet<>(allowed) + ", not "
          + (value == null ? "missing" : StartVariables.echo(value)));
    }
    return choice;
  }

  public static int requirePositive(DelegateTask task, String variable) {
    Object value = task.getVariable(variable);
    if (!(value instanceof Number number) || number.doubleValue() < 1 || number.doubleValue() % 1 != 0) {
      throw RefusedInput.decision(variable + " must be a whole number of at least 1, not "
          + (value == null ? "missing" : StartVariables.echo(value)));
    }
    // Forms send numbers as Long or Double; routing and Cint want an Integer.
    task.setVariable(variable, number.intValue());
    return number.intValue();
  }
}
