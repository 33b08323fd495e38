package io.recontact.sandbox;

import io.recontact.sandbox.seed.TolunaSandboxData;
import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of the sandbox: in-process marketplace simulators, the partner receiver and SMTP server for invites, and
 * demo users. Never active in {@code prod}.
 */
@ConfigurationProperties("recontact.sandbox")
public record SandboxProperties(
    @DefaultValue("false") boolean enabled,
    @DefaultValue Cint cint,
    @DefaultValue Toluna toluna,
    @DefaultValue Partner partner,
    @DefaultValue Smtp smtp) {

  /** The simulated Cint marketplace. */
  public record Cint(
      @DefaultValue("sandbox-client") String clientId,
      @DefaultValue("sandbox-secret") String clientSecret,
      @DefaultValue("24h") Duration tokenTtl,
      @DefaultValue("101") List<Integer> accounts,
      @DefaultValue("3s") Duration jobBaseDuration,
      @DefaultValue("20us") Duration jobPerIdDuration,
      @DefaultValue("2s") Duration launchDuration,
      // Respondent IDs (RSIDs, or RIDs as uploaded) that the simulated marketplace does not know: failed lines.
      @DefaultValue List<String> refusedIds,
      // Share of RSIDs refused, chosen by a stable hash of the RSID so runs are repeatable (0 = none).
      @DefaultValue("0") double refusedFraction,
      // Where the simulator sends its signed webhooks (target-group-updated, quota-fill-registered); blank = none.
      @DefaultValue("") String webhookUrl,
      // The webhook subscription's secret it signs with (Cint-Signature); the application verifies with its own.
      @DefaultValue("sandbox-cint-webhook-secret") String webhookSecret) {

    @Override
    public String toString() {
      return "Cint[clientId=" + clientId + ", clientSecret=****, accounts=" + accounts + ", webhookUrl=" + webhookUrl
          + ", webhookSecret=****]";
    }
  }

  /** The simulated Toluna Integrated Panel (External Sample API and Member Management v2). */
  public record Toluna(
      @DefaultValue("sandbox-toluna-key") String apiAuthKey,
      // Panels the key serves; the first two receive the default sandbox data (see TolunaSandboxData).
      @DefaultValue({TolunaSandboxData.PANEL_A, TolunaSandboxData.PANEL_B}) List<String> panelGuids,
      // Partner URLs for quota status and survey closed notifications; blank = this server's own endpoints
      // (/api/toluna/notifications/..., resolved once the web server runs), which accept notificationToken.
      @DefaultValue("") String notificationUrl,
      @DefaultValue("") String surveyClosedUrl,
      @DefaultValue("sandbox-notification-token") String notificationToken,
      @DefaultValue("3") int notificationRetries,
      @DefaultValue("200ms") Duration notificationBackoff,
      @DefaultValue("2s") Duration notificationTimeout,
      // Recontact page size when maxResults is absent or <= 0, and the cap for larger values.
      @DefaultValue("10000") int maxResultsDefault,
      @DefaultValue("10000") int maxResultsCap,
      @DefaultValue("https://sandbox-router.toluna.invalid/TrafficUI/MSCUI/Page.aspx") String inviteBaseUrl,
      // Member Management refuses calls for one member code closer together than this (Toluna: 1000 ms).
      @DefaultValue("1000ms") Duration memberCallSpacing,
      // The simulated members: what they do with an invite once it is delivered (TolunaMemberPlay).
      @DefaultValue MemberPlay memberPlay) {

    @Override
    public String toString() {
      return "Toluna[apiAuthKey=****, panelGuids=" + panelGuids + ", notificationUrl=" + notificationUrl
          + ", surveyClosedUrl=" + surveyClosedUrl + ", notificationToken=****]";
    }
  }

  /**
   * The simulated members of Toluna's sandbox (docs/toluna-simulator.md): once the built-in partner receiver got an
   * invite, the member plays it after {@code delay}: completes, terminates (a documented reason at random), is
   * rejected before the start, or does nothing (the invite expires), by these shares; a completion is sent twice by
   * {@code repeatShare} of the completers and later reconciled (reversed) by {@code reconcileShare} of them.
   *
   * @param enabled members play their delivered invites on their own (on in the sandbox, off in the tests)
   * @param delay from the delivery to the member's outcome
   * @param completeShare share of delivered invites completed
   * @param terminateShare share terminated in the survey
   * @param prestartShare share rejected before the start (pre-start termination)
   * @param repeatShare share of completions Toluna sends twice (an end page refreshed)
   * @param reconcileShare share of completions reversed by a reconciliation later
   * @param memberAmountShare MemberAmount of GenerateInvite as a share of the survey's price (PartnerAmount)
   * @param baseUrl where the member status notifications go: blank = this server's /api/toluna/notifications/
   * @param lateReconcileDelay every other reconciliation (the first, third, ...) comes this long after the delivery
   *     instead of 3 x {@code delay}: later than the sandbox's settlement hold period, so the credit was already paid
   *     and the reversal goes to a review (docs/toluna-incentives.md)
   */
  public record MemberPlay(
      @DefaultValue("true") boolean enabled,
      @DefaultValue("3s") Duration delay,
      @DefaultValue("0.6") double completeShare,
      @DefaultValue("0.2") double terminateShare,
      @DefaultValue("0.1") double prestartShare,
      @DefaultValue("0.1") double repeatShare,
      @DefaultValue("0.1") double reconcileShare,
      @DefaultValue("0.4") double memberAmountShare,
      @DefaultValue("") String baseUrl,
      @DefaultValue("3m") Duration lateReconcileDelay) {

    public MemberPlay {
      for (double share : new double[] {completeShare, terminateShare, prestartShare, repeatShare, reconcileShare,
          memberAmountShare}) {
        if (share < 0 || share > 1) {
          throw new IllegalArgumentException("recontact.sandbox.toluna.member-play: every share is between 0 and 1");
        }
      }
      if (completeShare + terminateShare + prestartShare > 1.000001) {
        throw new IllegalArgumentException("recontact.sandbox.toluna.member-play: complete-share + terminate-share "
            + "+ prestart-share must not exceed 1 (the rest let their invite expire)");
      }
    }
  }

  /**
   * The built-in receiver of webhook invites ({@code /sandbox/partner/messages}).
   *
   * @param webhookSecret the HMAC key it checks {@code X-Recontact-Signature} with
   * @param maxMessages messages it lists (newest first); older ones are dropped from the list, not from the counts
   */
  public record Partner(
      @DefaultValue("sandbox-webhook-secret") String webhookSecret,
      @DefaultValue("10000") int maxMessages) {

    @Override
    public String toString() {
      return "Partner[webhookSecret=****, maxMessages=" + maxMessages + "]";
    }
  }

  /** The SMTP server (GreenMail) that receives e-mailed invites, on 127.0.0.1; port 0 = any free port. */
  public record Smtp(@DefaultValue("3025") int port) {
  }
}
