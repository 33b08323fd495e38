package io.recontact.toluna.quotasweep;

import io.recontact.toluna.TolunaErrors;
import io.recontact.toluna.client.TolunaApiException;
import io.recontact.toluna.client.TolunaClient;
import io.recontact.toluna.inventory.QuotaInventory.Change;
import io.recontact.toluna.inventory.QuotaInventory.Kind;
import io.recontact.toluna.inventory.QuotaInventory;
import io.recontact.toluna.model.GetQuotasResponse;
import io.recontact.toluna.recontactquota.QuotaSignals;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * GetQuotas for one panel; stores the inventory and makes sure every quota of a recontact survey has its one active
 * instance, in this job's transaction (so a crash leaves neither a half-stored inventory nor a second instance).
 * Instances of changed or departed quotas are woken by the next task, after this commit.
 */
@Component("fetchQuotaInventory")
class FetchQuotaInventory implements JavaDelegate {

  private final TolunaClient toluna;
  private final QuotaInventory inventory;
  private final QuotaSignals signals;
  private final PanelSweeps sweeps;

  FetchQuotaInventory(TolunaClient toluna, QuotaInventory inventory, QuotaSignals signals, PanelSweeps sweeps) {
    this.toluna = toluna;
    this.inventory = inventory;
    this.signals = signals;
    this.sweeps = sweeps;
  }

  @Override
  public void execute(DelegateExecution execution) {
    SweepVariables vars = new SweepVariables(execution);
    String panel = vars.panelGuid();
    GetQuotasResponse response;
    try {
      response = toluna.getQuotas(panel, true);
    } catch (TolunaApiException e) {
      throw TolunaErrors.incident("GetQuotas", panel, e);
    } catch (RuntimeException e) {
      throw new IllegalStateException("GetQuotas for panel " + panel + " failed: " + e.getMessage(), e);
    }
    List<Change> changes = inventory.apply(panel, response, Instant.now());
    int started = 0;
    int changed = 0;
    List<Long> wake = new ArrayList<>();
    for (Change change : changes) {
      if (change.kind() != Kind.UNCHANGED) {
        changed++;
      }
      if (!change.recontact()) {
        continue;
      }
      if (change.kind() == Kind.LEFT) {
        wake.add(change.quotaId());
        continue;
      }
      boolean closed = inventory.find(panel, change.quotaId()).map(q -> q.surveyClosedAt() != null).orElse(false);
      if (closed) {
        continue;
      }
      QuotaSignals.Ensured ensured = signals.ensureRunning(panel, change.quotaId(), change.surveyId(),
          inventory.find(panel, change.quotaId()).map(QuotaInventory.StoredQuota::surveyName).orElse(null));
      if (ensured == QuotaSignals.Ensured.STARTED) {
        started++;
      } else if (ensured == QuotaSignals.Ensured.ALREADY_ACTIVE && change.kind() != Kind.UNCHANGED) {
        wake.add(change.quotaId());
      }
    }
    sweeps.release(panel, execution.getProcessInstanceId());
    vars.toWake(wake);
    long offered = changes.stream().filter(c -> c.kind() != Kind.LEFT).count();
    vars.figures(offered, changed, started);
    vars.outcome(SweepVariables.PanelOutcome.SWEPT);
    vars.summary(offered + " quotas offered, " + changed + " new, changed or gone, " + started
        + " instances started, " + wake.size() + " to wake");
  }
}
