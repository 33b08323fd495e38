package io.recontact.engine;

import org.camunda.bpm.engine.delegate.DelegateTask;

/**
 * The one shape of a review's task listeners in every diagram: {@code ${<bean>.prepare(task)}} on create and
 * {@code ${<bean>.decide(task)}} on complete, both from one bean of the flow that owns the review.
 */
public interface ReviewListener {

  /** On create: the task's name and the form's figures; the decision starts empty ({@link TaskDecisions}). */
  void prepare(DelegateTask task);

  /**
   * On complete: refuses a value the diagram cannot route ({@link RefusedInput}), so the task stays open and the
   * person sees why; accepted values are normalised for the routing.
   */
  void decide(DelegateTask task);
}
