package io.recontact.panel;

import com.fasterxml.jackson.databind.JsonNode;
import io.recontact.panel.PanelMember.Status;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.Iterator;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The fields of one imported member, the same for JSON and CSV rows; a wrong field throws
 * {@link IllegalArgumentException} with the reason {@link PanelMemberImport} reports for the row.
 */
final class PanelMemberFields {

  static final LocalDate EARLIEST_BIRTH_DATE = LocalDate.of(1900, 1, 1);

  private PanelMemberFields() {
  }

  static PanelMember member(String code, String status, String birthDate, String postalCode,
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
  static Map<Long, Set<Long>> jsonAnswers(JsonNode answers) {
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
}
