package io.recontact.cint.respondentfile;

import java.util.List;

/**
 * Outcome of {@link RespondentFileHygiene#check}: the IDs worth uploading, in file order, and what was set aside.
 *
 * @param lines physical lines, not counting the empty remainder after a final line end
 * @param accepted normalised, distinct, valid IDs in file order
 * @param examples up to {@link RespondentFileHygiene#MAX_EXAMPLES} per kind, ordered by kind, then line
 * @param erasedCount IDs of erased respondents, dropped without examples (docs/respondent-erasure.md)
 */
public record HygieneResult(
    int lines,
    List<String> accepted,
    int duplicateCount,
    int blankCount,
    int invalidCount,
    boolean headerDetected,
    List<Rejection> examples,
    int erasedCount) {

  public HygieneResult(int lines, List<String> accepted, int duplicateCount, int blankCount, int invalidCount,
      boolean headerDetected, List<Rejection> examples) {
    this(lines, accepted, duplicateCount, blankCount, invalidCount, headerDetected, examples, 0);
  }

  public HygieneResult {
    accepted = List.copyOf(accepted);
    examples = List.copyOf(examples);
  }

  public int acceptedCount() {
    return accepted.size();
  }
}
