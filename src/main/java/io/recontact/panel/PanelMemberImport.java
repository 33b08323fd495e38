package io.recontact.panel;

import static java.nio.charset.StandardCharsets.UTF_8;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * Reads a member import (JSON array or CSV, see docs/panel-members.md) into members and per-row problems. A bad row
 * never stops the others; only a body that cannot be read at all is an {@link UnreadableImport}.
 */
public final class PanelMemberImport {

  static final List<String> CSV_COLUMNS = List.of("memberCode", "status", "birthDate", "postalCode", "answers",
      "email");

  /**
   * One rejected row: {@code line} (CSV, 1-based, the header is line 1) or {@code element} (JSON, 1-based position in
   * the array), the member code when one could be read, and why.
   */
  public record Problem(Integer line, Integer element, String memberCode, String reason) {
  }

  /** The usable members (distinct codes, in import order) and the rejected rows. */
  public record Parsed(List<PanelMember> members, List<Problem> problems) {
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

  public static Parsed json(byte[] body, ObjectMapper mapper) {
    return json(body, mapper, code -> false);
  }

  /** As {@link #json(byte[], ObjectMapper)}; a row whose member code {@code erased} accepts is a problem. */
  public static Parsed json(byte[] body, ObjectMapper mapper, Predicate<String> erased) {
    if (body == null || new String(body, UTF_8).isBlank()) {
      throw new UnreadableImport("The body is empty: send a JSON array of members");
    }
    JsonNode root;
    try {
      root = mapper.readTree(body);
    } catch (JsonProcessingException e) {
      throw new UnreadableImport("The body is not valid JSON: " + e.getOriginalMessage());
    } catch (IOException e) {
      throw new UnreadableImport("The body could not be read: " + e.getMessage());
    }
    if (root == null || !root.isArray()) {
      throw new UnreadableImport("The body must be a JSON array of members");
    }
    Collector collector = new Collector(false, erased);
    int element = 0;
    for (JsonNode node : root) {
      element++;
      String code = node.isObject() ? text(node.get("memberCode")) : null;
      try {
        if (!node.isObject()) {
          throw new IllegalArgumentException("element is not a JSON object");
        }
        collector.add(element, PanelMemberFields.member(code, text(node.get("status")), text(node.get("birthDate")),
            text(node.get("postalCode")), PanelMemberFields.jsonAnswers(node.get("answers")), text(node.get("email"))));
      } catch (IllegalArgumentException e) {
        collector.reject(element, code, e.getMessage());
      }
    }
    return collector.parsed();
  }

  public static Parsed csv(byte[] body) {
    return csv(body, code -> false);
  }

  /** As {@link #csv(byte[])}; a row whose member code {@code erased} accepts is a problem. */
  public static Parsed csv(byte[] body, Predicate<String> erased) {
    requireText(body);
    String text = body == null ? "" : new String(body, UTF_8);
    if (text.startsWith("\uFEFF")) {
      text = text.substring(1);
    }
    if (text.isBlank()) {
      throw new UnreadableImport("The body is empty: send a CSV file with the header "
          + String.join(",", CSV_COLUMNS));
    }
    String[] lines = text.split("\r?\n", -1);
    List<String> header;
    try {
      header = split(lines[0]).stream().map(String::strip).toList();
    } catch (IllegalArgumentException e) {
      throw new UnreadableImport("Line 1 is not a CSV header: " + e.getMessage());
    }
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
    Collector collector = new Collector(true, erased);
    for (int i = 1; i < lines.length; i++) {
      int line = i + 1;
      if (lines[i].isBlank()) {
        continue;
      }
      String code = null;
      try {
        List<String> fields = split(lines[i]);
        if (fields.size() != header.size()) {
          throw new IllegalArgumentException("expected " + header.size() + " fields, got " + fields.size());
        }
        code = field(fields, columns, "memberCode");
        collector.add(line, PanelMemberFields.member(code, field(fields, columns, "status"), field(fields, columns, "birthDate"),
            field(fields, columns, "postalCode"), PanelMemberFields.csvAnswers(field(fields, columns, "answers")),
            field(fields, columns, "email")));
      } catch (IllegalArgumentException e) {
        collector.reject(line, code, e.getMessage());
      }
    }
    return collector.parsed();
  }

  /** UTF-16 or binary bodies would otherwise read as an "unknown column" of NUL characters. */
  private static void requireText(byte[] body) {
    if (body == null || body.length < 2) {
      return;
    }
    if ((body[0] == (byte) 0xFF && body[1] == (byte) 0xFE) || (body[0] == (byte) 0xFE && body[1] == (byte) 0xFF)) {
      throw new UnreadableImport("The body is UTF-16 text (Excel's \"Unicode Text\"): save the CSV as UTF-8");
    }
    for (byte b : body) {
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

  /** Keeps the first row of each member code; later rows with the same code and erased members are rejected. */
  private static final class Collector {
    private final boolean csv;
    private final Predicate<String> erased;
    private final Map<String, Integer> firstSeen = new HashMap<>();
    private final List<PanelMember> members = new ArrayList<>();
    private final List<Problem> problems = new ArrayList<>();

    Collector(boolean csv, Predicate<String> erased) {
      this.csv = csv;
      this.erased = erased;
    }

    void add(int position, PanelMember member) {
      if (erased.test(member.memberCode())) {
        reject(position, member.memberCode(), ERASED);
        return;
      }
      Integer first = firstSeen.putIfAbsent(member.memberCode(), position);
      if (first != null) {
        reject(position, member.memberCode(), "duplicate member code in this import: already on "
            + (csv ? "line " : "element ") + first);
      } else {
        members.add(member);
      }
    }

    void reject(int position, String code, String reason) {
      String shown = code == null || code.isBlank() ? null : code.strip();
      problems.add(csv ? new Problem(position, null, shown, reason) : new Problem(null, position, shown, reason));
    }

    Parsed parsed() {
      return new Parsed(List.copyOf(members), List.copyOf(problems));
    }
  }
}
