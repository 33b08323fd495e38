package io.recontact.sandbox.toluna;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.recontact.sandbox.SandboxProperties;
import io.recontact.toluna.InviteOutcome;
import jakarta.annotation.PreDestroy;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/**
 * The simulated members (toluna-api §4.3–§4.5): once an invite was delivered (the built-in partner receiver calls
 * {@link #delivered}), the member plays it after a delay by the configured shares, and Toluna's member status,
 * pre-start and reconciliation notifications go to the partner like the quota status ones ({@link TolunaNotifier}):
 * to this server's {@code /api/toluna/notifications/…} unless {@code member-play.base-url} is set, with the token, the
 * {@code EncryptedValue} and the reconciliation header this server is configured to check. The admin API plays a
 * given outcome for a given member ({@link #play}).
 */
@Component
public class TolunaMemberPlay {

  /** What a member can do; RECONCILED reverses a completion Toluna reported. */
  public enum Play { COMPLETE, TERMINATE, PRESTART, RECONCILE }

  /** Rejection types of Toluna's reference data (toluna-api §4.4), the documented examples. */
  static final List<Map.Entry<Integer, String>> REJECTIONS = List.of(Map.entry(57, "AccountGroupSurveyTaken"),
      Map.entry(103, "NonQuotaDemographicRejection"));
  private static final JsonNodeFactory F = JsonNodeFactory.instance;
  private static final DateTimeFormatter TIME =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss", Locale.ROOT).withZone(ZoneOffset.UTC);

