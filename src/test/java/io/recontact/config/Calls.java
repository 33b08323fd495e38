package io.recontact.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.core.io.ByteArrayResource;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;

/** HTTP calls of the security tests: one user (or none), real requests, JSON answers parsed when they are JSON. */
record Calls(TestRestTemplate http, String user) {

  static final ObjectMapper JSON = new ObjectMapper();

  record Answer(int status, String body) {
    JsonNode json() {
      try {
        return JSON.readTree(body == null ? "null" : body);
      } catch (Exception e) {
        throw new AssertionError("not JSON (" + status + "): " + body, e);
      }
    }
  }

  private TestRestTemplate as() {
    return user == null ? http : http.withBasicAuth(user, user);
  }

  Answer get(String path) {
    return exchange(HttpMethod.GET, path, null);
  }

  Answer postJson(String path, String json) {
    HttpHeaders headers = new HttpHeaders();
    headers.setContentType(MediaType.APPLICATION_JSON);
    return exchange(HttpMethod.POST, path, new HttpEntity<>(json, headers));
  }

  /** Multipart with a JSON part {@code request} and a file part {@code file}, as the start endpoints take them. */
  Answer postMultipart(String path, String request, String fileName, String file) {
    MultiValueMap<String, Object> parts = new LinkedMultiValueMap<>();
    HttpHeaders json = new HttpHeaders();
    json.setContentType(MediaType.APPLICATION_JSON);
    if (request != null) {
      parts.add("request", new HttpEntity<>(request, json));
    }
    parts.add(fileName.endsWith(".bpmn") ? "data" : "file",
        new ByteArrayResource(file.getBytes(StandardCharsets.UTF_8)) {
          @Override
          public String getFilename() {
            return fileName;
          }
        });
    if (fileName.endsWith(".bpmn")) {
      parts.add("deployment-name", "intruder");
    }
    HttpHeaders headers = new HttpHeaders();
    headers.setContentType(MediaType.MULTIPART_FORM_DATA);
    return exchange(HttpMethod.POST, path, new HttpEntity<>(parts, headers));
  }

  Answer exchange(HttpMethod method, String path, HttpEntity<?> entity) {
    ResponseEntity<String> answer = as().exchange(path, method, entity, String.class);
    return new Answer(answer.getStatusCode().value(), answer.getBody());
  }

  /**
   * Logs in to a Camunda webapp as its login page does (form POST, with the CSRF cookie and header the webapp asks
   * for) and returns the status: 200 with access to the app, 401 or 403 without.
   */
  int webappLogin(String app) {
    ResponseEntity<String> page = http.getForEntity("/camunda/app/" + app + "/default/", String.class);
    List<String> cookies = page.getHeaders().getOrDefault(HttpHeaders.SET_COOKIE, List.of());
    HttpHeaders headers = new HttpHeaders();
    headers.setContentType(MediaType.APPLICATION_FORM_URLENCODED);
    StringBuilder cookie = new StringBuilder();
    for (String c : cookies) {
      String pair = c.split(";", 2)[0];
      cookie.append(cookie.isEmpty() ? "" : "; ").append(pair);
      if (pair.startsWith("XSRF-TOKEN=")) {
        headers.add("X-XSRF-TOKEN", pair.substring("XSRF-TOKEN=".length()));
      }
    }
    if (!cookie.isEmpty()) {
      headers.add(HttpHeaders.COOKIE, cookie.toString());
    }
    ResponseEntity<String> login = http.exchange("/camunda/api/admin/auth/user/default/login/" + app,
        HttpMethod.POST, new HttpEntity<>("username=" + user + "&password=" + user, headers), String.class);
    return login.getStatusCode().value();
  }
}
