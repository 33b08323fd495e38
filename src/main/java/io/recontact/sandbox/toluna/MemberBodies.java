package io.recontact.sandbox.toluna;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * Reads Member Management v2 bodies the way Toluna's ASP.NET model binding does: property names in any case, unknown
 * properties ignored, and a 400 {@code {"Message"}} for a value of the wrong type. Booleans may also come as the
 * strings "true"/"false" (the docs' own deactivate example sends {@code "IsActive": "false"}); BirthDate must be a
 * real date in one of the formats toluna-api §11.38 lists; IDs must be integers. {@code AnsweredQuestions} (deprecated) is
 * read only when {@code RegistrationAnswers} is absent.
 */
final class MemberBodies {

  static final List<String> BOOLEANS = List.of("IsActive", "IsTest", "IsPIIDataRegulated");
  private static final JsonNodeFactory F = JsonNodeFactory.instance;
  private static final List<DateTimeFormatter> DATES = List.of("M/d/uuuu", "uuuu/M/d", "uuuu-MM-dd").stream()
      .map(p -> DateTimeFormatter.ofPattern(p, Locale.ROOT).withResolverStyle(ResolverStyle.STRICT)).toList();
  private static final Pattern INTEGER = Pattern.compile("^-?\\d{1,18}$");

  /** A validated body: scalar fields under Toluna's names, and the answers by QuestionID (null when not sent). */
  record Patch(String partnerGuid, String memberCode, ObjectNode fields, TreeMap<Long, ArrayNode> answers) {}

  private MemberBodies() {
  }

  /** The property {@code name} in any letter case; null when absent. */
  static JsonNode get(JsonNode object, String name) {
    JsonNode exact = object.get(name);
    if (exact != null) {
      return exact;
    }
    for (Iterator<Map.Entry<String, JsonNode>> it = object.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> field = it.next();
      if (field.getKey().equalsIgnoreCase(name)) {
        return field.getValue();
      }
    }
    return null;
  }

  /** PartnerGUID or MemberCode as text; null when absent, null or blank. */
  static String text(JsonNode body, String name) {
    JsonNode value = get(body, name);
    return value == null || value.isNull() || !value.isValueNode() || value.asText().isBlank() ? null : value.asText();
  }

  static Patch parse(ObjectNode body) {
    ObjectNode fields = F.objectNode();
    for (String name : BOOLEANS) {
      JsonNode value = get(body, name);
      if (value != null && !value.isNull()) {
        fields.put(name, bool(name, value));
      }
    }
    JsonNode birth = get(body, "BirthDate");
    if (birth != null && !birth.isNull()) {
      fields.put("BirthDate", birthDate(birth));
    }
    JsonNode postal = get(body, "PostalCode");
    if (postal != null && !postal.isNull()) {
      if (!postal.isValueNode()) {
        throw TolunaError.message(400, "PostalCode must be a string.");
      }
      fields.put("PostalCode", postal.asText());
    }
    JsonNode registration = get(body, "RegistrationAnswers");
    JsonNode answered = get(body, "AnsweredQuestions");
    TreeMap<Long, ArrayNode> answers = null;
    if (registration != null && !registration.isNull()) {
      answers = registrationAnswers(registration);
    } else if (answered != null && !answered.isNull()) {
      answers = answeredQuestions(answered);
    }
    return new Patch(text(body, "PartnerGUID"), text(body, "MemberCode"), fields, answers);
  }

  private static boolean bool(String name, JsonNode value) {
    if (value.isBoolean()) {
      return value.booleanValue();
    }
    if (value.isTextual() && ("true".equalsIgnoreCase(value.asText().trim())
        || "false".equalsIgnoreCase(value.asText().trim()))) {
      return Boolean.parseBoolean(value.asText().trim());
    }
    throw TolunaError.message(400, name + " must be true or false, not " + value + ".");
  }

  private static String birthDate(JsonNode value) {
    String text = value.isTextual() ? value.asText().trim() : null;
    if (text != null) {
      for (DateTimeFormatter format : DATES) {
        try {
          format.parse(text);
          return text;
        } catch (DateTimeParseException tryNext) {
          // next format
        }
      }
    }
    throw TolunaError.message(400, "BirthDate " + value + " is not a date (MM/DD/YYYY).");
  }

  private static TreeMap<Long, ArrayNode> registrationAnswers(JsonNode list) {
    if (!list.isArray()) {
      throw TolunaError.message(400, "RegistrationAnswers must be a list.");
    }
    TreeMap<Long, ArrayNode> answers = new TreeMap<>();
    for (JsonNode entry : list) {
      long question = integer(entry, "QuestionID");
      JsonNode given = entry.isObject() ? get(entry, "Answers") : null;
      if (given == null || !given.isArray()) {
        throw TolunaError.message(400, "RegistrationAnswers of QuestionID " + question + " needs an Answers list.");
      }
      ArrayNode out = answers.computeIfAbsent(question, q -> F.arrayNode());
      for (JsonNode answer : given) {
        long id = integer(answer, "AnswerID");
        JsonNode value = get(answer, "AnswerValue");
        out.addObject().put("AnswerID", id).put("AnswerValue", value == null || value.isNull() ? null : value.asText());
      }
    }
    return answers;
  }

  /** The deprecated flat form: one {QuestionID, AnswerID} per answer. */
  private static TreeMap<Long, ArrayNode> answeredQuestions(JsonNode list) {
    if (!list.isArray()) {
      throw TolunaError.message(400, "AnsweredQuestions must be a list.");
    }
    TreeMap<Long, ArrayNode> answers = new TreeMap<>();
    for (JsonNode entry : list) {
      long question = integer(entry, "QuestionID");
      long id = integer(entry, "AnswerID");
      answers.computeIfAbsent(question, q -> F.arrayNode()).addObject().put("AnswerID", id).putNull("AnswerValue");
    }
    return answers;
  }

  private static long integer(JsonNode object, String name) {
    JsonNode value = object.isObject() ? get(object, name) : null;
    if (value != null && value.isIntegralNumber() && value.canConvertToLong()) {
      return value.longValue();
    }
    if (value != null && value.isTextual() && INTEGER.matcher(value.asText().trim()).matches()) {
      return Long.parseLong(value.asText().trim());
    }
    throw TolunaError.message(400, name + " must be an integer, not " + (value == null ? "missing" : value) + ".");
  }

  /** A stored member as GET shows it. */
  static ObjectNode render(String partnerGuid, String memberCode, ObjectNode fields,
      TreeMap<Long, ArrayNode> answers) {
    ObjectNode out = F.objectNode().put("PartnerGUID", partnerGuid).put("MemberCode", memberCode);
    out.set("IsActive", fields.get("IsActive"));
    out.set("BirthDate", fields.path("BirthDate").isMissingNode() ? F.nullNode() : fields.get("BirthDate"));
    out.set("PostalCode", fields.path("PostalCode").isMissingNode() ? F.nullNode() : fields.get("PostalCode"));
    out.set("IsTest", fields.get("IsTest"));
    out.set("IsPIIDataRegulated", fields.get("IsPIIDataRegulated"));
    ArrayNode list = out.putArray("RegistrationAnswers");
    answers.forEach((question, given) -> list.addObject().put("QuestionID", question).set("Answers", given.deepCopy()));
    return out;
  }
}
