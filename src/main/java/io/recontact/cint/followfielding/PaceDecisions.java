package io.recontact.cint.followfielding;

import io.recontact.cint.CintReview;
import io.recontact.engine.RefusedInput;
import io.recontact.engine.TaskDecisions;
import java.util.Set;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.springframework.stereotype.Component;

/**
 * Listeners of {@code ReviewFieldingPace}: keepFielding (the pace is not reviewed again), closeNow, pause, or, for a
 * paused run (the review's next round), resume. Prepare shows goal, completes, projection, days left, conversion.
 */
@Component("paceDecisions")
public class PaceDecisions extends CintReview {

  static final String KEEP = "keepFielding";
  static final String CLOSE = "closeNow";
  static final String PAUSE = "pause";
  static final String RESUME = "resume";

  @Override
  public void decide(DelegateTask task) {
    String choice = TaskDecisions.requireChoice(task, FollowFieldingVariables.PACE_DECISION,
        Set.of(KEEP, CLOSE, PAUSE, RESUME));
    boolean paused = "paused".equals(new FollowFieldingVariables(task).fieldingStatus());
    if (RESUME.equals(choice) && !paused) {
      throw RefusedInput.decision("paceDecision resume is only for a paused run; this one is "
          + new FollowFieldingVariables(task).fieldingStatus());
    }
    if (KEEP.equals(choice) && !paused) {
      new FollowFieldingVariables(task).paceAccepted(true);
    }
    TaskDecisions.comment(task);
  }
}
