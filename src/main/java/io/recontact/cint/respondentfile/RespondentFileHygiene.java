package io.recontact.cint.respondentfile;

import io.recontact.cint.client.CintModel.EntityType;
import io.recontact.cint.respondentfile.Rejection.Kind;
import io.recontact.cint.respondentfile.RespondentFileRejectedException.Reason;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

/**
 * Turns an uploaded respondent file into the list Cint accepts: one valid, distinct identifier per line, no header.
 *
 * <p>People export these files from Excel, survey tools and scripts, so the check forgives what carries no meaning
 * (BOM, any line end, surrounding whitespace, a single quoted CSV column, one header row) and sets aside, with
 * examples, what would make Cint fail lines silently (invalid, duplicate, blank). Files that are not text at all are
 * refused outright, with a message saying what to do instead.
 *
 * <p>Linear in the file size and free of regular expressions, so 150,000 lines take milliseconds.
 */
public final class RespondentFileHygiene {

  public static final int MAX_EXAMPLES = 20;
  static final int MAX_RID_LENGTH = 128;
  private static final int MAX_HEADER_LENGTH = 64;
  /** Column names a RID file may start with; RIDs are free tokens, so a name like {@code rid} is also a valid ID. */
  private static final Set<String> RID_HEADER_NAMES = Set.of(
      "rid", "rids", "responseid", "responseids", "respondentid", "respondentids", "rsid", "rsids", "id", "ids",
      "identifier", "identifiers");

  public HygieneResult check(byte[] content, EntityType type) {
    return check(content, type, id -> false);
  }

  /**
   * As {@link #check(byte[], EntityType)}; an accepted ID that {@code erased} accepts (a respondent erased on request,
   * docs/respondent-erasure.md) is dropped and only counted: no example keeps it.
   */
  public HygieneResult check(byte[] content, EntityType type, Predicate<String> erased) {
    if (type == null) {
      throw new IllegalArgumentException("entity type is required");
    }
    String text = RespondentFileDecoding.decode(content);
    // Pass 1: cut lines and clean tokens; pass 2 needs to know whether line 1 is a header before taking IDs.
    List<int[]> bounds = new ArrayList<>();
    List<String> tokens = new ArrayList<>();
    int start = text.isEmpty() || text.charAt(0) != '\uFEFF' ? 0 : 1;
    int length = text.length();
    int i = start;
    while (i < length) {
      int end = i;
      while (end < length && text.charAt(end) != '\n' && text.charAt(end) != '\r') {
        end++;
      }
      bounds.add(new int[] {i, end});
      tokens.add(token(text, i, end));
      if (end < length && text.charAt(end) == '\r' && end + 1 < length && text.charAt(end + 1) == '\n') {
        end++;
      }
      i = end + 1;
    }
    if (bounds.isEmpty()) {
      throw new RespondentFileRejectedException(Reason.EMPTY, "The file is empty. Upload a CSV or TXT file with one "
          + idName(type) + " per line.");
    }
    int first = -1;
    for (int n = 0; n < tokens.size() && first < 0; n++) {
      if (!tokens.get(n).isEmpty()) {
        first = n;
      }
    }
    if (first < 0) {
      throw new RespondentFileRejectedException(Reason.NO_CONTENT, "The file contains only blank lines. Upload a CSV "
          + "or TXT file with one " + idName(type) + " per line.");
    }
    boolean header = isHeader(tokens, first, type);

    List<String> accepted = new ArrayList<>(tokens.size());
    Set<String> seen = new HashSet<>(tokens.size() * 2);
    Map<Kind, List<Rejection>> examples = new EnumMap<>(Kind.class);
    int[] counts = new int[Kind.values().length];
    int erasedCount = 0;
    for (int n = 0; n < tokens.size(); n++) {
      String token = tokens.get(n);
      Kind kind;
      if (n == first && header) {
        kind = Kind.HEADER;
      } else if (token.isEmpty()) {
        kind = Kind.BLANK;
      } else {
        String id = normalise(token, type);
        if (id == null) {
          kind = Kind.INVALID;
        } else if (!seen.add(id)) {
          kind = Kind.DUPLICATE;
        } else if (erased.test(id)) {
          erasedCount++;
          continue;
        } else {
          accepted.add(id);
          continue;
        }
      }
      counts[kind.ordinal()]++;
      List<Rejection> list = examples.computeIfAbsent(kind, k -> new ArrayList<>());
      if (list.size() < MAX_EXAMPLES) {
        int[] b = bounds.get(n);
        list.add(new Rejection(kind, n + 1, Rejection.truncate(text.substring(b[0], b[1]))));
      }
    }
    List<Rejection> all = new ArrayList<>();
    examples.values().forEach(all::addAll);
    all.sort(Comparator.comparing(Rejection::kind).thenComparingInt(Rejection::lineNo));
    return new HygieneResult(bounds.size(), accepted, counts[Kind.DUPLICATE.ordinal()],
        counts[Kind.BLANK.ordinal()], counts[Kind.INVALID.ordinal()], header, all, erasedCount);
  }