  private final TolunaPanels panels;
  private final TolunaNotifier notifier;
  private final SandboxProperties.Toluna config;
  private final Environment environment;
  private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
    Thread t = new Thread(r, "toluna-sim-members");
    t.setDaemon(true);
    return t;
  });
  private final java.util.concurrent.atomic.AtomicLong reconciliations = new java.util.concurrent.atomic.AtomicLong();
  private volatile boolean enabled;
  private volatile String localBase = "";
  private volatile String tokenQuery = "";

  TolunaMemberPlay(TolunaPanels panels, TolunaNotifier notifier, SandboxProperties properties,
      Environment environment) {
    this.panels = panels;
    this.notifier = notifier;
    this.config = properties.toluna();
    this.environment = environment;
    this.enabled = config.memberPlay().enabled();
  }

  /** This server's notification base URL and token query, once the web server runs (LocalNotificationEndpoints). */
  void useLocalEndpoints(String base, String query) {
    localBase = base;
    tokenQuery = query;
  }

  boolean enabled() {
    return enabled;
  }

  void setEnabled(boolean on) {
    enabled = on;
  }

  /** Back to the configured {@code member-play.enabled} (the admin reset). */
  void reset() {
    enabled = config.memberPlay().enabled();
  }

  /** An invite URL reached its member: when members play on their own, its outcome follows after the delay. */
  public void delivered(String url) {
    if (!enabled) {
      return;
    }
    IssuedInvites.Invite invite = panels.inviteOf(url);
    if (invite == null) {
      return;
    }
    SandboxProperties.MemberPlay p = config.memberPlay();
    ThreadLocalRandom r = ThreadLocalRandom.current();
    double roll = r.nextDouble();
    long delay = p.delay().toMillis();
    if (roll < p.completeShare()) {
      scheduler.schedule(() -> send(invite, url, Play.COMPLETE, null, null), delay, TimeUnit.MILLISECONDS);
      if (r.nextDouble() < p.repeatShare()) {
        scheduler.schedule(() -> send(invite, url, Play.COMPLETE, null, null), delay * 2, TimeUnit.MILLISECONDS);
      }
      if (r.nextDouble() < p.reconcileShare()) {
        // Every other one after the settlement paid the credit (a review), the rest before (a cancellation).
        long after = reconciliations.getAndIncrement() % 2 == 0 ? p.lateReconcileDelay().toMillis() : delay * 3;
        scheduler.schedule(() -> send(invite, url, Play.RECONCILE, null, null), after, TimeUnit.MILLISECONDS);
      }
    } else if (roll < p.completeShare() + p.terminateShare()) {
      String reason = InviteOutcome.TERMINATION_REASONS.get(r.nextInt(InviteOutcome.TERMINATION_REASONS.size()));
      scheduler.schedule(() -> send(invite, url, Play.TERMINATE, reason, null), delay, TimeUnit.MILLISECONDS);
    } else if (roll < p.completeShare() + p.terminateShare() + p.prestartShare()) {
      var rejection = REJECTIONS.get(r.nextInt(REJECTIONS.size()));
      scheduler.schedule(() -> send(invite, url, Play.PRESTART, "Terminated", rejection), delay,
          TimeUnit.MILLISECONDS);
    }
  }

  /**
   * Plays {@code play} for the member's newest invite of the quota now; false when the simulator generated no such
   * invite or the notification could not be queued.
   */
  boolean play(String panelGuid, String memberCode, int quotaId, Play play, String reason,
      Map.Entry<Integer, String> rejection) {
    IssuedInvites.Invite invite = panels.inviteOf(panelGuid, memberCode, quotaId);
    if (invite == null) {
      return false;
    }
    return send(invite, invite.url(), play, reason == null && play == Play.TERMINATE ? "Terminated" : reason,
        rejection == null && play == Play.PRESTART ? REJECTIONS.get(0) : rejection);
  }

  private boolean send(IssuedInvites.Invite invite, String deliveredUrl, Play play, String reason,
      Map.Entry<Integer, String> rejection) {
    String base = config.memberPlay().baseUrl().isBlank() ? localBase : config.memberPlay().baseUrl().strip();
    if (base.isBlank()) {
      return false;
    }
    if (!base.endsWith("/")) {
      base = base + "/";
    }
    ObjectNode body = F.objectNode();
    long cents = Math.round(invite.partnerAmount() * 100);
    Map<String, String> headers = Map.of();
    String path;
    String query = config.memberPlay().baseUrl().isBlank() ? tokenQuery : "";
    if (play == Play.RECONCILE) {
      path = "reconciliation";
      body.put("SurveyId", invite.surveyId()).put("SurveyRef", invite.surveyId() + "-US")
          .put("WaveId", invite.waveId()).put("QuotaId", invite.quotaId()).put("UniqueCode", invite.memberCode())
          .put("IsAutoRouted", false).putNull("OriginalSurveyId")
          .put("ReconciliationId", UUID.randomUUID().toString()).put("Revenue", cents)
          .put("OriginalCompleteDateTime", Instant.now().minusSeconds(60).toString())
          .put("ReconciliationDateTime", Instant.now().toString());
      String header = environment.getProperty("recontact.toluna.notifications.reconciliation.header-name", "");
      if (!header.isBlank()) {
        headers = Map.of(header, environment.getProperty(
            "recontact.toluna.notifications.reconciliation.header-value", ""));
        query = "";
      }
    } else {
      path = play == Play.COMPLETE ? "completion" : play == Play.TERMINATE ? "termination" : "prestart-termination";
      body.put("UniqueCode", invite.memberCode()).put("SurveyId", invite.surveyId())
          .put("SurveyRef", invite.surveyId() + "-US");
      if (play == Play.COMPLETE) {
        body.put("Revenue", cents);
      } else {
        body.put("Reason", reason);
      }
      body.put("DateTime", TIME.format(Instant.now())).put("WaveId", invite.waveId())
          .put("QuotaID", invite.quotaId());
      if (play == Play.PRESTART) {
        body.put("IncidenceRate", 40).put("RejectionID", rejection.getKey()).put("RejectionName", rejection.getValue());
      }
      int q = deliveredUrl.indexOf('?');
      body.put("AdditionalData", q < 0 ? "" : deliveredUrl.substring(q + 1));
      String encrypted = encryptedValue(invite);
      if (encrypted != null) {
        body.put("EncryptedValue", encrypted);
      }
    }
    return notifier.send(base + path + query, body, headers, config.notificationRetries(),
        config.notificationBackoff(), config.notificationTimeout());
  }

  /** As Toluna computes it when the partner set an algorithm: this server's configured one (toluna-api §4.6). */
  private String encryptedValue(IssuedInvites.Invite invite) {
    String algorithm = environment.getProperty("recontact.toluna.notifications.encryption.algorithm", "").strip()
        .toUpperCase(Locale.ROOT).replace('_', '-').replace(' ', '-');
    if (algorithm.isEmpty()) {
      return null;
    }
    String key = environment.getProperty("recontact.toluna.notifications.encryption.key", "");
    byte[] input = ("" + invite.surveyId() + invite.waveId() + invite.memberCode()).getBytes(StandardCharsets.UTF_8);
    try {
      if (algorithm.startsWith("HMAC-")) {
        String mac = "Hmac" + algorithm.substring(5);
        Mac hmac = Mac.getInstance(mac);
        hmac.init(new SecretKeySpec(key.getBytes(StandardCharsets.UTF_8), mac));
        return HexFormat.of().formatHex(hmac.doFinal(input));
      }
      return HexFormat.of().formatHex(MessageDigest.getInstance(algorithm.equals("SHA256") ? "SHA-256"
          : algorithm.equals("SHA1") ? "SHA-1" : algorithm).digest(input));
    } catch (GeneralSecurityException e) {
      return null;
    }
  }

  Duration delay() {
    return config.memberPlay().delay();
  }

  @PreDestroy
  void stop() {
    scheduler.shutdownNow();
  }
}
