package io.recontact.toluna.delivery;

import java.net.URI;

/**
 * Where webhook invites go when {@code recontact.toluna.delivery.webhook.url} is blank. Only the sandbox provides
 * one (this server's partner receiver); the URL is asked for at each send because the port is known only once the
 * web server runs (random in tests).
 */
public interface BuiltInReceiver {

  URI webhookUrl();

  /** Where incentive payouts go when {@code recontact.toluna.incentives.payout.url} is blank. */
  URI payoutUrl();
}