  /** The normalised ID, or null when the token is not a valid ID of this type. */
  static String normalise(String token, EntityType type) {
    if (type.isRespondentId()) {
      // Cint's example upload is upper case and its lists are lower case: store one form so duplicates are found.
      return isUuid(token) ? token.toLowerCase(Locale.ROOT) : null;
    }
    return isRidToken(token) ? token : null;
  }

  private static String idName(EntityType type) {
    return type.isRespondentId() ? "respondent ID (RSID)" : "response ID (RID)";
  }

  // ---- line level ----

  /**
   * The identifier a line carries, "" for a blank line. Forgives whitespace, trailing separators of empty CSV cells
   * ({@code id,} or {@code id;;}) and one pair of surrounding double quotes. Anything else stays in, so that a line
   * with several values ({@code a,b}) fails validation instead of being guessed at.
   */
  static String token(String text, int start, int end) {
    while (start < end && isSpace(text.charAt(start))) {
      start++;
    }
    while (end > start && (isSpace(text.charAt(end - 1)) || text.charAt(end - 1) == ',' || text.charAt(end - 1) == ';')) {
      end--;
    }
    if (end - start >= 2 && text.charAt(start) == '"' && text.charAt(end - 1) == '"') {
      start++;
      end--;
      while (start < end && isSpace(text.charAt(start))) {
        start++;
      }
      while (end > start && isSpace(text.charAt(end - 1))) {
        end--;
      }
    }
    return text.substring(start, end);
  }

  private static boolean isSpace(char c) {
    // Non-breaking and zero-width spaces arrive from copy-pasting out of web pages and spreadsheets.
    return Character.isWhitespace(c) || c == '\u00A0' || c == '\u200B' || c == '\uFEFF';
  }

  static boolean isUuid(String s) {
    if (s.length() != 36) {
      return false;
    }
    for (int i = 0; i < 36; i++) {
      char c = s.charAt(i);
      if (i == 8 || i == 13 || i == 18 || i == 23) {
        if (c != '-') {
          return false;
        }
      } else if (!isHex(c)) {
        return false;
      }
    }
    return true;
  }

  static boolean isRidToken(String s) {
    if (s.isEmpty() || s.length() > MAX_RID_LENGTH) {
      return false;
    }
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (!(isAsciiLetterOrDigit(c) || c == '_' || c == '-')) {
        return false;
      }
    }
    return true;
  }

  // ---- header ----

  /**
   * Line {@code first} is a header when it names a column and most of the lines after it are valid IDs. For RSIDs a
   * column name is anything name-like that is not a UUID; for RIDs, whose tokens look like names themselves, only the
   * usual column names count ({@code rid}, {@code response_id}, {@code Respondent ID}, ...).
   */
  private static boolean isHeader(List<String> tokens, int first, EntityType type) {
    String candidate = tokens.get(first);
    boolean named = type.isRespondentId()
        ? !isUuid(candidate) && looksLikeColumnName(candidate)
        : RID_HEADER_NAMES.contains(compact(candidate))
            || (!isRidToken(candidate) && looksLikeColumnName(candidate));
    if (!named) {
      return false;
    }
    int nonBlank = 0;
    int valid = 0;
    for (int n = first + 1; n < tokens.size(); n++) {
      String token = tokens.get(n);
      if (!token.isEmpty()) {
        nonBlank++;
        if (normalise(token, type) != null) {
          valid++;
        }
      }
    }
    return valid * 2 > nonBlank;
  }

  /**
   * Starts with a letter; letters, digits, spaces, {@code _} and {@code -} only; at most 2 digits and no run of 5
   * hex digits. The last two rules keep broken IDs such as {@code F1CE179A-XXXX} from passing for a column name.
   */
  static boolean looksLikeColumnName(String s) {
    if (s.isEmpty() || s.length() > MAX_HEADER_LENGTH || !isAsciiLetter(s.charAt(0))) {
      return false;
    }
    int digits = 0;
    int hexRun = 0;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (!(isAsciiLetterOrDigit(c) || c == ' ' || c == '_' || c == '-')) {
        return false;
      }
      if (c >= '0' && c <= '9') {
        digits++;
      }
      hexRun = isHex(c) ? hexRun + 1 : 0;
      if (digits > 2 || hexRun >= 5) {
        return false;
      }
    }
    return true;
  }

  private static String compact(String s) {
    StringBuilder b = new StringBuilder(s.length());
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c != ' ' && c != '_' && c != '-') {
        b.append(Character.toLowerCase(c));
      }
    }
    return b.toString();
  }

  private static boolean isHex(char c) {
    return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
  }

  private static boolean isAsciiLetter(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
  }

  private static boolean isAsciiLetterOrDigit(char c) {
    return isAsciiLetter(c) || (c >= '0' && c <= '9');
  }
}
