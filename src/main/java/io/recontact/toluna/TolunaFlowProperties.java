package io.recontact.toluna;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How the Toluna recontact flows run. The sweep polls GetQuotas every {@code sweep.interval} (Toluna advises one
 * minute); a quota instance whose list is exhausted pages again every {@code refreshInterval}; a quota that left the
 * inventory ends after {@code quotaLeftGrace}. Invites are generated {@code invite.chunkSize} members per chunk, at
 * most {@code invite.concurrency} calls at a time per job and {@code invite.maxPerSecond} per second for the whole node
 * (all quotas together; 0 = no limit).
 *
 * @param sweep the {@code tolunaQuotaSweep} timer
 * @param review when validation exceptions get a review task
 * @param memberSync sending changed member profiles to Toluna's Member Management before inviting
 * @param invite member-sync-and-invite jobs
 * @param refreshInterval a waiting quota reads its list again after this (new codes only)
 * @param quotaLeftGrace a quota missing from GetQuotas this long ends its run
 * @param fetchPagesPerJob member-code pages per {@code FetchMemberCodes} job
 * @param sampleChunkSize valid members per {@code SampleMembers} chunk (a job samples chunks while its budget lasts)
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

  /** @param interval how often {@code tolunaQuotaSweep} runs (Toluna advises polling GetQuotas every minute) */
  public record Sweep(@DefaultValue("1m") Duration interval) {

    /** The timer start event's ISO-8601 cycle. */
    public String cycle() {
      return "R/" + interval;
    }
  }

  /** @param minExceptions fewer validation exceptions than this are skipped without a review task (at least 1) */
  public record Review(@DefaultValue("1") int minExceptions) {
  }

  /**
   * @param enabled send changed member profiles to Member Management before inviting; unset = on with the sandbox
   *     ({@code recontact.sandbox.enabled}), off in {@code prod}
   * @param concurrency members at a time: Toluna keeps calls for one member 1,000 ms apart, so throughput comes from
   *     breadth
   */
  public record MemberSync(@DefaultValue("false") boolean enabled, @DefaultValue("32") int concurrency) {
  }

  /**
   * @param chunkSize matched members per member-sync job and per invite chunk (an invite job takes chunk after chunk
   *     while its time budget lasts)
   * @param concurrency GenerateInvite calls at a time, per job
   * @param maxPerSecond GenerateInvite calls per second for the whole node (all quotas together); 0 = no limit
   * @param expiry an invite with no outcome from Toluna this long after it was generated counts as EXPIRED (Toluna
   *     documents no expiry of its links; its survey's closure expires it earlier)
   */
  public record Invite(@DefaultValue("1000") int chunkSize, @DefaultValue("8") int concurrency,
      @DefaultValue("50") double maxPerSecond, @DefaultValue("14d") Duration expiry) {
  }

  public TolunaFlowProperties {
    if (invite.chunkSize() < 1 || invite.concurrency() < 1 || invite.maxPerSecond() < 0
        || invite.expiry() == null || invite.expiry().isNegative() || invite.expiry().isZero()) {
      throw new IllegalArgumentException("recontact.toluna.invite: chunk-size and concurrency must be at least 1, "
          + "max-per-second 0 (no limit) or more, expiry positive");
    }
    if (review.minExceptions() < 1) {
      throw new IllegalArgumentException("recontact.toluna.review.min-exceptions must be at least 1");
    }
  }
}
