package io.recontact.engine;

import java.util.Set;
import java.util.TreeSet;
import org.camunda.bpm.engine.delegate.DelegateTask;

/**
 * Checks a person's form values when a review task is completed. A wrong value fails the completion with a message
 * the person sees in Tasklist (engine REST: 400), and the task stays open: nothing moves on a value the diagram
 * cannot route.
 */
public final class TaskDecisions {

  /** The optional comment every review form takes with its decision; kept on the instance and in the status API. */
  public static final String COMMENT = "decisionComment";
  public static final int MAX_COMMENT = 500;
  /**
   * What each review form's hidden check of its decision sends along (an expression field that keeps Tasklist's
   * Complete button disabled until a decision is chosen, see forms/README.md): a copy of the decision, not kept.
   */
  public static final String FORM_CHECK = "decisionCheck";

  private TaskDecisions() {
  }

  /**
   * At a review's creation: an earlier review's comment is not this decision's, so the form starts empty. The
   * instance's variable then holds the comment of the latest decision (history keeps each one).
   */
  public static void newDecision(DelegateTask task) {
    task.setVariable(COMMENT, null);
  }

  /** The comment, trimmed (null when empty); text of at most {@value #MAX_COMMENT} characters. */
  public static String comment(DelegateTask task) {
    Object value = task.getVariable(COMMENT);
    if (value != null && !(value instanceof String)) {
      throw RefusedInput.decision(COMMENT + " must be text, not " + StartVariables.echo(value));
    }
    String text = value == null ? "" : ((String) value).strip();
    if (text.length() > MAX_COMMENT) {
      throw RefusedInput.decision(COMMENT + " must be at most " + MAX_COMMENT + " characters, not " + text.length());
    }
    task.setVariable(COMMENT, text.isEmpty() ? null : text);
    return text.isEmpty() ? null : text;
  }

  /** The decision, one of {@code allowed}; the form's copy of it ({@value #FORM_CHECK}) is dropped. */
  public static String requireChoice(DelegateTask task, String variable, Set<String> allowed) {
    Object value = task.getVariable(variable);
    if (!(value instanceof String choice) || !allowed.contains(choice)) {
      throw RefusedInput.decision(variable + " must be one of " + new TreeSet<>(allowed) + ", not "
          + (value == null ? "missing" : StartVariables.echo(value)));
    }
    task.removeVariable(FORM_CHECK);
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
