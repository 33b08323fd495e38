package io.recontact.cint.respondentfile;

import io.recontact.cint.client.CintModel.EntityType;
import java.time.Instant;

/**
 * A respondent file as kept in {@code respondent_file}; small enough to hand around, the IDs stay in the table.
 * {@code erasedCount}: IDs of erased respondents the file held, dropped (docs/respondent-erasure.md).
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
    int erasedCount) {
}
