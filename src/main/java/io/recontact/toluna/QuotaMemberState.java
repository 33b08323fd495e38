package io.recontact.toluna;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/**
 * What became of a member code Toluna named for a quota ({@code toluna_quota_member.state}, V4). A code arrives
 * RECEIVED, validation makes it VALID or EXCEPTION (with a reason code), sampling makes a valid one MATCHED,
 * NOT_MATCHED, OTHER_QUOTA (another quota of the survey claimed the member) or SUBQUOTA_FULL, invite generation makes
 * a matched one INVITED, and delivery DELIVERED or DELIVERY_FAILED.
 */
public enum QuotaMemberState {
  RECEIVED, VALID, EXCEPTION, MATCHED, NOT_MATCHED, OTHER_QUOTA, INVITED, SUBQUOTA_FULL, DELIVERED, DELIVERY_FAILED;

  /** Passed validation: every state but RECEIVED (not validated yet) and EXCEPTION. */
  public boolean valid() {
    return this != RECEIVED && this != EXCEPTION;
  }

  /**
   * Sampling placed the member in this quota's targeting: MATCHED and every later state of a matched member
   * (SUBQUOTA_FULL: matched, but its subquota had no room left; INVITED, DELIVERED, DELIVERY_FAILED).
   */
  public boolean matched() {
    return this == MATCHED || this == SUBQUOTA_FULL || this == INVITED || this == DELIVERED
        || this == DELIVERY_FAILED;
  }

  /** The state of a name, ignoring case; empty for an unknown name. */
  public static Optional<QuotaMemberState> parse(String name) {
    return Arrays.stream(values()).filter(s -> s.name().equals(name.trim().toUpperCase(Locale.ROOT))).findFirst();
  }
}
