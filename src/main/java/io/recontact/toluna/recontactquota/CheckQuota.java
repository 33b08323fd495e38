package io.recontact.toluna.recontactquota;

import io.recontact.toluna.TolunaFlowProperties;
import io.recontact.toluna.inventory.QuotaInventory.StoredQuota;
import io.recontact.toluna.inventory.QuotaInventory;
import java.time.Instant;
import java.util.Optional;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Decides what the quota needs now: CLOSED (survey closed, or out of the inventory for longer than the grace period),
 * PAUSED (Toluna says it is not live: the instance waits at "Quota paused"), WAIT (out of the inventory within the
 * grace period, or just fed: it waits at "Wait for quota change") or FEED (open and woken: page again).
 */
@Component("checkQuota")
class CheckQuota extends QuotaStep {

  private static final Logger LOG = LoggerFactory.getLogger(CheckQuota.class);
  private final QuotaInventory inventory;
  private final TolunaFlowProperties flow;

  CheckQuota(QuotaInventory inventory, TolunaFlowProperties flow) {
    this.inventory = inventory;
    this.flow = flow;
  }

  @Override
  void execute(DelegateExecution execution, TolunaQuotaVariables vars, String panel, long quota) {
    String state = state(inventory.find(panel, quota), flow, Instant.now());
    if ("OPEN".equals(state)) {
      // Feed again only after a wake-up (refresh timer or message); after a round the list is exhausted.
      state = vars.feedDue() ? "FEED" : "WAIT";
      vars.feedDue(false);
    } else if ("LEFT".equals(state)) {
      state = "WAIT";
    }
    vars.quotaState(state);
    LOG.info("Toluna quota {} of panel {}: {}", quota, panel, switch (state) {
      case "CLOSED" -> "closed, the instance ends";
      case "FEED" -> "open, paging the member codes again";
      case "PAUSED" -> "paused (not live at Toluna), waiting until it is live again";
      default -> "waiting (out of the inventory, or the list is exhausted)";
    });
  }

  static String state(Optional<StoredQuota> stored, TolunaFlowProperties flow, Instant now) {
    if (stored.isEmpty() || stored.get().surveyClosedAt() != null) {
      return "CLOSED";
    }
    StoredQuota quota = stored.get();
    if (!quota.inInventory()) {
      return quota.leftAt() == null || quota.leftAt().plus(flow.quotaLeftGrace()).isBefore(now) ? "CLOSED" : "LEFT";
    }
    return quota.live() ? "OPEN" : "PAUSED";
  }

  /** Whether invites may be generated and delivered right now (read by the working steps between calls). */
  static boolean open(Optional<StoredQuota> stored, TolunaFlowProperties flow) {
    return "OPEN".equals(state(stored, flow, Instant.now()));
  }
}
