package io.recontact.toluna;

import java.util.List;

/**
 * What became of an invite. {@code toluna_invite_outcome} stores COMPLETE, TERMINATED and PRESTART_REJECTED (the
 * first one Toluna reports wins); INVITED and EXPIRED are never stored: an invite without an outcome row is EXPIRED
 * once its survey closed or {@code recontact.toluna.invite.expiry} passed since it was generated, INVITED before.
 * A reconciliation reverses a COMPLETE (it stays COMPLETE, with {@code reversed_at}).
 */
public enum InviteOutcome {
  INVITED, COMPLETE, TERMINATED, PRESTART_REJECTED, EXPIRED;

  /** The termination reasons Toluna documents (toluna-api §4.3); others are stored as sent. */
  public static final List<String> TERMINATION_REASONS = List.of("QuotaFull", "SurveyTaken", "Terminated",
      "SurveyNotAvailable", "NoSurveysAvailable", "NoCookie", "MaxSurveysReached", "NotQualified");
}
