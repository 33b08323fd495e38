package io.recontact.panel;

import static java.nio.charset.StandardCharsets.UTF_8;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads a member import (JSON array or CSV, see docs/panel-members.md) from the request body as it arrives and hands
 * each row to {@link Rows} as a member or a problem: a file of a million rows is never held whole. A bad row never
 * stops the others; only a body that cannot be read at all is an {@link UnreadableImport}.
 */
public final class PanelMemberImport {

  static final List<String> CSV_COLUMNS = List.of("memberCode", "status", "birthDate", "postalCode", "answers",
      "email");
  /** Bytes looked at for UTF-16 and binary content before the first row is read. */
  static final int SNIFF = 8_192;

  /**
   * One rejected row: {@code line} (CSV, 1-based, the header is line 1) or {@code element} (JSON, 1-based position in
   * the array), the member code when one could be read, and why.
   */
  public record Problem(Integer line, Integer element, String memberCode, String reason) {
  }

  /** Where the rows go, in body order; {@code position} is the CSV line or the JSON element. */
  interface Rows {
    void member(int position, PanelMember member);

    void problem(int position, String memberCode, String reason);
  }

  /** The body as a whole is unusable (empty, not a JSON array, no CSV header...). */
  public static final class UnreadableImport extends RuntimeException {
    UnreadableImport(String message) {
      super(message);
    }
  }

  /** The reason of a row whose member was erased (docs/respondent-erasure.md). */
  static final String ERASED = "this member was erased (a data subject's erasure) and may not be imported again";

  private PanelMemberImport() {
  }

  /**
   * Reads a JSON array element by element. Malformed JSON after some elements is an {@link UnreadableImport} too;
   * the elements before it have been handed on by then.
   */
  static void json(InputStream body, ObjectMapper mapper, Rows rows) throws IOException {
    int element = 0;
    boolean inElement = false;
    try (JsonParser parser = mapper.getFactory().createParser(body)) {
      JsonToken token = parser.nextToken();
      if (token == null) {
        throw new UnreadableImport("The body is empty: send a JSON array of members");
      }
      if (token != JsonToken.START_ARRAY) {
        throw new UnreadableImport("The body must be a JSON array of members");
      }
      while ((token = parser.nextToken()) != JsonToken.END_ARRAY) {
        if (token == null) {
          throw new UnreadableImport("The body is not valid JSON: the array is not closed");
        }
        element++;
        inElement = true;
        JsonNode node = mapper.readTree(parser);
        inElement = false;
        String code = node.isObject() ? text(node.get("memberCode")) : null;
        try {
          if (!node.isObject()) {
            throw new IllegalArgumentException("element is not a JSON object");
          }
          rows.member(element, PanelMemberFields.member(code, text(node.get("status")), text(node.get("birthDate")),
              text(node.get("postalCode")), PanelMemberFields.jsonAnswers(node.get("answers")),
              text(node.get("email"))));
        } catch (IllegalArgumentException e) {
          rows.problem(element, code, e.getMessage());
        }
      }
    } catch (JsonProcessingException e) {
      throw new UnreadableImport("The body is not valid JSON" + (inElement ? " in element " + element
          : element == 0 ? "" : " after element " + element) + ": " + e.getOriginalMessage());
    }
  }

