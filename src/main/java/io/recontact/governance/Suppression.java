package io.recontact.governance;

import java.time.Instant;

/**
 * One entry of the do-not-contact list. {@code respondentId} is null once the respondent was erased (the hash
 * remains). {@code source}: OPERATOR, DIRECTORY (opted out in our member directory) or ERASURE.
 */
public record Suppression(long id, String marketplace, String respondentId, String respondentHash, String source,
    String reason, String addedBy, Instant addedAt) {

  public enum Source { OPERATOR, DIRECTORY, ERASURE }
}
