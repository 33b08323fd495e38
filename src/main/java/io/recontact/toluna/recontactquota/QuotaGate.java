package io.recontact.toluna.recontactquota;

import io.recontact.toluna.TolunaFlowProperties;
import io.recontact.toluna.inventory.QuotaInventory;
import java.util.function.BooleanSupplier;
import org.springframework.stereotype.Component;

/**
 * Whether a quota may take invites right now, as the working steps ask it between calls. A notification that pauses
 * the quota is seen within {@link #RECHECK_NANOS}, without a database read per call.
 */
@Component
class QuotaGate {

  static final long RECHECK_NANOS = 200_000_000L;

  private final QuotaInventory inventory;
  private final TolunaFlowProperties flow;

  QuotaGate(QuotaInventory inventory, TolunaFlowProperties flow) {
    this.inventory = inventory;
    this.flow = flow;
  }

  BooleanSupplier open(String panelGuid, long quotaId) {
    return new BooleanSupplier() {
      private long checkedAt;
      private boolean open;

      @Override
      public synchronized boolean getAsBoolean() {
        long now = System.nanoTime();
        if (checkedAt == 0 || now - checkedAt > RECHECK_NANOS) {
          open = CheckQuota.open(inventory.find(panelGuid, quotaId), flow);
          checkedAt = now;
        }
        return open;
      }
    };
  }
}
