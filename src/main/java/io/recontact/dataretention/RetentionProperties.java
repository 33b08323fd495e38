package io.recontact.dataretention;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How long personal data stays once its recontact or quota ended, and how {@code dataRetention} removes it
 * (docs/retention.md).
 *
 * @param cycle the {@code dataRetention} timer: a Camunda time cycle, cron ({@code 0 30 3 * * ?}: daily at 03:30 of
 *     the server's zone) or ISO-8601 ({@code R/P1D})
 * @param afterEnd respondent files, quota member lists and invite bodies are removed this long after their recontact
 *     or quota ended; never while it runs
 * @param chunkSize rows (quota members, invites) removed per job: each chunk commits on its own
 * @param filesPerChunk respondent files or upload batches removed per job (a file may hold a million IDs)
 */
@ConfigurationProperties("recontact.retention")
public record RetentionProperties(
    @DefaultValue("0 30 3 * * ?") String cycle,
    @DefaultValue("90d") Duration afterEnd,
    @DefaultValue("1000") int chunkSize,
    @DefaultValue("10") int filesPerChunk) {

  public RetentionProperties {
    if (afterEnd.isNegative()) {
      throw new IllegalArgumentException("recontact.retention.after-end must not be negative");
    }
    if (chunkSize < 1 || filesPerChunk < 1) {
      throw new IllegalArgumentException("recontact.retention.chunk-size and files-per-chunk must be at least 1");
    }
  }
}
