package io.recontact.governance;

import java.util.Locale;
import java.util.Optional;

/**
 * Where a respondent was contacted. Named here, not imported: governance sits below both marketplaces. A respondent
 * is one identifier in one marketplace (a Cint RSID or RID, a Toluna member code): the project holds no mapping
 * between a person's Cint and Toluna identifiers.
 */
public enum Marketplace {
  CINT, TOLUNA;

  /** {@code cint} or {@code toluna}, any case; empty for anything else. */
  public static Optional<Marketplace> parse(String name) {
    if (name == null) {
      return Optional.empty();
    }
    for (Marketplace m : values()) {
      if (m.name().equals(name.trim().toUpperCase(Locale.ROOT))) {
        return Optional.of(m);
      }
    }
    return Optional.empty();
  }

  public String path() {
    return name().toLowerCase(Locale.ROOT);
  }
}
