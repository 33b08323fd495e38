package io.recontact.toluna.delivery;

import io.recontact.toluna.delivery.DeliveryProperties.Channel;
import io.recontact.toluna.delivery.OutboxRows.Due;
import io.recontact.toluna.delivery.OutboxRows.Mark;
import io.recontact.toluna.delivery.OutboxRows.Outcome;
import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** One send of a claimed outbox row through its channel, and what it comes to: delivered, failed or retry later. */
final class ChannelSends {

  private static final Logger LOG = LoggerFactory.getLogger(ChannelSends.class);

  private final Map<Channel, InviteChannel> channels = new EnumMap<>(Channel.class);
  private final DeliveryProperties properties;
  private final Supplier<Instant> clock;

  ChannelSends(List<InviteChannel> channels, DeliveryProperties properties, Supplier<Instant> clock) {
    channels.forEach(c -> this.channels.put(c.kind(), c));
    this.properties = properties;
    this.clock = clock;
  }

  Mark attempt(Due due) {
    InviteMessage m = due.message();
    int attempts = due.attempts() + 1;
    InviteChannel channel = channel(due.channel());
    if (channel == null) {
      return new Mark(m, Outcome.FAILED, "unknown channel '" + due.channel() + "'", null);
    }
    try {
      channel.deliver(m);
      return new Mark(m, Outcome.DELIVERED, null, null);
    } catch (DeliveryException e) {
      if (!e.retryable() || attempts >= properties.maxAttempts()) {
        String reason = e.retryable() ? e.getMessage() + " (attempt " + attempts + " of " + properties.maxAttempts()
            + ")" : e.getMessage();
        return new Mark(m, Outcome.FAILED, reason, null);
      }
      return retry(m, attempts, e.getMessage());
    } catch (RuntimeException e) {
      LOG.warn("Invite {} of quota {}: the {} channel failed unexpectedly", m.inviteId(), m.quotaId(), due.channel(),
          e);
      return attempts >= properties.maxAttempts() ? new Mark(m, Outcome.FAILED, e.toString(), null)
          : retry(m, attempts, e.toString());
    }
  }

  private Mark retry(InviteMessage m, int attempts, String reason) {
    return new Mark(m, Outcome.RETRY, reason, OutboxLease.retryAt(clock.get(), properties.backoff(), attempts));
  }

  private InviteChannel channel(String name) {
    try {
      return channels.get(Channel.valueOf(name));
    } catch (IllegalArgumentException e) {
      return null;
    }
  }
}
