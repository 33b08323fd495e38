package io.recontact.governance.erasure;

import java.util.Map;

/**
 * One owner's part of a respondent's erasure (docs/respondent-erasure.md). Every bean of this type runs, in one
 * transaction with the others and the audit entry, on each {@code DELETE /api/respondents/{marketplace}/{id}}: a new
 * table that holds respondents adds its own step next to its repository.
 *
 * <p>A step deletes or {@linkplain Respondent#tombstone() tombstones} the rows it owns that name the respondent, and
 * {@linkplain Respondent#maskIn masks} the identifier in free text it owns. It must be idempotent (a second run finds
 * nothing and answers zeros), must not log the identifier, and ignores a marketplace it does not hold.
 */
public interface ErasureStep {

  /**
   * Erases {@code respondent} from this owner's places; returns rows changed per place (a table, or
   * {@code table.column}), listing each place the step looked at, with 0 when nothing was found there.
   */
  Map<String, Integer> erase(Respondent respondent);
}
