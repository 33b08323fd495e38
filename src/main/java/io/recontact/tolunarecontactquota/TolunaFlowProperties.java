package io.recontact.tolunarecontactquota;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How the Toluna recontact flows run. The sweep polls GetQuotas every {@code sweep.interval} (Toluna advises one
 * minute); a quota instance whose list is exhausted pages again every {@code refreshInterval}; a quota that left the
 * inventory ends after {@code quotaLeftGrace}. Invites are generated {@code invite.chunkSize} members per job, at most
 * {@code invite.concurrency} calls at a time per job and {@code invite.maxPerSecond} per second for the whole node
 * (all quotas together; 0 = no limit).
 */
@ConfigurationProperties("recontact.toluna")
public record TolunaFlowProperties(
    @DefaultValue Sweep sweep,
    @DefaultValue Review review,
    @DefaultValue MemberSync memberSync,
    @DefaultValue Invite invite,
    @DefaultValue("15m") Duration refreshInterval,
    @DefaultValue("1h") Duration quotaLeftGrace,
    @DefaultValue("10") int fetchPagesPerJob,
    @DefaultValue("10000") int sampleChunkSize) {

  public record Sweep(@DefaultValue("1m") Duration interval) {

    /** The timer start event's ISO-8601 cycle. */
    public String cycle() {
      return "R/" + interval;
    }
  }

  public record Review(@DefaultValue("1") int minExceptions) {
  }

  public record MemberSync(@DefaultValue("false") boolean enabled, @DefaultValue("32") int concurrency) {
  }

  public record Invite(@DefaultValue("1000") int chunkSize, @DefaultValue("8") int concurrency,
      @DefaultValue("50") double maxPerSecond) {
  }

  public TolunaFlowProperties {
    if (invite.chunkSize() < 1 || invite.concurrency() < 1 || invite.maxPerSecond() < 0) {
      throw new IllegalArgumentException("recontact.toluna.invite: chunk-size and concurrency must be at least 1, "
          + "max-per-second 0 (no limit) or more");
    }
    if (review.minExceptions() < 1) {
      throw new IllegalArgumentException("recontact.toluna.review.min-exceptions must be at least 1");
    }
  }
}
