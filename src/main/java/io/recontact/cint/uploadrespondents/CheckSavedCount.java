package io.recontact.cint.uploadrespondents;

import io.recontact.cint.CintErrors;
import io.recontact.cint.client.CintClient;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/** Cint's own count decides: {@code saved_respondent_ids_count} must reach {@code completesGoal}. */
@Component("checkSavedCount")
class CheckSavedCount implements JavaDelegate {

  private static final Logger LOG = LoggerFactory.getLogger(CheckSavedCount.class);

  private final CintClient cint;

  CheckSavedCount(CintClient cint) {
    this.cint = cint;
  }

  @Override
  public void execute(DelegateExecution execution) {
    UploadVariables vars = new UploadVariables(execution);
    int saved = CintErrors.call("Check saved count", () -> cint.savedRespondentIdsCount(vars.targetGroup()));
    int goal = vars.completesGoal();
    vars.savedCount(saved);
    vars.goalMet(saved >= goal);
    LOG.info("Cint saves {} respondent IDs for a completes goal of {}", saved, goal);
    if (saved < goal) {
      vars.uploadJobStatus("GOAL_NOT_MET");
    }
  }
}
