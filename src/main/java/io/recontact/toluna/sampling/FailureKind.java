package io.recontact.toluna.sampling;

/** Why a SubQuota (or a whole Layer) did not match. */
public enum FailureKind {
    /** {@code CurrentCompletes >= MaxTargetCompletes}: the SubQuota is skipped. */
    SUBQUOTA_FULL,
    /** The member lacks the data the question needs, and the question is not routable. */
    NO_ANSWER,
    /** The member's answer is none of the question's answers. */
    ANSWER_MISMATCH,
    /** The question lists neither AnswerIDs nor usable AnswerValues, so nothing can match. */
    NO_CRITERIA
}
