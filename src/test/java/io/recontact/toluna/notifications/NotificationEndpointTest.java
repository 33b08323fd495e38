package io.recontact.toluna.notifications;

import static io.recontact.toluna.notifications.NotificationFixture.newId;
import static io.recontact.toluna.notifications.NotificationFixture.newPanel;
import static io.recontact.toluna.notifications.NotificationFixture.status;
import static org.assertj.core.api.Assertions.assertThat;

import io.recontact.toluna.recontactquota.QuotaSignals;
import java.time.OffsetDateTime;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.ActiveProfiles;

/** Quota status and survey closed notifications over HTTP against toluna_quota rows: what each outcome changes. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
class NotificationEndpointTest {

  static final String T0 = "2026-03-01 10:00:00.50 +00:00";
  static final OffsetDateTime AT_T0 = OffsetDateTime.parse("2026-03-01T10:00:00.50Z");

  @LocalServerPort int port;
  @Autowired JdbcTemplate jdbc;
  @Autowired RuntimeService runtime;
  @Autowired org.camunda.bpm.engine.RepositoryService repository;
  NotificationFixture n;

  @BeforeEach
  void setUp() {
    n = new NotificationFixture(port, jdbc);
  }

  @Test
  void newerStatusIsAppliedToEveryPanelsRowAndRecorded() throws Exception {
    String p1 = newPanel();
    String p2 = newPanel();
    long quota = newId();
    long survey = newId();
    n.insertQuota(p1, quota, survey, true, null);
    n.insertQuota(p2, quota, survey, true, AT_T0.minusDays(1));

    var answer = n.quotaStatus(status(quota, survey, false, T0));

    assertThat(answer.status()).isEqualTo(200);
    assertThat(answer.json().get("outcome").asText()).isEqualTo("APPLIED");
    assertThat(answer.json().get("quotasAffected").asInt()).isEqualTo(2);
    for (String panel : new String[] {p1, p2}) {
      assertThat(n.live(panel, quota)).isFalse();
      assertThat(n.liveChangedAt(panel, quota)).isEqualTo(AT_T0);
    }
    assertThat(n.outcomes(quota, survey)).containsExactly("APPLIED");
    assertThat(jdbc.queryForObject("select is_live from toluna_notification where quota_id = ?", Boolean.class,
        quota)).isFalse();
  }

  @Test
  void olderStatusIsStaleAndChangesNothing() throws Exception {
    String panel = newPanel();
    long quota = newId();
    n.insertQuota(panel, quota, 1, false, AT_T0);

    var answer = n.quotaStatus(status(quota, 1, true, "2026-03-01 09:59:59.99 +00:00"));

    assertThat(answer.status()).isEqualTo(200);
    assertThat(answer.json().get("outcome").asText()).isEqualTo("STALE");
    assertThat(answer.json().get("quotasAffected").asInt()).isZero();
    assertThat(n.live(panel, quota)).isFalse();
    assertThat(n.liveChangedAt(panel, quota)).isEqualTo(AT_T0);
    assertThat(n.outcomes(quota, 1)).containsExactly("STALE");
  }

  @Test
  void sameStatusAgainIsDuplicateAndSameTimeOtherFlagIsApplied() throws Exception {
    String panel = newPanel();
    long quota = newId();
    n.insertQuota(panel, quota, 1, true, null);

    assertThat(n.quotaStatus(status(quota, 1, false, T0)).json().get("outcome").asText()).isEqualTo("APPLIED");
    var again = n.quotaStatus(status(quota, 1, false, "2026-03-01T10:00:00.5Z"));
    assertThat(again.json().get("outcome").asText()).isEqualTo("DUPLICATE");
    assertThat(n.live(panel, quota)).isFalse();

    var otherFlag = n.quotaStatus(status(quota, 1, true, T0));
    assertThat(otherFlag.json().get("outcome").asText()).isEqualTo("APPLIED");
    assertThat(n.live(panel, quota)).isTrue();
    assertThat(n.outcomes(quota, 1)).containsExactly("APPLIED", "DUPLICATE", "APPLIED");
  }

  @Test
  void unknownQuotaIsAnsweredAndCounted() throws Exception {
    long quota = newId();
    var answer = n.quotaStatus(status(quota, 77, false, T0));
    assertThat(answer.status()).isEqualTo(200);
    assertThat(answer.json().get("outcome").asText()).isEqualTo("UNKNOWN_QUOTA");
    assertThat(answer.json().get("quotasAffected").asInt()).isZero();
    assertThat(n.outcomes(quota, 77)).containsExactly("UNKNOWN_QUOTA");
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "2018-10-22 19:58:42.99 +00:00     | 2018-10-22T19:58:42.990Z",
      "2018-10-22 19:58:42 +00:00        | 2018-10-22T19:58:42Z",
      "2018-10-22 19:58:42.1234567 +00:00 | 2018-10-22T19:58:42.123456Z",
      "2018-10-22 21:58:42.9 +02:00      | 2018-10-22T19:58:42.900Z",
      "2018-10-22T19:58:42.99Z           | 2018-10-22T19:58:42.990Z",
      "2018-10-22T19:58:42-05:00         | 2018-10-23T00:58:42Z",
      "2018-10-22 19:58:42               | 2018-10-22T19:58:42Z"})
  void timestampForms(String sent, String stored) throws Exception {
    String panel = newPanel();
    long quota = newId();
    n.insertQuota(panel, quota, 1, true, null);
    var answer = n.quotaStatus(status(quota, 1, false, sent));
    assertThat(answer.json().get("outcome").asText()).as(String.valueOf(answer.json())).isEqualTo("APPLIED");
    assertThat(n.liveChangedAt(panel, quota)).isEqualTo(OffsetDateTime.parse(stored));
  }

  @Test
  void fieldNamesAreCaseInsensitiveAndNumbersMayBeStrings() throws Exception {
    String panel = newPanel();
    long quota = newId();
    n.insertQuota(panel, quota, 5, true, null);
    var answer = n.quotaStatus("""
        {"quotaId": "%d", "SurveyId": 5, "WaveId": 6, "isLive": "False", "updatedatetimeutc": "%s"}"""
        .formatted(quota, T0));
    assertThat(answer.json().get("outcome").asText()).isEqualTo("APPLIED");
    assertThat(n.live(panel, quota)).isFalse();
  }

  @Test
  void surveyClosedClosesEveryQuotaOfTheSurveyOnce() throws Exception {
    String p1 = newPanel();
    String p2 = newPanel();
    long survey = newId();
    long q1 = newId();
    long q2 = newId();
    long otherSurveyQuota = newId();
    n.insertQuota(p1, q1, survey, true, null);
    n.insertQuota(p1, q2, survey, true, null);
    n.insertQuota(p2, q1, survey, true, null);
    n.insertQuota(p1, otherSurveyQuota, newId(), true, null);

    var closed = n.surveyClosed("""
        {"SurveyID": %d, "SurveyRef": "123560-US", "Status": "Closed", "DateTime": "2026-03-02 16:06:27",
         "WaveId": 100}""".formatted(survey));
    assertThat(closed.status()).isEqualTo(200);
    assertThat(closed.json().get("outcome").asText()).isEqualTo("APPLIED");
    assertThat(closed.json().get("quotasAffected").asInt()).isEqualTo(3);
    OffsetDateTime at = OffsetDateTime.parse("2026-03-02T16:06:27Z");
    assertThat(n.surveyClosedAt(p1, q1)).isEqualTo(at);
    assertThat(n.surveyClosedAt(p1, q2)).isEqualTo(at);
    assertThat(n.surveyClosedAt(p2, q1)).isEqualTo(at);
    assertThat(n.surveyClosedAt(p1, otherSurveyQuota)).isNull();

    var later = n.surveyClosed("""
        {"SurveyId": %d, "Status": "Closed", "DateTime": "2026-03-03 08:00:00"}""".formatted(survey));
    assertThat(later.json().get("outcome").asText()).isEqualTo("DUPLICATE");
    assertThat(later.json().get("quotasAffected").asInt()).isZero();
    assertThat(n.surveyClosedAt(p1, q1)).isEqualTo(at);
    assertThat(n.outcomes(null, survey)).containsExactly("APPLIED", "DUPLICATE");
  }

  @Test
  void unknownSurveyIsAnsweredAndCounted() throws Exception {
    long survey = newId();
    var answer = n.surveyClosed("{\"SurveyID\": %d, \"Status\": \"Closed\", \"DateTime\": \"2026-03-02 16:06:27\"}"
        .formatted(survey));
    assertThat(answer.status()).isEqualTo(200);
    assertThat(answer.json().get("outcome").asText()).isEqualTo("UNKNOWN_SURVEY");
    assertThat(n.outcomes(null, survey)).containsExactly("UNKNOWN_SURVEY");
  }

  /** The wake-up reaches a waiting instance with the quota's business key, after the change committed. */
  @Test
  void appliedNotificationsWakeTheQuotaInstance() throws Exception {
    repository.createDeployment().name("notification-wake-probe").enableDuplicateFiltering(false)
        .addModelInstance("notificationWakeProbe.bpmn", Bpmn.createExecutableProcess("notificationWakeProbe")
            .camundaHistoryTimeToLive(1).startEvent()
            .intermediateCatchEvent("Paused").message(QuotaSignals.QUOTA_UPDATED)
            .intermediateCatchEvent("Closed").message(QuotaSignals.SURVEY_CLOSED)
            .endEvent().done())
        .deploy();
    String panel = newPanel();
    long quota = newId();
    long survey = newId();
    n.insertQuota(panel, quota, survey, true, null);
    ProcessInstance instance = runtime.startProcessInstanceByKey("notificationWakeProbe",
        QuotaSignals.businessKey(panel, quota));

    n.quotaStatus(status(quota, survey, false, T0));
    assertThat(runtime.createExecutionQuery().processInstanceId(instance.getId()).activityId("Closed").count())
        .isEqualTo(1);

    n.surveyClosed("{\"SurveyID\": %d, \"DateTime\": \"2026-03-02 16:06:27\"}".formatted(survey));
    assertThat(runtime.createProcessInstanceQuery().processInstanceId(instance.getId()).count()).isZero();
  }
}
