package io.recontact.badinput;

import static java.nio.charset.StandardCharsets.UTF_8;

import io.recontact.api.ApiContract;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Raw HTTP as a caller sends it: any content type, any bytes, multipart built by hand. Each /api answer is checked
 * against the OpenAPI document (ApiContract.checkRaw).
 */
final class BadInputHttp {

  static final String DEMO = "Basic " + Base64.getEncoder().encodeToString("demo:demo".getBytes(UTF_8));
  static final String BOUNDARY = "bad-input-boundary";
  static final String MULTIPART = "multipart/form-data; boundary=" + BOUNDARY;

  record Answer(int status, String body) {
  }

  /** One part of a multipart body: name, optional file name, content type, bytes. */
  record Part(String name, String fileName, String type, byte[] content) {
    static Part json(String name, String json) {
      return new Part(name, null, "application/json", json.getBytes(UTF_8));
    }

    static Part file(String fileName, byte[] content) {
      return new Part("file", fileName, "text/csv", content);
    }
  }

  private final HttpClient client = HttpClient.newHttpClient();
  private final int port;

  BadInputHttp(int port) {
    this.port = port;
  }

  Answer post(String path, String contentType, byte[] body) {
    return post(path, contentType, body, DEMO);
  }

  Answer post(String path, String contentType, byte[] body, String authorization) {
    return post(path, contentType, body, authorization, Map.of());
  }

  Answer post(String path, String contentType, byte[] body, String authorization, Map<String, String> headers) {
    return send("POST", path, contentType, body, authorization, headers);
  }

  /** A DELETE without a body, as {@code authorization}. */
  Answer delete(String path, String authorization) {
    return send("DELETE", path, null, null, authorization, Map.of());
  }

  static String basic(String user, String password) {
    return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(UTF_8));
  }

  private Answer send(String method, String path, String contentType, byte[] body, String authorization,
      Map<String, String> headers) {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
        .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
            : HttpRequest.BodyPublishers.ofByteArray(body));
    if (contentType != null) {
      request.header("Content-Type", contentType);
    }
    if (authorization != null) {
      request.header("Authorization", authorization);
    }
    headers.forEach(request::header);
    try {
      HttpRequest sent = request.build();
      HttpResponse<String> response = client.send(sent, HttpResponse.BodyHandlers.ofString(UTF_8));
      ApiContract.checkRaw(sent, body, response);
      return new Answer(response.statusCode(), response.body());
    } catch (IOException e) {
      throw new IllegalStateException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** A GET or DELETE as the demo operator. */
  Answer exchange(String method, String path) {
    HttpRequest sent = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
        .method(method, HttpRequest.BodyPublishers.noBody()).header("Authorization", DEMO).build();
    try {
      HttpResponse<String> response = client.send(sent, HttpResponse.BodyHandlers.ofString(UTF_8));
      ApiContract.checkRaw(sent, null, response);
      return new Answer(response.statusCode(), response.body());
    } catch (IOException e) {
      throw new IllegalStateException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  Answer json(String path, String json) {
    return post(path, "application/json", json.getBytes(UTF_8));
  }

  Answer multipart(String path, Part... parts) {
    return multipart(path, Map.of(), parts);
  }

  /** A multipart POST with more headers, e.g. an Idempotency-Key. */
  Answer multipart(String path, Map<String, String> headers, Part... parts) {
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    for (Part part : parts) {
      String head = "--" + BOUNDARY + "\r\nContent-Disposition: form-data; name=\"" + part.name() + "\""
          + (part.fileName() == null ? "" : "; filename=\"" + part.fileName() + "\"") + "\r\nContent-Type: "
          + part.type() + "\r\n\r\n";
      body.writeBytes(head.getBytes(UTF_8));
      body.writeBytes(part.content());
      body.writeBytes("\r\n".getBytes(UTF_8));
    }
    body.writeBytes(("--" + BOUNDARY + "--\r\n").getBytes(UTF_8));
    return post(path, MULTIPART, body.toByteArray(), DEMO, headers);
  }

  /** Engine REST start: {@code {"businessKey": ..., "variables": {...}}}, variables as engine REST JSON. */
  Answer start(String processKey, String businessKey, Map<String, String> variables) {
    StringBuilder json = new StringBuilder("{");
    if (businessKey != null) {
      json.append("\"businessKey\":\"").append(businessKey).append("\",");
    }
    json.append("\"variables\":{");
    json.append(String.join(",", new LinkedHashMap<>(variables).entrySet().stream()
        .map(e -> "\"" + e.getKey() + "\":" + e.getValue()).toList()));
    json.append("}}");
    return json("/engine-rest/process-definition/key/" + processKey + "/start", json.toString());
  }

  /** An engine REST variable: {@code {"value": <json>, "type": type}}. */
  static String variable(String jsonValue, String type) {
    return "{\"value\":" + jsonValue + (type == null ? "" : ",\"type\":\"" + type + "\"") + "}";
  }

  static String fileVariable(String fileName, byte[] content) {
    return "{\"type\":\"File\",\"value\":\"" + Base64.getEncoder().encodeToString(content)
        + "\",\"valueInfo\":{\"filename\":\"" + fileName + "\",\"mimetype\":\"text/csv\"}}";
  }

  /** A JSON string literal. */
  static String quoted(String text) {
    return com.fasterxml.jackson.databind.node.TextNode.valueOf(text).toString();
  }
}
