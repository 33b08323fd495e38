package io.recontact.api;

import static java.nio.charset.StandardCharsets.ISO_8859_1;
import static java.nio.charset.StandardCharsets.UTF_8;

import com.atlassian.oai.validator.report.LevelResolver;
import com.atlassian.oai.validator.report.MessageResolver;
import com.atlassian.oai.validator.report.ValidationReport;
import com.atlassian.oai.validator.schema.SchemaValidator;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.media.Encoding;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.Schema;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The multipart check the Atlassian validator lacks (it checks a multipart request's Content-Type and nothing inside):
 * each part against the operation's {@code multipart/form-data} schema. Required parts present, no part the document
 * does not name, each part's Content-Type among its {@code encoding} types, and a JSON part valid against its
 * property's schema.
 */
final class MultipartCheck {

  static final String KEY = "harness.request.body.multipart";

  private MultipartCheck() {
  }

  record Part(String name, String fileName, String contentType, byte[] content) {
  }

  static ValidationReport check(OpenAPI api, String method, String path, String contentType, byte[] body) {
    if (contentType == null || !contentType.toLowerCase(Locale.ROOT).startsWith("multipart/form-data")
        || body == null) {
      return ValidationReport.empty();
    }
    Optional<MediaType> media = operation(api, method, path).map(Operation::getRequestBody)
        .map(b -> b.getContent() == null ? null : b.getContent().get("multipart/form-data"));
    if (media.isEmpty()) {
      return ValidationReport.empty(); // the validator reports the content type itself
    }
    Schema<?> schema = resolve(api, media.get().getSchema());
    Map<String, Encoding> encodings = media.get().getEncoding() == null ? Map.of() : media.get().getEncoding();
    List<Part> parts = parts(contentType, body);
    List<String> problems = new ArrayList<>();
    ValidationReport report = ValidationReport.empty();
    List<String> required = schema.getRequired() == null ? List.of() : schema.getRequired();
    for (String name : required) {
      if (parts.stream().noneMatch(p -> name.equals(p.name()))) {
        problems.add("required part '" + name + "' is missing");
      }
    }
    Map<String, Schema> properties = schema.getProperties() == null ? Map.of() : schema.getProperties();
    SchemaValidator validator = new SchemaValidator(api, new MessageResolver(LevelResolver.create()
        .withDefaultLevel(ValidationReport.Level.ERROR).build()));
    for (Part part : parts) {
      Schema<?> property = properties.get(part.name());
      if (property == null) {
        problems.add("part '" + part.name() + "' is not in the document (parts: " + properties.keySet() + ")");
        continue;
      }
      Encoding encoding = encodings.get(part.name());
      if (encoding != null && encoding.getContentType() != null && part.contentType() != null
          && Arrays.stream(encoding.getContentType().split(",")).map(String::trim)
              .noneMatch(t -> org.springframework.http.MediaType.parseMediaType(t)
                  .includes(org.springframework.http.MediaType.parseMediaType(part.contentType())))) {
        problems.add("part '" + part.name() + "' has Content-Type " + part.contentType() + ", the document allows "
            + encoding.getContentType());
      }
      if (part.contentType() != null && part.contentType().toLowerCase(Locale.ROOT).startsWith("application/json")
          && !"binary".equals(property.getFormat())) {
        report = report.merge(validator.validate(new String(part.content(), UTF_8), property,
            "request.body.part." + part.name()));
      }
    }
    for (String problem : problems) {
      report = report.merge(ValidationReport.singleton(ValidationReport.Message.create(KEY,
          method + " " + path + ": " + problem).build()));
    }
    return report;
  }

  static Optional<Operation> operation(OpenAPI api, String method, String path) {
    if (api.getPaths() == null) {
      return Optional.empty();
    }
    for (Map.Entry<String, PathItem> entry : api.getPaths().entrySet()) {
      if (path.matches(entry.getKey().replaceAll("\\{[^}]+}", "[^/]+"))) {
        PathItem.HttpMethod verb = PathItem.HttpMethod.valueOf(method.toUpperCase(Locale.ROOT));
        return Optional.ofNullable(entry.getValue().readOperationsMap().get(verb));
      }
    }
    return Optional.empty();
  }

  private static Schema<?> resolve(OpenAPI api, Schema<?> schema) {
    if (schema != null && schema.get$ref() != null) {
      String name = schema.get$ref().substring(schema.get$ref().lastIndexOf('/') + 1);
      return api.getComponents().getSchemas().get(name);
    }
    return schema == null ? new Schema<>() : schema;
  }

  /** Splits a multipart body; bytes read as ISO-8859-1 so that every byte survives the round trip. */
  static List<Part> parts(String contentType, byte[] body) {
    String boundary = null;
    for (String parameter : contentType.split(";")) {
      String p = parameter.trim();
      if (p.toLowerCase(Locale.ROOT).startsWith("boundary=")) {
        boundary = p.substring("boundary=".length()).replace("\"", "");
      }
    }
    List<Part> parts = new ArrayList<>();
    if (boundary == null) {
      return parts;
    }
    String text = new String(body, ISO_8859_1);
    for (String chunk : text.split("--" + java.util.regex.Pattern.quote(boundary))) {
      int split = chunk.indexOf("\r\n\r\n");
      if (split < 0 || chunk.startsWith("--")) {
        continue;
      }
      String name = null;
      String fileName = null;
      String type = null;
      for (String header : chunk.substring(0, split).trim().split("\r\n")) {
        String lower = header.toLowerCase(Locale.ROOT);
        if (lower.startsWith("content-disposition:")) {
          name = attribute(header, "name");
          fileName = attribute(header, "filename");
        } else if (lower.startsWith("content-type:")) {
          type = header.substring("content-type:".length()).trim();
        }
      }
      String content = chunk.substring(split + 4);
      content = content.endsWith("\r\n") ? content.substring(0, content.length() - 2) : content;
      parts.add(new Part(name, fileName, type, content.getBytes(ISO_8859_1)));
    }
    return parts;
  }

  private static String attribute(String header, String name) {
    var matcher = java.util.regex.Pattern.compile("[;\\s]" + name + "=\"([^\"]*)\"").matcher(header);
    return matcher.find() ? matcher.group(1) : null;
  }
}
