package io.recontact.governance;

import io.recontact.web.ApiShapes.Problem;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Reads a do-not-contact CSV: a header naming {@code marketplace} and {@code id} (and optionally {@code reason}),
 * any order and case, then one respondent per line. A field may be quoted ({@code ""} inside); blank lines are
 * skipped. Bad rows are problems with their line; the rest are imported.
 */
final class SuppressionImport {

  static final int MAX_ROWS = 100_000;

  record Row(int line, Marketplace marketplace, String id, String reason) {
  }

  record Parsed(List<Row> rows, List<Problem> problems) {
  }

  private SuppressionImport() {
  }

  /** Null and a message in {@code unreadable} when the file as a whole cannot be read. */
  static Parsed csv(byte[] body, String defaultReason, List<String> unreadable) {
    String text;
    try {
      text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(body)).toString();
    } catch (CharacterCodingException e) {
      unreadable.add("the file is not UTF-8 text");
      return null;
    }
    if (text.startsWith("\uFEFF")) {
      text = text.substring(1);
    }
    String[] lines = text.split("\r\n|\r|\n", -1);
    int headerLine = 0;
    while (headerLine < lines.length && lines[headerLine].isBlank()) {
      headerLine++;
    }
    if (headerLine == lines.length) {
      unreadable.add("the file is empty: send a header line 'marketplace,id,reason' and one respondent per line");
      return null;
    }
    Map<String, Integer> columns = new HashMap<>();
    List<String> header = fields(lines[headerLine]);
    for (int i = 0; header != null && i < header.size(); i++) {
      String name = header.get(i).strip().toLowerCase(Locale.ROOT);
      if (!List.of("marketplace", "id", "reason").contains(name) || columns.put(name, i) != null) {
        unreadable.add("line " + (headerLine + 1) + ": the header names the columns marketplace, id and reason "
            + "(each once), not '" + io.recontact.engine.Text.abbreviate(header.get(i), 40) + "'");
        return null;
      }
    }
    if (header == null || !columns.containsKey("marketplace") || !columns.containsKey("id")) {
      unreadable.add("line " + (headerLine + 1) + ": the header needs the columns marketplace and id");
      return null;
    }
    List<Row> rows = new ArrayList<>();
    List<Problem> problems = new ArrayList<>();
    for (int n = headerLine + 1; n < lines.length; n++) {
      if (lines[n].isBlank()) {
        continue;
      }
      int line = n + 1;
      if (rows.size() >= MAX_ROWS) {
        unreadable.add("more than " + MAX_ROWS + " respondents: split the file");
        return null;
      }
      List<String> f = fields(lines[n]);
      if (f == null || f.size() != header.size()) {
        problems.add(new Problem(line, null, null, f == null ? "an unclosed quote" : "has " + f.size()
            + " fields, the header " + header.size()));
        continue;
      }
      Marketplace marketplace = Marketplace.parse(f.get(columns.get("marketplace"))).orElse(null);
      String id = marketplace == null ? null : RespondentIds.normalise(marketplace, f.get(columns.get("id")));
      String reason = columns.containsKey("reason") ? f.get(columns.get("reason")).strip() : "";
      reason = reason.isEmpty() && defaultReason != null ? defaultReason.strip() : reason;
      if (marketplace == null) {
        problems.add(new Problem(line, null, null, "marketplace must be cint or toluna"));
      } else if (id == null) {
        problems.add(new Problem(line, null, null, GovernanceRequests.problem(f.get(columns.get("id")))));
      } else if (reason.isEmpty() || reason.length() > Suppressions.MAX_REASON) {
        problems.add(new Problem(line, null, null, "reason is required (1 to " + Suppressions.MAX_REASON
            + " characters), in the row or as the reason parameter"));
      } else {
        rows.add(new Row(line, marketplace, id, reason));
      }
    }
    return new Parsed(rows, problems);
  }

  /** The fields of one line, or null when a quote is not closed. */
  static List<String> fields(String line) {
    List<String> out = new ArrayList<>();
    StringBuilder field = new StringBuilder();
    boolean quoted = false;
    for (int i = 0; i < line.length(); i++) {
      char c = line.charAt(i);
      if (quoted) {
        if (c == '"' && i + 1 < line.length() && line.charAt(i + 1) == '"') {
          field.append('"');
          i++;
        } else if (c == '"') {
          quoted = false;
        } else {
          field.append(c);
        }
      } else if (c == '"' && field.toString().isBlank()) {
        field.setLength(0);
        quoted = true;
      } else if (c == ',') {
        out.add(field.toString());
        field.setLength(0);
      } else {
        field.append(c);
      }
    }
    if (quoted) {
      return null;
    }
    out.add(field.toString());
    return out;
  }
}
