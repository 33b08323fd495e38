package io.recontact.toluna.recontactquota;

import io.recontact.engine.ReviewListener;
import io.recontact.engine.TaskDecisions;
import java.util.Map;
import java.util.Set;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.springframework.stereotype.Component;

/**
 * Task listeners of ReviewValidationExceptions: on create the form's figures (counts per reason and the link to the
 * exceptions' member codes, read from the project's table); on complete the decision check. No member code ever
 * becomes a variable: Camunda would copy it into history (docs/respondent-erasure.md).
 */
@Component("exceptionReview")
public class ExceptionReview implements ReviewListener {

  static final Set<String> DECISIONS = Set.of("proceed", "recheck", "abort");

  private final ValidationExceptions exceptions;

  ExceptionReview(ValidationExceptions exceptions) {
    this.exceptions = exceptions;
  }

  @Override
  public void prepare(DelegateTask task) {
    TolunaQuotaVariables vars = new TolunaQuotaVariables(task);
    String panel = vars.panelGuid();
    long quota = vars.quotaId();
    Map<String, Long> counts = exceptions.byReason(panel, quota);
    StringBuilder summary = new StringBuilder();
    counts.forEach((reason, n) -> summary.append(reason).append(": ").append(n).append('\n'));
    // Several quotas may wait for a review at once: the task's name tells them apart in Tasklist.
    String key = task.getExecution().getProcessBusinessKey();
    task.setName("Review validation exceptions: quota " + quota + " of survey " + vars.surveyId()
        + (key == null ? "" : " (" + key + ")"));
    String title = "Quota " + quota + " of survey " + vars.surveyId()
        + (vars.surveyName() == null || vars.surveyName().isBlank() ? "" : " (" + vars.surveyName() + ")")
        + ", panel " + panel + (key == null ? "" : "; business key " + key);
    task.setDescription(title);
    vars.reviewForm(title, summary.toString().strip(),
        "/api/toluna/quotas/" + panel + "/" + quota + "/members?state=EXCEPTION");
    TaskDecisions.newDecision(task);
  }

  @Override
  public void decide(DelegateTask task) {
    TaskDecisions.requireChoice(task, TolunaQuotaVariables.EXCEPTION_DECISION, DECISIONS);
    TaskDecisions.comment(task);
    // A task created by an older release still holds its example codes: gone from the runtime at least.
    new TolunaQuotaVariables(task).dropExamples();
  }
}
