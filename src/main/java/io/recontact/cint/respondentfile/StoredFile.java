package io.recontact.cint.respondentfile;

import io.recontact.cint.client.CintModel.EntityType;
import java.time.Instant;

/**
 * A respondent file as kept in {@code respondent_file}; small enough to hand around, the IDs stay in the table.
 * {@code erasedCount}: IDs of erased respondents the file held, dropped (docs/respondent-erasure.md).
 * {@code suppressedCount}, {@code cappedCount}: valid IDs dropped by the do-not-contact list and the contact caps.
 */
public record StoredFile(
    long id,
    String reference,
    String fileName,
    EntityType entityType,
    String sha256,
    long sizeBytes,
    int lineCount,
    int acceptedCount,
    int duplicateCount,
    int blankCount,
    int invalidCount,
    boolean headerDetected,
    Instant createdAt,
    int erasedCount,
    int suppressedCount,
    int cappedCount) {
}
