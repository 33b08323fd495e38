package io.recontact.toluna.notifications;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.recontact.web.ApiTags;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.parameters.RequestBody;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.time.OffsetDateTime;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;
import org.springframework.http.ResponseEntity;
import org.springframework.transaction.TransactionException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.util.UriUtils;

/**
 * Toluna's quota status and survey closed notifications (toluna-api §4.1, §4.2; docs/toluna-notifications.md). Toluna
 * cannot send HTTP Basic, so SecurityConfig exempts this path and a token in the URL (or header) authenticates.
 * A well-formed notification is answered 200 whatever it changed (unknown quotas included: Toluna sends every
 * quota's status); only a database failure before it was recorded answers 503, so that Toluna delivers it again.
 */
@RestController
@Tag(name = ApiTags.TOLUNA_NOTIFICATIONS)
@RequestMapping("/api/toluna/notifications")
class NotificationController {

  static final String TOKEN_HEADER = "X-Notification-Token";
  static final String TOKEN_PARAMETER = "token";
  private static final Logger LOG = LoggerFactory.getLogger(NotificationController.class);

  /** Toluna's member codes: "alphanumeric, 256 chars" (toluna-api §11.9), the width of our tables. */
  static final int MAX_MEMBER_CODE = 256;

  private final QuotaNotifications notifications;
  private final MemberOutcomes outcomes;
  private final NotificationProperties properties;
  private final ObjectMapper mapper;

  NotificationController(QuotaNotifications notifications, MemberOutcomes outcomes,
      NotificationProperties properties, ObjectMapper mapper) {
    this.notifications = notifications;
    this.outcomes = outcomes;
    this.properties = properties;
    this.mapper = mapper;
  }

  @PostMapping("/quota-status")
  @Operation(summary = "Toluna's quota status notification", requestBody = @RequestBody(required = true,
      content = @Content(mediaType = "application/json", schema = @Schema(implementation =
          NotificationShapes.QuotaStatusNotification.class))))
  @ApiResponse(responseCode = "200", description = "Recorded, whatever it changed",
      content = @Content(schema = @Schema(implementation = NotificationShapes.NotificationOutcome.class)))
  ResponseEntity<Map<String, Object>> quotaStatus(HttpServletRequest request) throws IOException {
    authenticate(request);
    NotificationBody body = NotificationBody.read(request, mapper);
    var status = new QuotaNotifications.QuotaStatus(body.requiredId("QuotaID"), body.requiredId("SurveyID"),
        body.optionalId("WaveID"), body.requiredBoolean("IsLive"),
        body.requiredTimestamp("UpdateDateTimeUTC", "2018-10-22 19:58:42.99 +00:00"));
    return answer(notifications.quotaStatus(status));
  }

  @PostMapping("/survey-closed")
  @Operation(summary = "Toluna's survey closed notification", requestBody = @RequestBody(required = true,
      content = @Content(mediaType = "application/json", schema = @Schema(implementation =
          NotificationShapes.SurveyClosedNotification.class))))
  @ApiResponse(responseCode = "200", description = "Recorded, whatever it changed",
      content = @Content(schema = @Schema(implementation = NotificationShapes.NotificationOutcome.class)))
  ResponseEntity<Map<String, Object>> surveyClosed(HttpServletRequest request) throws IOException {
    authenticate(request);
    NotificationBody body = NotificationBody.read(request, mapper);
    long surveyId = body.requiredId("SurveyID");
    String state = body.optionalText("Status");
    if (state != null && !"closed".equalsIgnoreCase(state.trim())) {
      throw NotificationRejected.badRequest("Status must be \"Closed\" (the only status Toluna documents), not "
          + NotificationBody.clip(state));
    }
    var closed = new QuotaNotifications.SurveyClosed(surveyId, body.optionalText("SurveyRef"),
        body.optionalId("WaveID"), body.requiredTimestamp("DateTime", "2014-09-11 16:06:27"));
    return answer(notifications.surveyClosed(closed));
  }

