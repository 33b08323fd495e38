package io.recontact.toluna.recontactquota;

import io.recontact.engine.StartCheck;
import io.recontact.engine.StartVariables;
import java.util.regex.Pattern;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.springframework.stereotype.Component;

/**
 * Start listener of tolunaRecontactQuota ({@code ${quotaStart.check(execution)}}): a start with missing or wrong
 * variables fails at once, naming them; so does a start the sweep did not prepare (engine REST), which would be a
 * second instance.
 */
@Component("quotaStart")
public class QuotaStart implements StartCheck {

  private static final Pattern PANEL_GUID = Pattern.compile("[0-9A-Fa-f-]{36}");

  private final QuotaRuns runs;

  public QuotaStart(QuotaRuns runs) {
    this.runs = runs;
  }

  @Override
  public void check(DelegateExecution execution) {
    StartVariables start = StartVariables.of(QuotaRuns.PROCESS_KEY, execution)
        .matches(TolunaQuotaVariables.PANEL_GUID, PANEL_GUID, "a Toluna panel GUID (36 characters)")
        .positiveLong(TolunaQuotaVariables.QUOTA_ID, "the Toluna QuotaID")
        .positiveLong(TolunaQuotaVariables.SURVEY_ID, "the Toluna SurveyID");
    if (start.problems().isEmpty()) {
      TolunaQuotaVariables vars = new TolunaQuotaVariables(execution);
      if (!runs.startPending(vars.panelGuid(), vars.quotaId())) {
        start.problem("quota " + vars.quotaId() + " of panel " + vars.panelGuid() + " has no start prepared by the "
            + "sweep: tolunaQuotaSweep starts one instance per quota (POST /api/toluna/sweeps)");
      }
    }
    start.orRefuse();
  }
}
