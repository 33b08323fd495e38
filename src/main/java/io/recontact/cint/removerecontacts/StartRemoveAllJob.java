package io.recontact.cint.removerecontacts;

import io.recontact.cint.CintErrors;
import io.recontact.cint.client.CintClient;
import io.recontact.cint.client.CintJobRates;
import io.recontact.engine.JobPolling;
import io.recontact.metrics.OnCommit;
import io.recontact.metrics.RecontactMetrics;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Starts Cint's remove-all job, unless Cint already counts no saved IDs: then there is nothing to remove and no job
 * is started ({@code removeJobId} stays unset). That is also what makes a retry start no second job: Cint lists no
 * remove-all jobs, so one whose answer was lost cannot be adopted, but while it runs a new one gets 409 (the modelled
 * {@code CINT_CONFLICT}, which waits and comes back here) and once it is done the count is 0.
 */
@Component("startRemoveAllJob")
class StartRemoveAllJob implements JavaDelegate {

  private static final Logger LOG = LoggerFactory.getLogger(StartRemoveAllJob.class);

  private final CintClient cint;
  private final JobPolling polling;
  private final CintJobRates rates;
  private final RecontactMetrics metrics;

  StartRemoveAllJob(CintClient cint, JobPolling polling, CintJobRates rates, RecontactMetrics metrics) {
    this.cint = cint;
    this.polling = polling;
    this.rates = rates;
    this.metrics = metrics;
  }

  @Override
  public void execute(DelegateExecution execution) {
    // The count times the job's checks: Cint's removal time grows with the IDs it removes.
    RemovalVariables vars = new RemovalVariables(execution);
    int stored = CintErrors.call("Start remove-all job", () -> cint.savedRespondentIdsCount(vars.targetGroup()));
    if (stored == 0) {
      LOG.info("Cint counts no saved respondent IDs: no remove-all job needed");
      vars.removeJobId(null);
      polling.start(execution, "remove", rates.removal(0));
      return;
    }
    String jobId = CintErrors.conflictAware("Start remove-all job",
        () -> cint.createRemoveAllJob(vars.targetGroup()));
    vars.removeJobId(jobId);
    LOG.info("Cint remove-all job {} started for {} saved respondent IDs", jobId, stored);
    polling.start(execution, "remove", rates.removal(stored));
    OnCommit.run(() -> metrics.cintJobStarted(RecontactMetrics.REMOVE_ALL));
  }
}
