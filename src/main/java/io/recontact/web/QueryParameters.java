package io.recontact.web;

import io.recontact.engine.Text;
import java.util.List;

/** Query parameters of the read APIs (page, size), checked the same way everywhere: a problem names the parameter. */
public final class QueryParameters {

  /** How much of a refused value a problem quotes back. */
  public static final int QUOTE = 80;

  private QueryParameters() {
  }

  /** The whole number in {@code value}, or {@code fallback} when it is absent or (with a problem added) refused. */
  public static int number(String parameter, String value, int fallback, int min, int max, List<String> problems) {
    if (value == null || value.isBlank()) {
      return fallback;
    }
    try {
      int n = Integer.parseInt(value.strip());
      if (n >= min && n <= max) {
        return n;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    problems.add(parameter + " must be a whole number from " + min + " to " + max + ", not '"
        + Text.abbreviate(value, QUOTE) + "'");
    return fallback;
  }
}
