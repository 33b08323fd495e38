package io.recontact.toluna.recontactquota;

import static org.assertj.core.api.Assertions.assertThat;

import io.recontact.toluna.TolunaFlowProperties;
import io.recontact.toluna.inventory.QuotaInventory.StoredQuota;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The quota states CheckQuota derives from the stored inventory (grace period 1 h). */
class CheckQuotaTest {

  static final Instant NOW = Instant.parse("2026-11-29T12:00:00Z");

  static Optional<StoredQuota> quota(boolean inInventory, Instant leftAt, boolean live, Instant closedAt) {
    return Optional.of(new StoredQuota("P", 1, 2, 3L, "S", true, null, inInventory, leftAt, live, closedAt));
  }

  @Test
  void openOnlyWhenOfferedLiveAndNotClosed() {
    TolunaFlowProperties flow = TolunaRecontactQuotaProcessTest.flow();
    assertThat(CheckQuota.state(quota(true, null, true, null), flow, NOW)).isEqualTo("OPEN");
    assertThat(CheckQuota.state(quota(true, null, false, null), flow, NOW)).isEqualTo("PAUSED");
    assertThat(CheckQuota.state(quota(false, NOW.minusSeconds(600), true, null), flow, NOW))
        .as("out of the inventory within the grace period: waits for a change, not paused").isEqualTo("LEFT");
    assertThat(CheckQuota.state(quota(false, NOW.minusSeconds(3601), true, null), flow, NOW)).isEqualTo("CLOSED");
    assertThat(CheckQuota.state(quota(true, null, true, NOW), flow, NOW)).isEqualTo("CLOSED");
    assertThat(CheckQuota.state(Optional.empty(), flow, NOW)).isEqualTo("CLOSED");
  }
}
