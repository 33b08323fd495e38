package io.recontact.cint.followfielding;

import io.recontact.cint.CintErrors;
import io.recontact.cint.client.CintClient;
import io.recontact.cint.client.CintModel.RunChange;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * A person chose pause or resume: Cint's fielding run pause/resume with the run's ETag in If-Match (the client reads
 * the run again and retries after a 412; a 422 means the run is in that state already, which is what was asked).
 */
@Component("changeFieldingRun")
class ChangeFieldingRun implements JavaDelegate {

  private static final Logger LOG = LoggerFactory.getLogger(ChangeFieldingRun.class);

  private final CintClient cint;

  ChangeFieldingRun(CintClient cint) {
    this.cint = cint;
  }

  @Override
  public void execute(DelegateExecution execution) {
    FollowFieldingVariables vars = new FollowFieldingVariables(execution);
    boolean pause = PaceDecisions.PAUSE.equals(vars.paceDecision());
    RunChange change = CintErrors.call(pause ? "Pause fielding" : "Resume fielding",
        () -> pause ? cint.pauseFielding(vars.targetGroup()) : cint.resumeFielding(vars.targetGroup()));
    LOG.info("Target group {}: {} {}", vars.targetGroupId(), pause ? "pause" : "resume",
        change == RunChange.CHANGED ? "done" : "not needed, the run was so already");
  }
}
