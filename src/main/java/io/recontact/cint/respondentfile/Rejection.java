package io.recontact.cint.respondentfile;

/** One rejected line of a respondent file, kept as an example for the person reviewing the upload. */
public record Rejection(Kind kind, int lineNo, String content) {

  /** Longest content kept; matches {@code respondent_file_rejection.content}. */
  public static final int MAX_CONTENT = 300;

  // Alphabetical, so that ordering by the enum and by the stored name agree.
  public enum Kind { BLANK, DUPLICATE, HEADER, INVALID }

  /** Cuts a line to {@link #MAX_CONTENT} characters without splitting a surrogate pair. */
  static String truncate(String line) {
    if (line.length() <= MAX_CONTENT) {
      return line;
    }
    int end = Character.isHighSurrogate(line.charAt(MAX_CONTENT - 1)) ? MAX_CONTENT - 1 : MAX_CONTENT;
    return line.substring(0, end);
  }
}
