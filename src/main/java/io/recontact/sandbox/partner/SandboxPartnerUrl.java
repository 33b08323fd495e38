package io.recontact.sandbox.partner;

import io.recontact.toluna.delivery.BuiltInReceiver;
import java.net.URI;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/** Webhook invites and incentive payouts without a configured URL go to this server's partner receiver. */
@Component
class SandboxPartnerUrl implements BuiltInReceiver {

  private final Environment environment;

  SandboxPartnerUrl(Environment environment) {
    this.environment = environment;
  }

  /** Asked per send: the port is only known once the web server runs (random in tests). */
  @Override
  public URI webhookUrl() {
    return URI.create(base() + PartnerController.MESSAGES);
  }

  @Override
  public URI payoutUrl() {
    return URI.create(base() + PartnerController.PAYOUTS);
  }

  private String base() {
    return "http://localhost:" + environment.getProperty("local.server.port",
        environment.getProperty("server.port", "8080"));
  }
}
