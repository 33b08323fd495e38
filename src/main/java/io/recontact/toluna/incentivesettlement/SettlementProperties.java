package io.recontact.toluna.incentivesettlement;

import java.net.URI;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settlement of the incentive ledger (docs/toluna-incentives.md): every {@code settlementCycle} a run confirms the
 * PENDING credits older than {@code holdPeriod} (the time Toluna may still reconcile a complete before we pay) and
 * hands each to the panel's rewards system once, through the payout outbox.
 *
 * @param settlementCycle how often {@code tolunaIncentiveSettlement} runs (its timer; a run can also be started now)
 * @param holdPeriod a credit is confirmed and paid once it is this old and was not reversed
 * @param payout the rewards system's webhook
 */
@ConfigurationProperties("recontact.toluna.incentives")
public record SettlementProperties(
    @DefaultValue("1d") Duration settlementCycle,
    @DefaultValue("30d") Duration holdPeriod,
    @DefaultValue Payout payout) {

  /**
   * @param url where payouts are POSTed; blank = the sandbox's built-in receiver ({@code /sandbox/partner/payouts}),
   *     nothing outside the sandbox; required in {@code prod}
   * @param secret the HMAC-SHA256 key of the {@code X-Recontact-Signature} header; unset = the sandbox receiver's,
   *     required in {@code prod}
   * @param timeout connect and whole-exchange timeout of one POST
   * @param concurrency POSTs at a time
   * @param backoff first retry delay of a payout the receiver did not accept, doubling with each further one
   * @param maxAttempts failed sends of one payout before the run's payout task fails (an incident to retry)
   */
  public record Payout(String url, String secret, @DefaultValue("5s") Duration timeout,
      @DefaultValue("4") int concurrency, @DefaultValue("30s") Duration backoff,
      @DefaultValue("8") int maxAttempts) {

    /** Keeps the HMAC key out of logs and actuator output. */
    @Override
    public String toString() {
      return "Payout[url=" + url + ", secret=" + (secret == null || secret.isEmpty() ? "<unset>" : "****")
          + ", timeout=" + timeout + ", concurrency=" + concurrency + ", backoff=" + backoff + ", maxAttempts="
          + maxAttempts + "]";
    }
  }

  public SettlementProperties {
    if (settlementCycle.isNegative() || settlementCycle.isZero() || holdPeriod.isNegative()) {
      throw new IllegalArgumentException("recontact.toluna.incentives: settlement-cycle must be positive, "
          + "hold-period 0 or more");
    }
    if (payout.concurrency() < 1 || payout.maxAttempts() < 1 || payout.backoff().isNegative()
        || payout.backoff().isZero() || payout.timeout().isNegative() || payout.timeout().isZero()) {
      throw new IllegalArgumentException("recontact.toluna.incentives.payout: concurrency and max-attempts at least "
          + "1, backoff and timeout positive");
    }
    if (payout.url() != null && !payout.url().isBlank()) {
      String scheme = URI.create(payout.url().strip()).getScheme();
      if (!"http".equalsIgnoreCase(scheme) && !"https".equalsIgnoreCase(scheme)) {
        throw new IllegalArgumentException("recontact.toluna.incentives.payout.url must be an http(s) URL, not "
            + payout.url());
      }
    }
  }
}
