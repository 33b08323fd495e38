package io.recontact.cint.respondentfile;

import java.util.List;
import java.util.Set;

/**
 * Outcome of {@link RespondentFileHygiene#check}: the IDs worth uploading, in file order, and what was set aside.
 *
 * @param lines physical lines, not counting the empty remainder after a final line end
 * @param accepted normalised, distinct, valid IDs in file order
 * @param examples up to {@link RespondentFileHygiene#MAX_EXAMPLES} per kind, ordered by kind, then line
 * @param erasedCount IDs of erased respondents, dropped without examples (docs/respondent-erasure.md)
 * @param suppressedCount valid IDs dropped because they are on the do-not-contact list (no examples: personal data)
 * @param cappedCount valid IDs dropped because the respondent reached a contact cap
 */
public record HygieneResult(
    int lines,
    List<String> accepted,
    int duplicateCount,
    int blankCount,
    int invalidCount,
    boolean headerDetected,
    List<Rejection> examples,
    int erasedCount,
    int suppressedCount,
    int cappedCount) {

  /** The file's own verdict, with the erased IDs it dropped: before the do-not-contact list and the caps. */
  public HygieneResult(int lines, List<String> accepted, int duplicateCount, int blankCount, int invalidCount,
      boolean headerDetected, List<Rejection> examples, int erasedCount) {
    this(lines, accepted, duplicateCount, blankCount, invalidCount, headerDetected, examples, erasedCount, 0, 0);
  }

  public HygieneResult {
    accepted = List.copyOf(accepted);
    examples = List.copyOf(examples);
  }

  /** The file's own verdict, before the do-not-contact list and the caps. */
  public HygieneResult(int lines, List<String> accepted, int duplicateCount, int blankCount, int invalidCount,
      boolean headerDetected, List<Rejection> examples) {
    this(lines, accepted, duplicateCount, blankCount, invalidCount, headerDetected, examples, 0, 0, 0);
  }

  /** This result without {@code dropped} among the accepted IDs, counted as suppressed and capped. */
  public HygieneResult without(Set<String> dropped, int suppressed, int capped) {
    return new HygieneResult(lines, accepted.stream().filter(id -> !dropped.contains(id)).toList(), duplicateCount,
        blankCount, invalidCount, headerDetected, examples, erasedCount, suppressedCount + suppressed,
        cappedCount + capped);
  }

  /** {@code " (n on the do-not-contact list, m over a contact cap)"}, or "" when none were dropped. */
  public String droppedNote() {
    return suppressedCount + cappedCount == 0 ? "" : " (" + suppressedCount + " on the do-not-contact list, "
        + cappedCount + " over a contact cap)";
  }

  public int acceptedCount() {
    return accepted.size();
  }
}
