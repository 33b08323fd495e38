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
    return webappSession(app).loginStatus();
  }

  /** A browser's session with a Camunda webapp: its cookies, the CSRF token, and how its login answered. */
  record WebappSession(String cookie, String xsrfToken, int loginStatus) {
    HttpHeaders headers() {
      HttpHeaders headers = new HttpHeaders();
      headers.add(HttpHeaders.COOKIE, cookie);
      return headers;
    }
  }

  /** Logs in to the webapp (engine "default") like {@link #webappLogin} and keeps the session's cookies. */
  WebappSession webappSession(String app) {
    ResponseEntity<String> page = http.getForEntity("/camunda/app/" + app + "/default/", String.class);
    List<String> cookies = page.getHeaders().getOrDefault(HttpHeaders.SET_COOKIE, List.of());
    HttpHeaders headers = new HttpHeaders();
    headers.setContentType(MediaType.APPLICATION_FORM_URLENCODED);
    StringBuilder cookie = new StringBuilder();
    String xsrf = null;
    for (String c : cookies) {
      String pair = c.split(";", 2)[0];
      cookie.append(cookie.isEmpty() ? "" : "; ").append(pair);
      if (pair.startsWith("XSRF-TOKEN=")) {
        xsrf = pair.substring("XSRF-TOKEN=".length());
        headers.add("X-XSRF-TOKEN", xsrf);
      }
    }
    if (!cookie.isEmpty()) {
      headers.add(HttpHeaders.COOKIE, cookie.toString());
    }
    ResponseEntity<String> login = http.exchange("/camunda/api/admin/auth/user/default/login/" + app,
        HttpMethod.POST, new HttpEntity<>("username=" + user + "&password=" + user, headers), String.class);
    // The login starts a new session (against session fixation): its cookie replaces the one of the login page.
    for (String c : login.getHeaders().getOrDefault(HttpHeaders.SET_COOKIE, List.of())) {
      String pair = c.split(";", 2)[0];
      String name = pair.split("=", 2)[0];
      cookie = new StringBuilder(java.util.Arrays.stream(cookie.toString().split("; "))
          .filter(p -> !p.isEmpty() && !p.startsWith(name + "=")).reduce((a, b) -> a + "; " + b).orElse(""));
      cookie.append(cookie.isEmpty() ? "" : "; ").append(pair);
      if (pair.startsWith("XSRF-TOKEN=")) {
        xsrf = pair.substring("XSRF-TOKEN=".length());
      }
    }
    return new WebappSession(cookie.toString(), xsrf, login.getStatusCode().value());
  }

  /** A call with the session's cookies only (no Basic credentials), as a link in a webapp page makes it. */
  Answer withSession(WebappSession session, HttpMethod method, String path, HttpEntity<?> entity) {
    HttpHeaders headers = session.headers();
    if (entity != null) {
      headers.addAll(entity.getHeaders());
    }
    ResponseEntity<String> answer = http.exchange(path, method,
        new HttpEntity<>(entity == null ? null : entity.getBody(), headers), String.class);
    return new Answer(answer.getStatusCode().value(), answer.getBody());
  }
}
