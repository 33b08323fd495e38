package io.recontact.toluna.notifications;

import static io.recontact.toluna.notifications.NotificationFixture.newId;
import static io.recontact.toluna.notifications.NotificationFixture.newPanel;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.ActiveProfiles;

/**
 * The sandbox wiring: the Toluna simulator's admin switches send their notifications to this server's endpoints
 * (random port, sandbox token) without any configuration. The simulator gets a panel and survey of the test's own.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
class SandboxNotificationTest {

  @LocalServerPort int port;
  @Autowired JdbcTemplate jdbc;
  NotificationFixture n;
  String panel;
  long survey;
  long quota;

  @BeforeEach
  void simulatorInventory() throws Exception {
    n = new NotificationFixture(port, jdbc);
    panel = newPanel();
    survey = newId();
    quota = newId();
    String inventory = """
        {"CountryID": 2000223, "Surveys": [{"SurveyID": %d, "SurveyName": "RC-%d-US", "WaveID": %d,
          "IsSurveyRecontact": true, "Quotas": [{"QuotaID": %d, "CompletesRequired": 10, "Layers": []}]}]}"""
        .formatted(survey, survey, survey + 1, quota);
    var put = n.request("PUT", "/sandbox/toluna/admin/panels/" + panel + "/quotas", "application/json", inventory,
        null);
    assertThat(put.status()).isEqualTo(200);
  }

  @Test
  void simulatorLiveSwitchReachesTheEndpoint() throws Exception {
    n.insertQuota(panel, quota, survey, true, null);

    var off = n.post("/sandbox/toluna/admin/quotas/" + quota + "/status", "application/json", "{\"IsLive\": false}");
    assertThat(off.json().get("notificationQueued").asBoolean()).as(String.valueOf(off.json())).isTrue();

    awaitTrue(() -> !n.live(panel, quota), "quota " + quota + " switched off through the simulator");
    assertThat(n.liveChangedAt(panel, quota)).isNotNull();
    assertThat(n.outcomes(quota, survey)).containsExactly("APPLIED");
  }

  @Test
  void simulatorSurveyCloseReachesTheEndpoint() throws Exception {
    n.insertQuota(panel, quota, survey, true, null);

    var closed = n.post("/sandbox/toluna/admin/surveys/" + survey + "/close", null, null);
    assertThat(closed.status()).isEqualTo(200);
    assertThat(closed.json().get("quotasRemoved").asInt()).isEqualTo(1);
    assertThat(closed.json().get("notificationQueued").asBoolean()).isTrue();

    awaitTrue(() -> n.surveyClosedAt(panel, quota) != null, "survey " + survey + " closed through the simulator");
    assertThat(n.outcomes(null, survey)).containsExactly("APPLIED");
    var state = n.request("GET", "/sandbox/toluna/admin/state", null, null, null);
    assertThat(state.json().path("panels").path(panel).path("quotas").asInt()).isZero();
  }

  /** Polls until the condition holds; the deadline only bounds a failing test. */
  static void awaitTrue(BooleanSupplier condition, String what) throws InterruptedException {
    Instant deadline = Instant.now().plus(Duration.ofSeconds(20));
    while (!condition.getAsBoolean()) {
      assertThat(Instant.now()).as("waiting for " + what).isBefore(deadline);
      Thread.sleep(50);
    }
  }
}
