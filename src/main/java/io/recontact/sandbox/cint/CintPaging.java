package io.recontact.sandbox.cint;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import java.util.function.Function;

/** Page sizes, repeated query parameters and opaque cursors of the simulated Demand API's lists. */
final class CintPaging {

  private CintPaging() {
  }

  /** page_size defaults to 10; 1-1000 accepted (the guide's range, a superset of the spec's 1-100). */
  static int pageSize(String raw) {
    if (raw == null) {
      return 10;
    }
    try {
      int size = Integer.parseInt(raw);
      if (size >= 1 && size <= 1000) {
        return size;
      }
    } catch (NumberFormatException ignored) {
      // fall through
    }
    throw SimulatedError.invalidParam("page_size", "must be an integer between 1 and 1000");
  }

  /** Repeated query parameters, each possibly comma-separated. */
  static List<String> multi(List<String> values) {
    if (values == null) {
      return List.of();
    }
    return values.stream().flatMap(v -> Arrays.stream(v.split(","))).map(String::trim).filter(s -> !s.isEmpty()).toList();
  }

  record Page<T>(List<T> items, String nextCursor) {}

  /**
   * Cursor pagination over an ordered list. A page ends early at a multiple of {@code segment} (an internal storage
   * page), as the real API may return short pages; every item is still returned exactly once.
   */
  static <T> Page<T> page(List<T> items, Function<T, String> key, String kind, String startAfter, int pageSize,
      int segment) {
    int start = 0;
    if (startAfter != null) {
      String after = decodeCursor(startAfter, kind, "start_after");
      int index = -1;
      for (int i = 0; i < items.size() && index < 0; i++) {
        if (key.apply(items.get(i)).equals(after)) {
          index = i;
        }
      }
      if (index < 0 && kind.equals("rsid")) {
        @SuppressWarnings("unchecked")
        List<String> sorted = (List<String>) items;
        start = position(sorted, after, true);
      } else if (index < 0) {
        throw SimulatedError.invalidParam("start_after", "unknown cursor");
      } else {
        start = index + 1;
      }
    }
    long boundary = segment == Integer.MAX_VALUE ? Long.MAX_VALUE : ((long) start / segment + 1) * segment;
    int end = (int) Math.min(Math.min((long) start + pageSize, items.size()), boundary);
    List<T> slice = items.subList(start, Math.max(start, end));
    String next = end < items.size() ? cursor(kind, key.apply(items.get(end - 1))) : null;
    return new Page<>(slice, next);
  }

  /** Index of the first element after (or, if {@code after} is false, not before) the key in a sorted list. */
  static int position(List<String> sorted, String key, boolean after) {
    int i = Collections.binarySearch(sorted, key);
    return i >= 0 ? (after ? i + 1 : i) : -(i + 1);
  }

  static String cursor(String kind, String key) {
    return Base64.getUrlEncoder().withoutPadding().encodeToString((kind + ":" + key).getBytes(StandardCharsets.UTF_8));
  }

  static String decodeCursor(String cursor, String kind, String param) {
    try {
      String decoded = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
      if (decoded.startsWith(kind + ":")) {
        return decoded.substring(kind.length() + 1);
      }
    } catch (IllegalArgumentException ignored) {
      // fall through
    }
    throw SimulatedError.invalidParam(param, "is not a valid cursor");
  }
}
