package io.recontact.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The body of a simulator's {@code POST …/admin/settings}: a partial update, read against a {@link Spec} that names
 * every setting with its type and range. The whole body is checked before anything is applied; the first wrong
 * value, or a field that is no setting, is refused with a {@link Refused} naming the field, which the admin
 * controllers answer with {@code 400 {"error": "...", "field": "..."}} (as their fault storms do).
 */
public final class AdminSettings {

  /** A setting refused: {@link #field()} is the field (null when the body is no JSON object). */
  public static final class Refused extends IllegalArgumentException {

    private final String field;

    public Refused(String field, String message) {
      super(message);
      this.field = field;
    }

    public String field() {
      return field;
    }

    /** {@code {"error": message, "field": field}}. */
    public ObjectNode body() {
      ObjectNode body = JsonNodeFactory.instance.objectNode().put("error", getMessage());
      return field == null ? body : body.put("field", field);
    }
  }

  private enum Kind { WHOLE_NUMBER, FRACTION, TEXTS, URL }

  private record Rule(Kind kind, long min, long max) {
  }

  /** The settings of one admin API: each field once, with its rule. */
  public static final class Spec {

    private final Map<String, Rule> rules = new LinkedHashMap<>();

    /** A JSON integer from {@code min} to {@code max}. */
    public Spec wholeNumber(String field, long min, long max) {
      return add(field, new Rule(Kind.WHOLE_NUMBER, min, max));
    }

    /** A JSON number from 0 to 1. */
    public Spec fraction(String field) {
      return add(field, new Rule(Kind.FRACTION, 0, 1));
    }

    /** A JSON array of non-blank strings (possibly empty). */
    public Spec texts(String field) {
      return add(field, new Rule(Kind.TEXTS, 0, 0));
    }

    /** A JSON string: empty (none) or an absolute http or https URL. */
    public Spec url(String field) {
      return add(field, new Rule(Kind.URL, 0, 0));
    }

    private Spec add(String field, Rule rule) {
      if (rules.putIfAbsent(field, rule) != null) {
        throw new IllegalStateException(field + " declared twice");
      }
      return this;
    }

    public Set<String> fields() {
      return rules.keySet();
    }

    /** The body, checked whole. */
    public AdminSettings read(JsonNode body) {
      if (body == null || !body.isObject()) {
        throw new Refused(null, "A JSON object of settings is required, e.g. {\"" + rules.keySet().iterator().next()
            + "\": …}; settings: " + rules.keySet());
      }
      Map<String, Object> values = new LinkedHashMap<>();
      for (Iterator<Map.Entry<String, JsonNode>> fields = body.fields(); fields.hasNext(); ) {
        Map.Entry<String, JsonNode> field = fields.next();
        Rule rule = rules.get(field.getKey());
        if (rule == null) {
          throw new Refused(field.getKey(), field.getKey() + " is not a setting; settings: " + rules.keySet());
        }
        values.put(field.getKey(), value(field.getKey(), rule, field.getValue()));
      }
      return new AdminSettings(values);
    }

    private static Object value(String field, Rule rule, JsonNode value) {
      return switch (rule.kind()) {
        case WHOLE_NUMBER -> {
          if (!value.isIntegralNumber() || !value.canConvertToLong() || value.longValue() < rule.min()
              || value.longValue() > rule.max()) {
            throw refused(field, "a whole number from " + rule.min() + " to " + rule.max(), value);
          }
          yield value.longValue();
        }
        case FRACTION -> {
          if (!value.isNumber() || value.doubleValue() < 0 || value.doubleValue() > 1) {
            throw refused(field, "a number from 0 to 1", value);
          }
          yield value.doubleValue();
        }
        case TEXTS -> {
          List<String> texts = new ArrayList<>();
          if (value.isArray()) {
            value.forEach(t -> texts.add(t.isTextual() && !t.asText().isBlank() ? t.asText() : null));
          }
          if (!value.isArray() || texts.contains(null)) {
            throw refused(field, "an array of non-blank strings", value);
          }
          yield List.copyOf(texts);
        }
        case URL -> {
          if (!value.isTextual() || !value.asText().isBlank() && !httpUrl(value.asText().trim())) {
            throw refused(field, "\"\" (none) or an http or https URL", value);
          }
          yield value.asText().trim();
        }
      };
    }

    private static boolean httpUrl(String text) {
      try {
        URI uri = new URI(text);
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        return (scheme.equals("http") || scheme.equals("https")) && uri.getHost() != null;
      } catch (java.net.URISyntaxException e) {
        return false;
      }
    }

    private static Refused refused(String field, String expected, JsonNode value) {
      String sent = value.toString();
      if (sent.length() > 60) {
        sent = sent.substring(0, 60) + "…";
      }
      return new Refused(field, field + " must be " + expected + ", not " + sent);
    }
  }

  public static Spec spec() {
    return new Spec();
  }

  private final Map<String, Object> values;

  private AdminSettings(Map<String, Object> values) {
    this.values = values;
  }

  public boolean has(String field) {
    return values.containsKey(field);
  }

  public long wholeNumber(String field) {
    return (Long) values.get(field);
  }

  public double fraction(String field) {
    return (Double) values.get(field);
  }

  @SuppressWarnings("unchecked")
  public List<String> texts(String field) {
    return (List<String>) values.get(field);
  }

  public String text(String field) {
    return (String) values.get(field);
  }
}
