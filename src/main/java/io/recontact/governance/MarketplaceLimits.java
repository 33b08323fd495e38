package io.recontact.governance;

import java.time.Instant;
import java.util.Collection;
import java.util.Map;

/** A marketplace's own limits on contacting a respondent (Toluna: completes and starts a day). */
public interface MarketplaceLimits {

  Marketplace marketplace();

  /** The respondents among {@code normalisedIds} that are over a limit at {@code now}, each with when it lifts. */
  Map<String, Instant> blockedUntil(Collection<String> normalisedIds, Instant now);
}
