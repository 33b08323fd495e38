package io.recontact.cintremoverecontacts;

import io.recontact.cint.client.CintClient;
import io.recontact.cint.process.CintJobRates;
import io.recontact.cint.process.CintStep;
import io.recontact.process.JobPolling;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * Starts Cint's remove-all job. Removing everything twice leaves the same empty list, so a retry after a lost
 * answer is harmless; a 409 (another job runs) is the modelled {@code CINT_CONFLICT}.
 */
@Component("startRemoveAllJob")
class StartRemoveAllJob implements JavaDelegate {

  private final CintClient cint;
  private final JobPolling polling;
  private final CintJobRates rates;

  StartRemoveAllJob(CintClient cint, JobPolling polling, CintJobRates rates) {
    this.cint = cint;
    this.polling = polling;
    this.rates = rates;
  }

  @Override
  public void execute(DelegateExecution execution) {
    // The count times the job's checks: Cint's removal time grows with the IDs it removes.
    int stored = CintStep.call("Start remove-all job",
        () -> cint.savedRespondentIdsCount(CintStep.targetGroup(execution)));
    String jobId = CintStep.conflictAware("Start remove-all job",
        () -> cint.createRemoveAllJob(CintStep.targetGroup(execution)));
    execution.setVariable("removeJobId", jobId);
    polling.start(execution, "remove", rates.removal(stored));
  }
}
