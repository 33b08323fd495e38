package io.recontact.toluna.delivery;

import java.net.URI;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How Toluna invites reach members (docs/toluna-delivery.md). New outbox rows take {@code channel}; a row that fails
 * is tried again after {@code backoff}, doubling each time, until {@code maxAttempts} sends have failed. At most
 * {@code concurrency} sends run at a time.
 *
 * @param channel how invites reach members: {@code webhook} or {@code email} (docs/toluna-delivery.md)
 * @param maxAttempts sends per invite
 * @param backoff first retry delay, doubling with each further one
 * @param concurrency sends at a time
 * @param webhook the {@code webhook} channel
 * @param email the {@code email} channel (its SMTP server is {@code spring.mail.*})
 */
@ConfigurationProperties("recontact.toluna.delivery")
public record DeliveryProperties(
    @DefaultValue("webhook") Channel channel,
    @DefaultValue("5") int maxAttempts,
    @DefaultValue("30s") Duration backoff,
    @DefaultValue("8") int concurrency,
    @DefaultValue Webhook webhook,
    @DefaultValue Email email) {

  /** Bound from {@code webhook} / {@code email} (any case). */
  public enum Channel {
    WEBHOOK, EMAIL
  }

  /**
   * @param url where invites are POSTed; blank = the sandbox's built-in receiver (this server's
   *     {@code /sandbox/partner/messages}), nothing outside the sandbox; required in {@code prod} for {@code webhook}
   * @param secret the HMAC-SHA256 key of the {@code X-Recontact-Signature} header; unset = the sandbox receiver's,
   *     required in {@code prod} for {@code webhook}
   * @param timeout connect and whole-exchange timeout of one POST
   */
  public record Webhook(String url, String secret, @DefaultValue("5s") Duration timeout) {

    /** Keeps the HMAC key out of logs and actuator output. */
    @Override
    public String toString() {
      return "Webhook[url=" + url + ", secret=" + (secret == null || secret.isEmpty() ? "<unset>" : "****")
          + ", timeout=" + timeout + "]";
    }
  }

  /**
   * @param from sender address of invite e-mails; its domain also names the stable Message-ID
   * @param subject subject line; {@code {surveyId}}, {@code {loi}}, {@code {memberAmount}} and {@code {memberCode}}
   *     are replaced (by nothing when unknown)
   */
  public record Email(@DefaultValue("invites@recontact.invalid") String from,
      @DefaultValue("Your next survey is waiting") String subject) {
  }

  public DeliveryProperties {
    if (maxAttempts < 1 || concurrency < 1) {
      throw new IllegalArgumentException("recontact.toluna.delivery: max-attempts and concurrency must be at least 1");
    }
    if (backoff.isNegative() || backoff.isZero() || webhook.timeout().isNegative() || webhook.timeout().isZero()) {
      throw new IllegalArgumentException("recontact.toluna.delivery: backoff and webhook.timeout must be positive");
    }
    if (webhook.url() != null && !webhook.url().isBlank()) {
      String scheme = URI.create(webhook.url().strip()).getScheme();
      if (!"http".equalsIgnoreCase(scheme) && !"https".equalsIgnoreCase(scheme)) {
        throw new IllegalArgumentException("recontact.toluna.delivery.webhook.url must be an http(s) URL, not "
            + webhook.url());
      }
    }
  }
}
