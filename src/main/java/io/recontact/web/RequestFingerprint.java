package io.recontact.web;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.servlet.http.HttpServletRequest;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.Map;
import java.util.TreeMap;

/**
 * SHA-256 over what makes two starts the same request: method, path (with its identifiers) and each body part by
 * name, with the file's name and bytes. Each field is length-prefixed, so no two different requests run together into
 * the same bytes. JSON is hashed in a canonical form (object keys sorted, whitespace dropped): a client that formats
 * the same request differently on a retry repeats it; JSON that does not parse is hashed as sent.
 */
public final class RequestFingerprint {

  private static final ObjectMapper JSON = new ObjectMapper();
  private final MessageDigest digest;

  private RequestFingerprint() {
    try {
      digest = MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every JDK", e);
    }
  }

  /** The method and the decoded, normalised path (servlet path and path info). */
  public static RequestFingerprint of(HttpServletRequest request) {
    return new RequestFingerprint().text("method", request.getMethod())
        .text("path", request.getServletPath() + (request.getPathInfo() == null ? "" : request.getPathInfo()));
  }

  public RequestFingerprint text(String name, String text) {
    return bytes(name, text == null ? null : text.getBytes(StandardCharsets.UTF_8));
  }

  /** A file part: its name (it is part of the answer) and its bytes. */
  public RequestFingerprint file(String name, String fileName, byte[] content) {
    return text(name + ".name", fileName).bytes(name, content);
  }

  /** A JSON part as sent: canonical when it parses, else its text. */
  public RequestFingerprint json(String name, String json) {
    if (json == null) {
      return bytes(name, null);
    }
    try {
      return json(name, JSON.readTree(json));
    } catch (JsonProcessingException e) {
      return text(name, json);
    }
  }

  /** A body Spring has read already (a map, a record): canonical JSON. */
  public RequestFingerprint value(String name, Object body) {
    return json(name, body == null ? null : JSON.valueToTree(body));
  }

  private RequestFingerprint json(String name, JsonNode node) {
    return text(name, node == null ? null : canonical(node).toString());
  }

  public RequestFingerprint bytes(String name, byte[] content) {
    field(name.getBytes(StandardCharsets.UTF_8));
    if (content == null) {
      digest.update(ByteBuffer.allocate(8).putLong(-1).array());
    } else {
      field(content);
    }
    return this;
  }

  private void field(byte[] bytes) {
    digest.update(ByteBuffer.allocate(8).putLong(bytes.length).array());
    digest.update(bytes);
  }

  /** Hex SHA-256 of everything added; the fingerprint is finished. */
  public String hex() {
    return HexFormat.of().formatHex(digest.digest());
  }

  static JsonNode canonical(JsonNode node) {
    if (node.isObject()) {
      Map<String, JsonNode> sorted = new TreeMap<>();
      for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> field = it.next();
        sorted.put(field.getKey(), canonical(field.getValue()));
      }
      ObjectNode out = JsonNodeFactory.instance.objectNode();
      sorted.forEach(out::set);
      return out;
    }
    if (node.isArray()) {
      ArrayNode out = JsonNodeFactory.instance.arrayNode();
      node.forEach(element -> out.add(canonical(element)));
      return out;
    }
    return node;
  }
}
