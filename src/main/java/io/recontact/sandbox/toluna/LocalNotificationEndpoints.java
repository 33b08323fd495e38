package io.recontact.sandbox.toluna;

import java.nio.charset.StandardCharsets;
import org.springframework.boot.web.context.WebServerInitializedEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.core.env.Environment;
import org.springframework.core.env.Profiles;
import org.springframework.stereotype.Component;
import org.springframework.web.util.UriUtils;

/**
 * Points the simulator's notifications at this server's own endpoints ({@code /api/toluna/notifications/...} with
 * the server's token) where no URL is configured, so that switching a quota off in the simulator pauses its
 * instance end to end. Done once the web server runs because the port may be random. The standalone
 * {@code simulator} profile serves no such endpoints and is left alone.
 */
@Component
class LocalNotificationEndpoints implements ApplicationListener<WebServerInitializedEvent> {

  static final String BASE_PATH = "/api/toluna/notifications/";

  private final NotificationTargets targets;
  private final TolunaMemberPlay members;
  private final Environment environment;

  LocalNotificationEndpoints(NotificationTargets targets, TolunaMemberPlay members, Environment environment) {
    this.targets = targets;
    this.members = members;
    this.environment = environment;
  }

  @Override
  public void onApplicationEvent(WebServerInitializedEvent event) {
    if (event.getApplicationContext().getServerNamespace() != null
        || environment.acceptsProfiles(Profiles.of("simulator"))) {
      return;
    }
    String token = environment.getProperty("recontact.toluna.notifications.token", "");
    if (token.isBlank()) {
      return;
    }
    String contextPath = environment.getProperty("server.servlet.context-path", "");
    String base = "http://localhost:" + event.getWebServer().getPort() + contextPath + BASE_PATH;
    String query = "?token=" + UriUtils.encodeQueryParam(token, StandardCharsets.UTF_8);
    targets.useLocalEndpoints(base + "quota-status" + query, base + "survey-closed" + query);
    members.useLocalEndpoints(base, query);
  }
}
