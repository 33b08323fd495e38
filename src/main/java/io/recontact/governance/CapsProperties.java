package io.recontact.governance;

import java.time.Duration;
import java.time.ZoneId;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Contact caps (docs/respondent-governance.md), decided per respondent against the contact history across every
 * survey and both marketplaces. The window cap and the gap are off by default: which limits fit is a panel's policy,
 * and turning them on silently would drop respondents from files and quotas that worked before. Toluna's daily
 * limits are Toluna's own rules and on by default.
 *
 * @param maxContacts contacts (Cint uploads and Toluna invites) a respondent may get within {@code window}; 0 = no
 *     such cap
 * @param window the rolling window {@code max-contacts} counts in
 * @param minGap least time between two contacts of a respondent; 0 = no gap
 * @param tolunaDailyCompletes Toluna members are not invited on a day they completed this many surveys (Toluna's
 *     limit is 5); 0 = not checked
 * @param tolunaDailyStarts Toluna members are not invited on a day they started this many surveys (a recorded
 *     outcome: complete, termination or pre-start rejection; Toluna's limit is 25); 0 = not checked
 * @param tolunaDayZone the time zone whose midnight starts Toluna's day for the daily limits
 */
@ConfigurationProperties("recontact.governance.caps")
public record CapsProperties(
    @DefaultValue("0") int maxContacts,
    @DefaultValue("30d") Duration window,
    @DefaultValue("0s") Duration minGap,
    @DefaultValue("5") int tolunaDailyCompletes,
    @DefaultValue("25") int tolunaDailyStarts,
    @DefaultValue("UTC") ZoneId tolunaDayZone) {

  public CapsProperties {
    if (maxContacts < 0 || tolunaDailyCompletes < 0 || tolunaDailyStarts < 0) {
      throw new IllegalArgumentException("recontact.governance.caps: counts are 0 (off) or more");
    }
    if (window == null || window.isNegative() || (maxContacts > 0 && window.isZero())) {
      throw new IllegalArgumentException("recontact.governance.caps.window must be positive when max-contacts is set");
    }
    if (minGap == null || minGap.isNegative()) {
      throw new IllegalArgumentException("recontact.governance.caps.min-gap must not be negative");
    }
  }

  /** Caps that read the contact history: off means no lock and no history query per contact. */
  public boolean historyCapped() {
    return maxContacts > 0 || !minGap.isZero();
  }

  public boolean tolunaDaily() {
    return tolunaDailyCompletes > 0 || tolunaDailyStarts > 0;
  }
}
