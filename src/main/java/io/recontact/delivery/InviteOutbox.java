package io.recontact.delivery;

import java.time.Instant;
import java.util.function.BooleanSupplier;
import org.springframework.stereotype.Service;

// TEMPORARY STUB until the delivery branch is merged.
@Service
public class InviteOutbox {
  public record DeliveryRound(int delivered, int failed, int retryLater, int pendingTotal, Instant nextAttemptAt) {}

  public void enqueue(String inviteId, String panelGuid, long quotaId) {
  }

  public DeliveryRound deliverDue(String panelGuid, long quotaId, int max, BooleanSupplier keepGoing) {
    return new DeliveryRound(0, 0, 0, 0, null);
  }
}
