package io.recontact.reliability;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.recontact.api.ApiContract;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import java.util.UUID;

/** Plain JSON over HTTP for the harness: one base URL, optional HTTP Basic, answers as JSON (or an error). */
final class Rest {

  static final ObjectMapper JSON = new ObjectMapper();
  private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(3)).build();

  private final String base;
  private final String authorization;

  Rest(String base, String user, String password) {
    this.base = base;
    this.authorization = user == null ? null : "Basic " + Base64.getEncoder().encodeToString(
        (user + ":" + password).getBytes(StandardCharsets.UTF_8));
  }

  record Answer(int status, JsonNode body, String text) {
    boolean ok() {
      return status >= 200 && status < 300;
    }

    JsonNode require() {
      if (!ok()) {
        throw new IllegalStateException("HTTP " + status + ": " + text);
      }
      return body;
    }
  }

  JsonNode get(String path) {
    return send("GET", path, null, null).require();
  }

  Answer send(String method, String path, String contentType, byte[] body) {
    return send(method, path, contentType, body, Map.of());
  }

  Answer send(String method, String path, String contentType, byte[] body, Map<String, String> headers) {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(30))
        .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(body));
    if (contentType != null) {
      request.header("Content-Type", contentType);
    }
    if (authorization != null) {
      request.header("Authorization", authorization);
    }
    headers.forEach(request::header);
    try {
      HttpRequest sent = request.build();
      HttpResponse<String> response = HTTP.send(sent, HttpResponse.BodyHandlers.ofString());
      ApiContract.checkRaw(sent, body, response);
      JsonNode json = null;
      try {
        json = response.body().isBlank() ? null : JSON.readTree(response.body());
      } catch (IOException e) {
        // not JSON: the text is kept
      }
      return new Answer(response.statusCode(), json, response.body());
    } catch (IOException e) {
      return new Answer(-1, null, e.toString());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  JsonNode post(String path, String json) {
    return send("POST", path, "application/json", json == null ? null : json.getBytes(StandardCharsets.UTF_8))
        .require();
  }

  JsonNode put(String path, String json) {
    return send("PUT", path, "application/json", json.getBytes(StandardCharsets.UTF_8)).require();
  }

  void delete(String path) {
    send("DELETE", path, null, null).require();
  }

  /** multipart/form-data with a JSON part {@code request} and a file part {@code file}. */
  JsonNode postMultipart(String path, String requestJson, String fileName, String file) {
    String boundary = "rel-" + UUID.randomUUID();
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    String head = "--" + boundary + "\r\nContent-Disposition: form-data; name=\"request\"\r\n"
        + "Content-Type: application/json\r\n\r\n" + requestJson + "\r\n--" + boundary
        + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"" + fileName + "\"\r\n"
        + "Content-Type: text/csv\r\n\r\n" + file + "\r\n--" + boundary + "--\r\n";
    out.writeBytes(head.getBytes(StandardCharsets.UTF_8));
    return send("POST", path, "multipart/form-data; boundary=" + boundary, out.toByteArray()).require();
  }
}
