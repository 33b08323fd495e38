package io.recontact.tolunarecontactquota;

import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.RuntimeService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Wakes a tolunaRecontactQuota instance after its quota changed in the tables (inventory, live flag, left, survey
 * closed). The tables are the truth and every step reads them, so a wake-up is only a shortcut: an instance that is
 * busy (no subscription) or a correlation that loses a race changes nothing, and the refresh timer re-checks anyway.
 * Each wake-up runs in its own transaction so a lost race never rolls back the caller's work.
 */
@Component
public class QuotaSignals {

  public static final String QUOTA_UPDATED = "TolunaQuotaUpdated";
  public static final String SURVEY_CLOSED = "TolunaSurveyClosed";
  private static final Logger LOG = LoggerFactory.getLogger(QuotaSignals.class);

  private final RuntimeService runtime;
  private final TransactionTemplate separate;

  public QuotaSignals(RuntimeService runtime, PlatformTransactionManager transactions) {
    this.runtime = runtime;
    this.separate = new TransactionTemplate(transactions);
    this.separate.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
  }

  public static String businessKey(String panelGuid, long quotaId) {
    return "toluna-" + panelGuid + "-" + quotaId;
  }

  /** The quota's definition, live flag or presence in the inventory changed. */
  public void quotaUpdated(String panelGuid, long quotaId) {
    wake(QUOTA_UPDATED, panelGuid, quotaId);
  }

  /** The quota's survey closed: the instance ends (also from its review task). */
  public void surveyClosed(String panelGuid, long quotaId) {
    wake(SURVEY_CLOSED, panelGuid, quotaId);
  }

  private void wake(String message, String panelGuid, long quotaId) {
    try {
      separate.executeWithoutResult(status -> runtime.createMessageCorrelation(message)
          .processInstanceBusinessKey(businessKey(panelGuid, quotaId)).correlateAllWithResult());
    } catch (ProcessEngineException e) {
      LOG.debug("{} for quota {} of panel {} not delivered now ({}); the instance reads the tables at its next step",
          message, quotaId, panelGuid, e.getMessage());
    }
  }
}
