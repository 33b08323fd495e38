package io.recontact.panel;

import static java.nio.charset.StandardCharsets.UTF_8;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.recontact.panel.PanelMember.Status;
import java.io.IOException;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Reads a member import (JSON array or CSV, see docs/panel-members.md) into members and per-row problems. A bad row
 * never stops the others; only a body that cannot be read at all is an {@link UnreadableImport}.
 */
public final class PanelMemberImport {

  static final LocalDate EARLIEST_BIRTH_DATE = LocalDate.of(1900, 1, 1);
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

  private PanelMemberImport() {
  }

  public static Parsed json(byte[] body, ObjectMapper mapper) {
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
    Collector collector = new Collector(false);
    int element = 0;
    for (JsonNode node : root) {
      element++;
      String code = node.isObject() ? text(node.get("memberCode")) : null;
      try {
        if (!node.isObject()) {
          throw new IllegalArgumentException("element is not a JSON object");
        }
        collector.add(element, member(code, text(node.get("status")), text(node.get("birthDate")),
            text(node.get("postalCode")), jsonAnswers(node.get("answers")), text(node.get("email"))));
      } catch (IllegalArgumentException e) {
        collector.reject(element, code, e.getMessage());
      }
    }
    return collector.parsed();
  }

  public static Parsed csv(byte[] body) {
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
    Collector collector = new Collector(true);
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
        collector.add(line, member(code, field(fields, columns, "status"), field(fields, columns, "birthDate"),
            field(fields, columns, "postalCode"), csvAnswers(field(fields, columns, "answers")),
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

  private static PanelMember member(String code, String status, String birthDate, String postalCode,
      Map<Long, Set<Long>> answers, String email) {
    if (code == null || code.isBlank()) {
      throw new IllegalArgumentException("member code is missing");
    }
    return new PanelMember(code, status(status), birthDate(birthDate), postalCode, answers, email);
  }

  private static Status status(String raw) {
    if (raw == null || raw.isBlank()) {
      throw new IllegalArgumentException("status is missing; one of " + Arrays.toString(Status.values()));
    }
    try {
      return Status.valueOf(raw.strip().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("unknown status '" + raw.strip() + "'; one of "
          + Arrays.toString(Status.values()));
    }
  }

  private static LocalDate birthDate(String raw) {
    if (raw == null || raw.isBlank()) {
      return null;
    }
    LocalDate date;
    try {
      date = LocalDate.parse(raw.strip());
    } catch (DateTimeParseException e) {
      throw new IllegalArgumentException("bad birth date '" + raw.strip() + "': expected YYYY-MM-DD");
    }
    if (date.isBefore(EARLIEST_BIRTH_DATE) || date.isAfter(LocalDate.now())) {
      throw new IllegalArgumentException("bad birth date '" + raw.strip() + "': not between "
          + EARLIEST_BIRTH_DATE + " and today");
    }
    return date;
  }

  /** {@code {"1001007": [2000246], "1001101": [2003456, 2003457]}}; null or missing is no answers. */
  private static Map<Long, Set<Long>> jsonAnswers(JsonNode answers) {
    Map<Long, Set<Long>> parsed = new TreeMap<>();
    if (answers == null || answers.isNull()) {
      return parsed;
    }
    if (!answers.isObject()) {
      throw new IllegalArgumentException("malformed answers: expected an object of QuestionID to [AnswerID, ...]");
    }
    Iterator<Map.Entry<String, JsonNode>> fields = answers.fields();
    while (fields.hasNext()) {
      Map.Entry<String, JsonNode> field = fields.next();
      long question = id(field.getKey(), "QuestionID");
      JsonNode ids = field.getValue();
      if (!ids.isArray()) {
        throw new IllegalArgumentException("malformed answers: QuestionID " + question
            + " must have an array of AnswerIDs");
      }
      Set<Long> set = new TreeSet<>();
      for (JsonNode id : ids) {
        if (!(id.isIntegralNumber() || id.isTextual())) {
          throw new IllegalArgumentException("malformed answers: QuestionID " + question + " has AnswerID " + id);
        }
        set.add(id(id.asText(), "AnswerID"));
      }
      parsed.put(question, set);
    }
    return parsed;
  }

  /** {@code 1001007=2000246;1001101=2003456|2003457}; blank is no answers. */
  static Map<Long, Set<Long>> csvAnswers(String raw) {
    Map<Long, Set<Long>> parsed = new TreeMap<>();
    if (raw == null || raw.isBlank()) {
      return parsed;
    }
    for (String pair : raw.split(";")) {
      if (pair.isBlank()) {
        continue;
      }
      int eq = pair.indexOf('=');
      if (eq < 0) {
        throw new IllegalArgumentException("malformed answers '" + pair.strip()
            + "': expected QuestionID=AnswerID|AnswerID");
      }
      long question = id(pair.substring(0, eq), "QuestionID");
      Set<Long> ids = new TreeSet<>();
      for (String id : pair.substring(eq + 1).split("\\|", -1)) {
        ids.add(id(id, "AnswerID"));
      }
      if (parsed.put(question, ids) != null) {
        throw new IllegalArgumentException("malformed answers: QuestionID " + question + " appears twice");
      }
    }
    return parsed;
  }

  private static long id(String raw, String what) {
    String s = raw == null ? "" : raw.strip();
    if (!s.matches("[0-9]{1,18}") || Long.parseLong(s) == 0) {
      throw new IllegalArgumentException("malformed answers: " + what + " '" + s + "' is not a positive number");
    }
    return Long.parseLong(s);
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

  /** Keeps the first row of each member code; later rows with the same code are rejected. */
  private static final class Collector {
    private final boolean csv;
    private final Map<String, Integer> firstSeen = new HashMap<>();
    private final List<PanelMember> members = new ArrayList<>();
    private final List<Problem> problems = new ArrayList<>();

    Collector(boolean csv) {
      this.csv = csv;
    }

    void add(int position, PanelMember member) {
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