  @PostMapping("/completion")
  @Operation(summary = "Toluna's member status notification: completion (N3)", requestBody = @RequestBody(
      required = true, content = {@Content(mediaType = "application/json", schema = @Schema(implementation =
          NotificationShapes.CompletionNotification.class)), @Content(mediaType = "application/xml",
          schema = @Schema(implementation = NotificationShapes.CompletionNotification.class)), @Content(mediaType = "text/xml",
          schema = @Schema(implementation = NotificationShapes.CompletionNotification.class))}))
  @ApiResponse(responseCode = "200", description = "Recorded, whatever it changed",
      content = @Content(schema = @Schema(implementation = NotificationShapes.MemberOutcomeAnswer.class)))
  ResponseEntity<Map<String, Object>> completion(HttpServletRequest request) throws IOException {
    return memberStatus(request, MemberOutcomes.Kind.COMPLETION);
  }

  @PostMapping("/termination")
  @Operation(summary = "Toluna's member status notification: termination (N3)", requestBody = @RequestBody(
      required = true, content = {@Content(mediaType = "application/json", schema = @Schema(implementation =
          NotificationShapes.TerminationNotification.class)), @Content(mediaType = "application/xml",
          schema = @Schema(implementation = NotificationShapes.TerminationNotification.class)), @Content(mediaType = "text/xml",
          schema = @Schema(implementation = NotificationShapes.TerminationNotification.class))}))
  @ApiResponse(responseCode = "200", description = "Recorded, whatever it changed",
      content = @Content(schema = @Schema(implementation = NotificationShapes.MemberOutcomeAnswer.class)))
  ResponseEntity<Map<String, Object>> termination(HttpServletRequest request) throws IOException {
    return memberStatus(request, MemberOutcomes.Kind.TERMINATION);
  }

  @PostMapping("/prestart-termination")
  @Operation(summary = "Toluna's enhanced terminate / pre-start notification (N4)", requestBody = @RequestBody(
      required = true, content = {@Content(mediaType = "application/json", schema = @Schema(implementation =
          NotificationShapes.PrestartNotification.class)), @Content(mediaType = "application/xml",
          schema = @Schema(implementation = NotificationShapes.PrestartNotification.class)), @Content(mediaType = "text/xml",
          schema = @Schema(implementation = NotificationShapes.PrestartNotification.class))}))
  @ApiResponse(responseCode = "200", description = "Recorded, whatever it changed",
      content = @Content(schema = @Schema(implementation = NotificationShapes.MemberOutcomeAnswer.class)))
  ResponseEntity<Map<String, Object>> prestartTermination(HttpServletRequest request) throws IOException {
    return memberStatus(request, MemberOutcomes.Kind.PRESTART_TERMINATION);
  }

  @PostMapping("/reconciliation")
  @Operation(summary = "Toluna's reconciliation notification (N5): reverses a completion", requestBody =
      @RequestBody(required = true, content = @Content(mediaType = "application/json", schema = @Schema(
          implementation = NotificationShapes.ReconciliationNotification.class))))
  @ApiResponse(responseCode = "200", description = "Recorded, whatever it changed",
      content = @Content(schema = @Schema(implementation = NotificationShapes.MemberOutcomeAnswer.class)))
  ResponseEntity<Map<String, Object>> reconciliation(HttpServletRequest request) throws IOException {
    if (properties.reconciliation().configured()) {
      String given = request.getHeader(properties.reconciliation().headerName());
      if (given == null || !sameSecret(given, properties.reconciliation().headerValue())) {
        throw new NotificationRejected(401, "The reconciliation header set at Toluna is missing or wrong");
      }
    } else {
      authenticate(request);
    }
    NotificationBody body = NotificationBody.read(request, mapper);
    var n = new MemberOutcomes.Reconciliation(body.requiredId("SurveyId"), body.optionalId("WaveId"),
        body.optionalId("QuotaId"), body.requiredText("UniqueCode", MAX_MEMBER_CODE),
        body.requiredText("ReconciliationId", 64), body.optionalCents("Revenue"),
        body.requiredTimestamp("ReconciliationDateTime", "2026-05-17T15:40:03.350Z"));
    body.optionalTimestamp("OriginalCompleteDateTime", "2026-05-17T15:40:03.350Z");
    return outcome(outcomes.reconciliation(n));
  }

