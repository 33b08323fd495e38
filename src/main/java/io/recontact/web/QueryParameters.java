package io.recontact.web;

import io.recontact.engine.Text;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.IntFunction;
import org.springframework.http.ResponseEntity;

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

  /**
   * A list read with a {@code limit} parameter (whole number from 1 to {@code max}, {@code fallback} when absent):
   * 200 with what {@code read} returns for it, or 400 naming the problem.
   */
  public static ResponseEntity<?> limitedList(String limit, int fallback, int max, IntFunction<?> read) {
    List<String> problems = new ArrayList<>();
    int n = number("limit", limit, fallback, 1, max, problems);
    if (!problems.isEmpty()) {
      return ResponseEntity.badRequest().body(Map.of("message", "The list was not read: fix these problems",
          "problems", problems));
    }
    return ResponseEntity.ok(read.apply(n));
  }
}
