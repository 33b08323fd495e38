package io.recontact.cint.followfielding;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How live Cint target groups are followed ({@code cintFollowFielding}).
 *
 * @param follow start following each target group a recontact brings live (the API starts it either way)
 * @param interval time between two readings of a followed target group's overview and performance
 * @param paceCheckShare share of the fielding period after which the pace is checked (0.5: half-way)
 * @param paceTolerance how far the projected completes may fall short of the goal before a person reviews the pace
 *     (0.1: by more than 10 %)
 * @param webhookSecret the secret of the Cint webhook subscription ({@code Cint-Signature}); blank = webhooks are
 *     refused and the timer alone reads
 * @param webhookTolerance how old a webhook's signed timestamp may be (and how far in the future)
 */
@ConfigurationProperties("recontact.cint.fielding")
public record FieldingProperties(
    @DefaultValue("true") boolean follow,
    @DefaultValue("5m") Duration interval,
    @DefaultValue("0.5") double paceCheckShare,
    @DefaultValue("0.1") double paceTolerance,
    String webhookSecret,
    @DefaultValue("5m") Duration webhookTolerance) {

  @Override
  public String toString() {
    return "FieldingProperties[follow=" + follow + ", interval=" + interval + ", paceCheckShare=" + paceCheckShare
        + ", paceTolerance=" + paceTolerance + ", webhookSecret=****, webhookTolerance=" + webhookTolerance + "]";
  }
}