  private ResponseEntity<Map<String, Object>> memberStatus(HttpServletRequest request, MemberOutcomes.Kind kind)
      throws IOException {
    authenticate(request);
    NotificationBody body = NotificationBody.read(request, mapper, kind == MemberOutcomes.Kind.COMPLETION
        ? Set.of("confirmation") : Set.of("termination"));
    long surveyId = body.requiredId("SurveyId");
    Long waveId = body.optionalId("WaveId");
    String memberCode = body.requiredText("UniqueCode", MAX_MEMBER_CODE);
    OffsetDateTime at = body.requiredTimestamp("DateTime", "2014-09-11 16:06:27");
    Long revenue = kind == MemberOutcomes.Kind.COMPLETION ? body.optionalCents("Revenue") : null;
    String reason = kind == MemberOutcomes.Kind.COMPLETION ? null : kind == MemberOutcomes.Kind.TERMINATION
        ? body.requiredText("Reason", 64) : optionalShort(body, "Reason", 64);
    Long rejectionId = kind == MemberOutcomes.Kind.PRESTART_TERMINATION ? body.optionalId("RejectionID") : null;
    String rejectionName = kind == MemberOutcomes.Kind.PRESTART_TERMINATION
        ? optionalShort(body, "RejectionName", 200) : null;
    Long quotaId = body.optionalId("QuotaID");
    body.optionalId("OriginalSurveyID");
    EncryptedValues.verify(properties.encryption(), body, surveyId, waveId, memberCode);
    return outcome(outcomes.memberStatus(new MemberOutcomes.MemberStatus(kind, surveyId, waveId, quotaId, memberCode,
        body.optionalText("AdditionalData"), at, revenue, reason, rejectionId, rejectionName)));
  }

  private static String optionalShort(NotificationBody body, String name, int maxLength) {
    String text = body.optionalText(name);
    if (text != null && text.length() > maxLength) {
      throw NotificationRejected.badRequest(name + " is longer than " + maxLength + " characters");
    }
    return text == null || text.isBlank() ? null : text.strip();
  }

  private static ResponseEntity<Map<String, Object>> outcome(MemberOutcomes.Result result) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("outcome", result.outcome().name());
    body.put("invitesAffected", result.outcome() == MemberOutcomes.Outcome.APPLIED ? 1 : 0);
    return ResponseEntity.ok(body);
  }

  private static ResponseEntity<Map<String, Object>> answer(QuotaNotifications.Result result) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("outcome", result.outcome().name());
    body.put("quotasAffected", result.quotasAffected());
    return ResponseEntity.ok(body);
  }

  /** Header first, then the query string (read directly: getParameter would consume a form body). */
  private void authenticate(HttpServletRequest request) {
    if (!properties.configured()) {
      throw new NotificationRejected(503, "Toluna notifications are not configured on this server "
          + "(RECONTACT_TOLUNA_NOTIFICATIONS_TOKEN)");
    }
    String given = request.getHeader(TOKEN_HEADER);
    if (given == null && request.getQueryString() != null) {
      given = queryParameter(request.getQueryString(), TOKEN_PARAMETER);
    }
    if (given == null || !sameSecret(given, properties.token())) {
      throw new NotificationRejected(401, "A valid notification token is required: query parameter '"
          + TOKEN_PARAMETER + "' or header " + TOKEN_HEADER);
    }
  }

  static String queryParameter(String query, String name) {
    for (String pair : query.split("&")) {
      int eq = pair.indexOf('=');
      String key = eq < 0 ? pair : pair.substring(0, eq);
      if (key.equals(name)) {
        try {
          return eq < 0 ? "" : UriUtils.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
          return null;
        }
      }
    }
    return null;
  }

  /** Compares digests, so the time taken depends on neither the token's content nor its length. */
  static boolean sameSecret(String given, String expected) {
    try {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      byte[] a = sha.digest(given.getBytes(StandardCharsets.UTF_8));
      byte[] b = sha.digest(expected.getBytes(StandardCharsets.UTF_8));
      return MessageDigest.isEqual(a, b);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
    }
  }

  @ExceptionHandler(NotificationRejected.class)
  ResponseEntity<Map<String, Object>> rejected(NotificationRejected e, HttpServletRequest request) {
    LOG.warn("Toluna notification {} refused with {}: {}", request.getRequestURI(), e.status(), e.getMessage());
    return ResponseEntity.status(e.status()).body(Map.of("message", e.getMessage()));
  }

  @ExceptionHandler({DataAccessException.class, TransactionException.class})
  ResponseEntity<Map<String, Object>> notRecorded(RuntimeException e, HttpServletRequest request) {
    LOG.error("Toluna notification {} could not be recorded; answering 503 so that Toluna delivers it again",
        request.getRequestURI(), e);
    return ResponseEntity.status(503).body(Map.of("message", "The notification could not be recorded now and "
        + "was not applied; deliver it again"));
  }
}
