package io.recontact.cint;

import io.recontact.engine.ReviewListener;
import org.camunda.bpm.engine.delegate.DelegateTask;

/**
 * A Cint review's listeners: every Cint review prepares its task the same way ({@link TaskTitles}); each decides
 * its own form. Diagram versions deployed before the listeners were named prepare/decide call
 * {@code ${taskTitles.set(task)}} and {@code ${<bean>.validate(task)}}; instances of those versions may still be
 * running, so both names keep working.
 */
public abstract class CintReview implements ReviewListener {

  @Override
  public void prepare(DelegateTask task) {
    TaskTitles.apply(task);
  }

  /** The complete listener's name in diagram versions deployed before this one. */
  public final void validate(DelegateTask task) {
    decide(task);
  }
}
