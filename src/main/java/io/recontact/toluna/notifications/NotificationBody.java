package io.recontact.toluna.notifications;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.recontact.engine.Text;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.time.OffsetDateTime;
import java.util.Iterator;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;

/**
 * A notification's JSON object with case-insensitive field names (Toluna writes {@code WaveID} in one message and
 * {@code WaveId} in the next). Reading enforces the content type, a size limit and a JSON object; the typed getters
 * name the field and the problem in a 400.
 */
final class NotificationBody {

  static final int MAX_BYTES = 64 * 1024;
  private static final MediaType TEXT_JSON = MediaType.parseMediaType("text/json");
  private static final MediaType ANY_JSON = MediaType.parseMediaType("application/*+json");
  private static final MediaType ANY_XML = MediaType.parseMediaType("application/*+xml");

  private final Map<String, JsonNode> fields;

  private NotificationBody(Map<String, JsonNode> fields) {
    this.fields = fields;
  }

  /** A missing Content-Type is read as JSON: Toluna documents no headers, and a JSON body is what counts. */
  static NotificationBody read(HttpServletRequest request, ObjectMapper mapper) throws IOException {
    return read(request, mapper, Set.of());
  }

  /**
   * JSON, or XML when {@code xmlRoots} names the root elements Toluna uses for this notification ({@code
   * <confirmation>}, {@code <termination>}): each child element is a field, its text the value.
   */
  static NotificationBody read(HttpServletRequest request, ObjectMapper mapper, Set<String> xmlRoots)
      throws IOException {
    String header = request.getContentType();
    boolean xml = false;
    if (header != null && !header.isBlank()) {
      MediaType type;
      try {
        type = MediaType.parseMediaType(header);
      } catch (InvalidMediaTypeException e) {
        throw new NotificationRejected(415, "Content-Type '" + clip(header) + "' is not a media type; send "
            + "application/json");
      }
      xml = !xmlRoots.isEmpty() && (MediaType.APPLICATION_XML.includes(type) || MediaType.TEXT_XML.includes(type)
          || ANY_XML.includes(type));
      if (!xml && !MediaType.APPLICATION_JSON.includes(type) && !TEXT_JSON.includes(type)
          && !ANY_JSON.includes(type)) {
        throw new NotificationRejected(415, "Content-Type " + type.getType() + "/" + type.getSubtype()
            + " is not supported; send application/json" + (xmlRoots.isEmpty()
            ? " (set Toluna's notification format to JSON)" : " or application/xml"));
      }
    }
    if (request.getContentLengthLong() > MAX_BYTES) {
      throw tooLarge();
    }
    byte[] bytes = request.getInputStream().readNBytes(MAX_BYTES + 1);
    if (bytes.length > MAX_BYTES) {
      throw tooLarge();
    }
    if (new String(bytes, java.nio.charset.StandardCharsets.UTF_8).isBlank()) {
      throw NotificationRejected.badRequest("The body is empty: send the notification as a JSON object"
          + (xml ? " or XML" : ""));
    }
    if (xml) {
      return new NotificationBody(XmlFields.read(bytes, xmlRoots));
    }
    JsonNode root;
    try {
      root = mapper.reader().with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS).readTree(bytes);
    } catch (JsonProcessingException e) {
      throw NotificationRejected.badRequest("The body is not valid JSON: " + clip(e.getOriginalMessage()));
    }
    if (root == null || !root.isObject()) {
      throw NotificationRejected.badRequest("The body must be a JSON object, not " + (root == null ? "nothing"
          : root.getNodeType().name().toLowerCase(Locale.ROOT)));
    }
    Map<String, JsonNode> fields = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    for (Iterator<Map.Entry<String, JsonNode>> it = root.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> field = it.next();
      if (fields.put(field.getKey(), field.getValue()) != null) {
        throw NotificationRejected.badRequest("Field " + clip(field.getKey()) + " appears more than once "
            + "(names are compared ignoring case)");
      }
    }
    return new NotificationBody(fields);
  }

  private static NotificationRejected tooLarge() {
    return NotificationRejected.badRequest("The body is larger than " + MAX_BYTES + " bytes; a notification is "
        + "a small JSON object");
  }

  private JsonNode present(String name) {
    JsonNode node = fields.get(name);
    return node == null || node.isNull() ? null : node;
  }

  /** A positive integer; a JSON number or a string of digits. */
  long requiredId(String name) {
    Long value = optionalId(name);
    if (value == null) {
      throw NotificationRejected.badRequest(name + " is missing");
    }
    return value;
  }

  Long optionalId(String name) {
    JsonNode node = present(name);
    if (node == null) {
      return null;
    }
    Long value = null;
    if (node.isIntegralNumber() && node.canConvertToLong()) {
      value = node.longValue();
    } else if (node.isTextual() && node.textValue().trim().matches("\\d{1,18}")) {
      value = Long.parseLong(node.textValue().trim());
    }
    if (value == null || value <= 0) {
      throw NotificationRejected.badRequest(name + " must be a positive integer, not " + clip(node.toString()));
    }
    return value;
  }

  /** JSON true/false, or the strings "true"/"false". */
  boolean requiredBoolean(String name) {
    JsonNode node = present(name);
    if (node == null) {
      throw NotificationRejected.badRequest(name + " is missing");
    }
    if (node.isBoolean()) {
      return node.booleanValue();
    }
    if (node.isTextual() && ("true".equalsIgnoreCase(node.textValue().trim())
        || "false".equalsIgnoreCase(node.textValue().trim()))) {
      return Boolean.parseBoolean(node.textValue().trim());
    }
    throw NotificationRejected.badRequest(name + " must be true or false, not " + clip(node.toString()));
  }

  OffsetDateTime requiredTimestamp(String name, String example) {
    JsonNode node = present(name);
    if (node == null) {
      throw NotificationRejected.badRequest(name + " is missing");
    }
    return TolunaTimestamps.parse(node.isTextual() ? node.textValue() : null).orElseThrow(() ->
        NotificationRejected.badRequest(name + " must be a UTC timestamp like " + example
            + " or ISO-8601, not " + clip(node.toString())));
  }

  /** A whole number of 1/100 currency units (Toluna's {@code Revenue}), zero or more. */
  Long optionalCents(String name) {
    JsonNode node = present(name);
    if (node == null) {
      return null;
    }
    if (node.isIntegralNumber() && node.canConvertToLong() && node.longValue() >= 0) {
      return node.longValue();
    }
    if (node.isNumber() && node.decimalValue().signum() >= 0
        && node.decimalValue().stripTrailingZeros().scale() <= 0) {
      return node.decimalValue().longValueExact();
    }
    if (node.isTextual() && node.textValue().trim().matches("\\d{1,15}")) {
      return Long.parseLong(node.textValue().trim());
    }
    throw NotificationRejected.badRequest(name + " must be a whole number of 1/100 currency units (zero or more), "
        + "not " + clip(node.toString()));
  }

  String requiredText(String name, int maxLength) {
    String text = optionalText(name);
    if (text == null || text.isBlank()) {
      throw NotificationRejected.badRequest(name + " is missing");
    }
    if (text.length() > maxLength) {
      throw NotificationRejected.badRequest(name + " is longer than " + maxLength + " characters");
    }
    return text.strip();
  }

  OffsetDateTime optionalTimestamp(String name, String example) {
    return present(name) == null ? null : requiredTimestamp(name, example);
  }

  String optionalText(String name) {
    JsonNode node = present(name);
    return node == null ? null : node.isValueNode() ? node.asText() : node.toString();
  }

  /** Values echoed in messages stay short: the body may be 64 kB of anything. */
  static String clip(String text) {
    return text == null ? "" : Text.abbreviate(text, 101);
  }
}