  /** Reads a CSV file line by line: the header first, then one member per line. */
  static void csv(InputStream raw, Rows rows) throws IOException {
    BufferedInputStream body = new BufferedInputStream(raw, SNIFF * 2);
    requireText(body);
    ImportLines lines = new ImportLines(new InputStreamReader(body, UTF_8));
    ImportLines.Line first = lines.next();
    String headerLine = first == null || first.text() == null ? "" : first.text();
    if (headerLine.startsWith("\uFEFF")) {
      headerLine = headerLine.substring(1);
    }
    String empty = "The body is empty: send a CSV file with the header " + String.join(",", CSV_COLUMNS);
    if (first == null) {
      throw new UnreadableImport(empty);
    }
    List<String> header;
    try {
      header = split(headerLine).stream().map(String::strip).toList();
    } catch (IllegalArgumentException e) {
      throw new UnreadableImport("Line 1 is not a CSV header: " + e.getMessage());
    }
    ImportLines.Line line = lines.next();
    if (headerLine.isBlank()) {
      while (line != null && line.text() != null && line.text().isBlank()) {
        line = lines.next();
      }
      if (line == null) {
        throw new UnreadableImport(empty);
      }
    }
    Map<String, Integer> columns = columns(header);
    for (; line != null; line = lines.next()) {
      if (line.tooLong()) {
        rows.problem(line.number(), null, "the line is longer than " + ImportLines.MAX_LINE + " characters");
        continue;
      }
      if (line.text().isBlank()) {
        continue;
      }
      String code = null;
      try {
        List<String> fields = split(line.text());
        if (fields.size() != header.size()) {
          throw new IllegalArgumentException("expected " + header.size() + " fields, got " + fields.size());
        }
        code = field(fields, columns, "memberCode");
        rows.member(line.number(), PanelMemberFields.member(code, field(fields, columns, "status"),
            field(fields, columns, "birthDate"), field(fields, columns, "postalCode"),
            PanelMemberFields.csvAnswers(field(fields, columns, "answers")), field(fields, columns, "email")));
      } catch (IllegalArgumentException e) {
        rows.problem(line.number(), code, e.getMessage());
      }
    }
  }

  private static Map<String, Integer> columns(List<String> header) {
    Map<String, Integer> columns = new HashMap<>();
    for (int i = 0; i < header.size(); i++) {
      String name = header.get(i);
      String known = CSV_COLUMNS.stream().filter(c -> c.equalsIgnoreCase(name)).findFirst()
          .orElseThrow(() -> new UnreadableImport("Line 1 must be the header " + String.join(",", CSV_COLUMNS)
              + "; unknown column '" + name + "'"));
      if (columns.put(known, i) != null) {
        throw new UnreadableImport("Line 1: column '" + known + "' appears twice");
      }
    }
    for (String required : List.of("memberCode", "status")) {
      if (!columns.containsKey(required)) {
        throw new UnreadableImport("Line 1 must be the header " + String.join(",", CSV_COLUMNS) + "; column '"
            + required + "' is missing");
      }
    }
    return columns;
  }

  /**
   * UTF-16 or binary bodies would otherwise read as an "unknown column" of NUL characters; the start of the body
   * decides (a NUL later in the file is a row's non-printable character).
   */
  private static void requireText(BufferedInputStream body) throws IOException {
    body.mark(SNIFF);
    byte[] start = body.readNBytes(SNIFF);
    body.reset();
    if (start.length >= 2 && ((start[0] == (byte) 0xFF && start[1] == (byte) 0xFE)
        || (start[0] == (byte) 0xFE && start[1] == (byte) 0xFF))) {
      throw new UnreadableImport("The body is UTF-16 text (Excel's \"Unicode Text\"): save the CSV as UTF-8");
    }
    for (byte b : start) {
      if (b == 0) {
        throw new UnreadableImport("The body is not text (it contains NUL bytes): send a UTF-8 CSV file");
      }
    }
  }

  private static String text(JsonNode node) {
    return node == null || node.isNull() || node.isContainerNode() ? null : node.asText();
  }

  private static String field(List<String> fields, Map<String, Integer> columns, String name) {
    Integer index = columns.get(name);
    return index == null ? null : fields.get(index);
  }

  /** One CSV record on one line; fields may be quoted with {@code "}, a quote inside doubled. */
  static List<String> split(String line) {
    List<String> fields = new ArrayList<>();
    StringBuilder field = new StringBuilder();
    boolean quoted = false;
    boolean wasQuoted = false;
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
      } else if (c == ',') {
        fields.add(field.toString());
        field.setLength(0);
        wasQuoted = false;
      } else if (c == '"' && field.toString().isBlank() && !wasQuoted) {
        field.setLength(0);
        quoted = true;
        wasQuoted = true;
      } else {
        field.append(c);
      }
    }
    if (quoted) {
      throw new IllegalArgumentException("a quoted field is not closed (fields cannot span lines)");
    }
    fields.add(field.toString());
    return fields;
  }
}
