package io.recontact.sandbox.toluna;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.recontact.sandbox.AdminSettings;
import io.recontact.sandbox.SandboxProperties;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import org.springframework.stereotype.Component;

/**
 * Where and how the simulated Toluna sends its notifications (toluna-api §4.1, §4.2): the partner URLs and retry
 * policy (configured, changed by the admin API, restored by reset; blank configured URLs mean this server's own
 * endpoints) and the two bodies. Delivery itself is {@link TolunaNotifier}'s.
 */
@Component
class NotificationTargets {

  private static final JsonNodeFactory F = JsonNodeFactory.instance;
  private static final DateTimeFormatter QUOTA_STATUS_TIME =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SS '+00:00'", Locale.ROOT).withZone(ZoneOffset.UTC);
  private static final DateTimeFormatter SURVEY_CLOSED_TIME =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss", Locale.ROOT).withZone(ZoneOffset.UTC);

  private final SandboxProperties.Toluna config;
  private final TolunaNotifier notifier;
  private String quotaStatusUrl;
  private String surveyClosedUrl;
  private int retries;
  private Duration backoff;
  private Duration timeout;
  /** This server's own notification endpoints: the URLs used when the configured ones are blank. */
  private String localQuotaStatusUrl = "";
  private String localSurveyClosedUrl = "";

  NotificationTargets(SandboxProperties properties, TolunaNotifier notifier) {
    this.config = properties.toluna();
    this.notifier = notifier;
    reset();
  }

  synchronized void reset() {
    quotaStatusUrl = orDefault(config.notificationUrl(), localQuotaStatusUrl);
    surveyClosedUrl = orDefault(config.surveyClosedUrl(), localSurveyClosedUrl);
    retries = config.notificationRetries();
    backoff = config.notificationBackoff();
    timeout = config.notificationTimeout();
    notifier.clearLog();
  }

  private static String orDefault(String configured, String local) {
    return configured == null || configured.isBlank() ? local : configured.trim();
  }

  /** Sets the URLs of this server's endpoints, used (also after reset) wherever no URL is configured. */
  synchronized void useLocalEndpoints(String quotaStatus, String surveyClosed) {
    localQuotaStatusUrl = quotaStatus;
    localSurveyClosedUrl = surveyClosed;
    if (quotaStatusUrl.isBlank()) {
      quotaStatusUrl = quotaStatus;
    }
    if (surveyClosedUrl.isBlank()) {
      surveyClosedUrl = surveyClosed;
    }
  }

  /** Queues a quota status notification; false when no URL is set or the queue is full. */
  synchronized boolean quotaStatus(int quotaId, int surveyId, int waveId, boolean live) {
    if (quotaStatusUrl.isBlank()) {
      return false;
    }
    ObjectNode body = F.objectNode().put("QuotaID", quotaId).put("SurveyID", surveyId).put("WaveID", waveId)
        .put("IsLive", live).put("UpdateDateTimeUTC", QUOTA_STATUS_TIME.format(Instant.now()));
    return notifier.send(quotaStatusUrl, body, retries, backoff, timeout);
  }

  /** Queues a survey closed notification; false when no URL is set or the queue is full. */
  synchronized boolean surveyClosed(int surveyId, String surveyRef, int waveId) {
    if (surveyClosedUrl.isBlank()) {
      return false;
    }
    ObjectNode body = F.objectNode().put("SurveyID", surveyId).put("SurveyRef", surveyRef).put("Status", "Closed")
        .put("DateTime", SURVEY_CLOSED_TIME.format(Instant.now())).put("WaveId", waveId);
    return notifier.send(surveyClosedUrl, body, retries, backoff, timeout);
  }

  /** The notification settings of an admin update, checked already (TolunaSimulatorAdminController.SPEC). */
  synchronized void updateSettings(AdminSettings patch) {
    if (patch.has("notificationUrl")) {
      quotaStatusUrl = patch.text("notificationUrl");
    }
    if (patch.has("surveyClosedUrl")) {
      surveyClosedUrl = patch.text("surveyClosedUrl");
    }
    if (patch.has("notificationRetries")) {
      retries = (int) patch.wholeNumber("notificationRetries");
    }
    if (patch.has("notificationBackoffMillis")) {
      backoff = Duration.ofMillis(patch.wholeNumber("notificationBackoffMillis"));
    }
    if (patch.has("notificationTimeoutMillis")) {
      timeout = Duration.ofMillis(patch.wholeNumber("notificationTimeoutMillis"));
    }
  }

  /** The admin state's {@code notifications} (deliveries) and notification {@code settings}. */
  synchronized void stateInto(ObjectNode out) {
    ArrayNode ns = out.putArray("notifications");
    for (TolunaNotifier.Snapshot d : notifier.deliveries()) {
      ObjectNode n = ns.addObject().put("id", d.id()).put("url", d.url()).put("state", d.state())
          .put("attempts", d.statuses().size());
      ArrayNode st = n.putArray("statuses");
      d.statuses().forEach(st::add);
      n.set("body", d.body());
    }
    out.putObject("settings").put("notificationUrl", quotaStatusUrl).put("surveyClosedUrl", surveyClosedUrl)
        .put("notificationRetries", retries).put("notificationBackoffMillis", backoff.toMillis())
        .put("notificationTimeoutMillis", timeout.toMillis());
  }
}
