package io.recontact.toluna.sampling;

/**
 * Why one SubQuota did not match. {@code questionId} is the first question that failed (null for
 * {@link FailureKind#SUBQUOTA_FULL}).
 */
public record SubQuotaFailure(Long subQuotaId, FailureKind kind, Long questionId, String detail) {

  /** e.g. "SubQuota 7 is full" or "SubQuota 5: age 17 not in 18-34". */
  public String describe() {
    if (kind == FailureKind.SUBQUOTA_FULL) {
      return "SubQuota " + subQuotaId + " is full" + (detail == null || detail.isEmpty() ? "" : " (" + detail + ")");
    }
    return "SubQuota " + subQuotaId + ": " + detail;
  }
}
