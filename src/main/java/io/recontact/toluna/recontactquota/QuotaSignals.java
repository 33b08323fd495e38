package io.recontact.toluna.recontactquota;

import io.recontact.engine.DaemonThreads;
import jakarta.annotation.PreDestroy;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.RuntimeService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * What other flows may ask of tolunaRecontactQuota instances: start a quota's one instance ({@link #ensureRunning}),
 * and wake it.
 *
 * <p>Wakes a tolunaRecontactQuota instance after its quota changed in the tables (inventory, live flag, left, survey
 * closed). The tables are the truth and every step reads them, so a wake-up is only a shortcut. One race would still
 * cost a whole refresh interval: the instance read the tables just before the change committed and subscribes just
 * after the correlation looked (no match, or an optimistic-locking failure). So a wake-up that reached nobody while
 * the instance runs is tried again a few times over some seconds, off the caller's thread; the refresh timer stays
 * the last resort (a node that dies meanwhile). Each attempt runs in its own transaction so a lost race never rolls
 * back the caller's work.
 */
@Component
public class QuotaSignals {

  public static final String QUOTA_UPDATED = "TolunaQuotaUpdated";
  public static final String SURVEY_CLOSED = "TolunaSurveyClosed";

  /** What {@link #ensureRunning} found or did. */
  public enum Ensured { STARTED, ALREADY_ACTIVE, ABORTED_BEFORE }

  static final int ATTEMPTS = 5;
  static final long BACKOFF_MILLIS = 500;

  private static final Logger LOG = LoggerFactory.getLogger(QuotaSignals.class);

  private final RuntimeService runtime;
  private final QuotaRuns runs;
  private final TransactionTemplate separate;
  private final ScheduledExecutorService again =
      Executors.newSingleThreadScheduledExecutor(DaemonThreads.named("quota-signals"));

  public QuotaSignals(RuntimeService runtime, PlatformTransactionManager transactions, QuotaRuns runs) {
    this.runtime = runtime;
    this.runs = runs;
    this.separate = new TransactionTemplate(transactions);
    this.separate.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
  }

  public static String businessKey(String panelGuid, long quotaId) {
    return "toluna-" + panelGuid + "-" + quotaId;
  }

  /**
   * Starts the quota's instance unless one is active, in the caller's transaction (the sweep's job): the run row and
   * the instance commit or roll back together. A quota a person aborted is not started again: the decision "invite
   * nobody for this quota" stands while the quota is offered.
   */
  public Ensured ensureRunning(String panelGuid, long quotaId, long surveyId, String surveyName) {
    return runs.ensureActive(panelGuid, quotaId, surveyId, surveyName);
  }

  /** The quota's definition, live flag or presence in the inventory changed. */
  public void quotaUpdated(String panelGuid, long quotaId) {
    wake(QUOTA_UPDATED, businessKey(panelGuid, quotaId), 1);
  }

  /** The quota's survey closed: the instance ends (also from its review task). */
  public void surveyClosed(String panelGuid, long quotaId) {
    wake(SURVEY_CLOSED, businessKey(panelGuid, quotaId), 1);
  }

  private void wake(String message, String businessKey, int attempt) {
    String missed;
    try {
      Boolean reached = separate.execute(status -> !runtime.createMessageCorrelation(message)
          .processInstanceBusinessKey(businessKey).correlateAllWithResult().isEmpty());
      if (Boolean.TRUE.equals(reached)) {
        return;
      }
      missed = "no instance waiting";
    } catch (ProcessEngineException e) {
      missed = e.getMessage();
    }
    boolean running = runtime.createProcessInstanceQuery().processInstanceBusinessKey(businessKey).active()
        .count() > 0;
    if (!running || attempt >= ATTEMPTS) {
      LOG.debug("{} for {} not delivered after {} attempt(s) ({}); the instance reads the tables at its next step",
          message, businessKey, attempt, missed);
      return;
    }
    again.schedule(() -> wake(message, businessKey, attempt + 1), BACKOFF_MILLIS * attempt, TimeUnit.MILLISECONDS);
  }

  @PreDestroy
  void stop() {
    again.shutdownNow();
  }
}
