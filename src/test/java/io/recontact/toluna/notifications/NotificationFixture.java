package io.recontact.toluna.notifications;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.recontact.api.ApiContract;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Raw HTTP to the running server (exact bodies and headers) and {@code toluna_quota} rows under panel GUIDs and quota
 * IDs of their own, so tests never meet rows of the sandbox panels that a sweep may write in the shared context.
 */
final class NotificationFixture {

  static final String TOKEN = "sandbox-notification-token";
  static final ObjectMapper JSON = new ObjectMapper();
  private static final AtomicLong IDS = new AtomicLong(900_000_000L + ThreadLocalRandom.current().nextInt(50_000_000));

  record Answer(int status, String contentType, JsonNode json) {}

  private final HttpClient http = HttpClient.newHttpClient();
  private final int port;
  private final JdbcTemplate jdbc;

  NotificationFixture(int port, JdbcTemplate jdbc) {
    this.port = port;
    this.jdbc = jdbc;
  }

  static long newId() {
    return IDS.incrementAndGet();
  }

  static String newPanel() {
    return UUID.randomUUID().toString().toUpperCase(Locale.ROOT);
  }

  Answer post(String pathAndQuery, String contentType, String body) throws Exception {
    return send(pathAndQuery, contentType, body, null);
  }

  Answer send(String pathAndQuery, String contentType, String body, String header) throws Exception {
    return request("POST", pathAndQuery, contentType, body, header);
  }

  Answer request(String method, String pathAndQuery, String contentType, String body, String header)
      throws Exception {
    return requestWith(method, pathAndQuery, contentType, body, header == null ? java.util.Map.of()
        : java.util.Map.of("X-Notification-Token", header));
  }

  Answer requestWith(String method, String pathAndQuery, String contentType, String body,
      java.util.Map<String, String> headers) throws Exception {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://localhost:" + port + pathAndQuery))
        .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
    if (contentType != null) {
      b.header("Content-Type", contentType);
    }
    headers.forEach(b::header);
    HttpRequest sent = b.build();
    HttpResponse<String> r = http.send(sent, HttpResponse.BodyHandlers.ofString());
    ApiContract.checkRaw(sent, body == null ? null : body.getBytes(java.nio.charset.StandardCharsets.UTF_8), r);
    String type = r.headers().firstValue("Content-Type").orElse("");
    return new Answer(r.statusCode(), type, r.body().isBlank() ? null : JSON.readTree(r.body()));
  }

  Answer quotaStatus(String json) throws Exception {
    return post("/api/toluna/notifications/quota-status?token=" + TOKEN, "application/json", json);
  }

  Answer surveyClosed(String json) throws Exception {
    return post("/api/toluna/notifications/survey-closed?token=" + TOKEN, "application/json", json);
  }

  static String status(long quotaId, long surveyId, boolean live, String at) {
    return """
        {"QuotaID": %d, "SurveyID": %d, "WaveID": %d, "IsLive": %s, "UpdateDateTimeUTC": "%s"}"""
        .formatted(quotaId, surveyId, surveyId + 1, live, at);
  }

  void insertQuota(String panel, long quotaId, long surveyId, boolean live, OffsetDateTime liveChangedAt) {
    OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
    jdbc.update("insert into toluna_quota (panel_guid, quota_id, survey_id, wave_id, survey_name, recontact, "
            + "definition, definition_hash, in_inventory, first_seen_at, last_seen_at, live, live_changed_at) "
            + "values (?, ?, ?, ?, ?, true, '{}', 'h', true, ?, ?, ?, ?)", panel, quotaId, surveyId, surveyId + 1,
        "RC-" + surveyId, now, now, live, liveChangedAt);
  }

  boolean live(String panel, long quotaId) {
    return jdbc.queryForObject("select live from toluna_quota where panel_guid = ? and quota_id = ?", Boolean.class,
        panel, quotaId);
  }

  OffsetDateTime liveChangedAt(String panel, long quotaId) {
    return jdbc.queryForObject("select live_changed_at from toluna_quota where panel_guid = ? and quota_id = ?",
        OffsetDateTime.class, panel, quotaId);
  }

  OffsetDateTime surveyClosedAt(String panel, long quotaId) {
    return jdbc.queryForObject("select survey_closed_at from toluna_quota where panel_guid = ? and quota_id = ?",
        OffsetDateTime.class, panel, quotaId);
  }

  /** Outcomes recorded for a quota (or, with quotaId null, a survey), oldest first. */
  java.util.List<String> outcomes(Long quotaId, long surveyId) {
    return quotaId == null
        ? jdbc.queryForList("select outcome from toluna_notification where kind = 'SURVEY_CLOSED' and survey_id = ? "
            + "order by id", String.class, surveyId)
        : jdbc.queryForList("select outcome from toluna_notification where kind = 'QUOTA_STATUS' and quota_id = ? "
            + "order by id", String.class, quotaId);
  }
}
