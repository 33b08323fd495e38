package io.recontact.toluna.notifications;

import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.CannotGetJdbcConnectionException;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;

/**
 * A well-formed outcome notification while the database is away answers 503 (Toluna delivers it again), never 200:
 * nothing was recorded. Without encryption and reconciliation header configured, the token is the only credential.
 */
class NotificationDatabaseDownTest {

  final MemberOutcomes outcomes = mock(MemberOutcomes.class);
  final MockMvc mvc = MockMvcBuilders.standaloneSetup(new NotificationController(mock(QuotaNotifications.class),
      outcomes, new NotificationProperties("t", null, null), new ObjectMapper())).build();

  @Test
  void completionAndReconciliationAnswer503WhenTheDatabaseIsAway() throws Exception {
    when(outcomes.memberStatus(any())).thenThrow(new CannotGetJdbcConnectionException("database away"));
    when(outcomes.reconciliation(any())).thenThrow(new CannotGetJdbcConnectionException("database away"));
    mvc.perform(post("/api/toluna/notifications/completion?token=t").contentType("application/json")
            .content("{\"UniqueCode\":\"m\",\"SurveyId\":1,\"DateTime\":\"2014-09-11 16:06:27\",\"Revenue\":100}"))
        .andExpect(status().isServiceUnavailable())
        .andExpect(jsonPath("$.message").value(org.hamcrest.Matchers.containsString("deliver it again")));
    mvc.perform(post("/api/toluna/notifications/reconciliation?token=t").contentType("application/json")
            .content("{\"UniqueCode\":\"m\",\"SurveyId\":1,\"ReconciliationId\":\"R\","
                + "\"ReconciliationDateTime\":\"2026-05-17T15:40:03.350Z\"}"))
        .andExpect(status().isServiceUnavailable());
  }

  @Test
  void withoutEncryptionConfiguredEncryptedValueIsIgnored() throws Exception {
    when(outcomes.memberStatus(any())).thenReturn(new MemberOutcomes.Result(MemberOutcomes.Outcome.UNKNOWN_INVITE,
        null));
    mvc.perform(post("/api/toluna/notifications/termination?token=t").contentType("application/xml")
            .content("<termination><UniqueCode>m</UniqueCode><SurveyId>1</SurveyId><Reason>QuotaFull</Reason>"
                + "<DateTime>2014-09-11 16:06:27</DateTime><EncryptedValue>nonsense</EncryptedValue></termination>"))
        .andExpect(status().isOk()).andExpect(jsonPath("$.outcome").value("UNKNOWN_INVITE"));
  }
}
