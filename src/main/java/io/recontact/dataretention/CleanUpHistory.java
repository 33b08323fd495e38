package io.recontact.dataretention;

import io.recontact.metrics.OnCommit;
import io.recontact.metrics.RecontactMetrics;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.history.CleanableHistoricProcessInstanceReportResult;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Camunda history past its time to live: counts the finished instances whose time to live has passed (Camunda's
 * cleanable report) and has Camunda's own history cleanup job run now. That job removes them with every table of
 * theirs (variables, byte arrays, incidents, tasks, decisions) in batches of its own, and keeps doing so inside
 * {@code historyCleanupBatchWindow…}; writing our own deletes would duplicate it and race it.
 */
@Component("cleanUpHistory")
class CleanUpHistory implements JavaDelegate {

  private static final Logger LOG = LoggerFactory.getLogger(CleanUpHistory.class);

  private final HistoryService history;
  private final RecontactMetrics metrics;

  CleanUpHistory(HistoryService history, RecontactMetrics metrics) {
    this.history = history;
    this.metrics = metrics;
  }

  @Override
  public void execute(DelegateExecution execution) {
    long due = history.createCleanableHistoricProcessInstanceReport().list().stream()
        .mapToLong(CleanableHistoricProcessInstanceReportResult::getCleanableProcessInstanceCount).sum();
    String cleanup;
    try {
      Job job = history.cleanUpHistoryAsync(true);
      cleanup = job == null ? "not scheduled" : "job " + job.getId() + " due now";
    } catch (ProcessEngineException e) {
      // Switched off (historyCleanupEnabled=false): the figures still show what is due.
      LOG.warn("Camunda history cleanup was not triggered: {}", e.getMessage());
      cleanup = "not triggered: " + e.getMessage();
    }
    RetentionVariables vars = new RetentionVariables(execution);
    vars.history(due, cleanup);
    OnCommit.run(() -> metrics.retentionHistoryDue(due));
  }
}
