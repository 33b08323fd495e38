package io.recontact.panel;

import java.io.IOException;
import java.io.Reader;

/**
 * The lines of a CSV import read one at a time from the request body, so a file of a million rows is never held
 * whole. A line ends at LF (a CR before it is dropped); a line longer than {@link #MAX_LINE} is skipped to its end
 * and reported as too long rather than buffered: one bad line cannot exhaust the heap.
 */
final class ImportLines {

  /** Characters per line: far above any real row (64 code, 254 e-mail, a few hundred answers). */
  static final int MAX_LINE = 65_536;

  /** One line: its text, or null with {@code tooLong} when it was skipped. */
  record Line(int number, String text, boolean tooLong) {
  }

  private final Reader in;
  private final StringBuilder line = new StringBuilder(256);
  private int number;
  private boolean ended;

  ImportLines(Reader in) {
    this.in = in;
  }

  /** The next line, or null at the end of the body. */
  Line next() throws IOException {
    if (ended) {
      return null;
    }
    line.setLength(0);
    boolean tooLong = false;
    int c;
    while ((c = in.read()) != -1 && c != '\n') {
      if (line.length() < MAX_LINE) {
        line.append((char) c);
      } else {
        tooLong = true;
      }
    }
    if (c == -1) {
      ended = true;
      if (line.length() == 0 && !tooLong) {
        return null;
      }
    }
    number++;
    if (tooLong) {
      return new Line(number, null, true);
    }
    int length = line.length();
    if (length > 0 && line.charAt(length - 1) == '\r') {
      line.setLength(length - 1);
    }
    return new Line(number, line.toString(), false);
  }
}
