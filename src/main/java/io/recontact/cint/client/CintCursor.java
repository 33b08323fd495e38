package io.recontact.cint.client;

import java.util.HashSet;
import java.util.Set;

/** Follows {@code next_cursor}; a cursor that comes back twice would loop forever, so it is an error. */
final class CintCursor {

  private final String what;
  private final Set<String> seen = new HashSet<>();
  private String value;

  CintCursor(String what) {
    this.what = what;
  }

  String value() {
    return value;
  }

  void advance(String next) {
    if (next != null && !next.isBlank() && !seen.add(next)) {
      throw new IllegalStateException("Cint returned the cursor " + next + " twice while listing " + what);
    }
    value = next == null || next.isBlank() ? null : next;
  }
}
