package io.recontact.toluna.recontactquota;

import io.recontact.engine.ReviewListener;
import io.recontact.engine.TaskDecisions;
import java.util.Map;
import java.util.Set;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.springframework.stereotype.Component;

/**
 * Task listeners of ReviewValidationExceptions: on create the form's figures (counts per reason, up to
 * {@value #EXAMPLES} example codes per reason, where to download the whole list); on complete the decision check.
 * The examples are task-local and removed on completion, so no list of codes stays on the instance.
 */
@Component("exceptionReview")
public class ExceptionReview implements ReviewListener {

  static final int EXAMPLES = 20;
  static final Set<String> DECISIONS = Set.of("proceed", "recheck", "abort");

  private final QuotaMembers members;

  ExceptionReview(QuotaMembers members) {
    this.members = members;
  }

  @Override
  public void prepare(DelegateTask task) {
    TolunaQuotaVariables vars = new TolunaQuotaVariables(task);
    String panel = vars.panelGuid();
    long quota = vars.quotaId();
    Map<String, Long> counts = members.exceptionsByReason(panel, quota);
    StringBuilder summary = new StringBuilder();
    counts.forEach((reason, n) -> summary.append(reason).append(": ").append(n).append('\n'));
    StringBuilder examples = new StringBuilder();
    members.exceptionExamples(panel, quota, EXAMPLES).forEach((reason, codes) ->
        examples.append(reason).append(": ").append(String.join(", ", codes))
            .append(counts.getOrDefault(reason, 0L) > codes.size() ? ", ..." : "").append('\n'));
    // Several quotas may wait for a review at once: the task's name tells them apart in Tasklist.
    String key = task.getExecution().getProcessBusinessKey();
    task.setName("Review validation exceptions: quota " + quota + " of survey " + vars.surveyId()
        + (key == null ? "" : " (" + key + ")"));
    String title = "Quota " + quota + " of survey " + vars.surveyId()
        + (vars.surveyName() == null || vars.surveyName().isBlank() ? "" : " (" + vars.surveyName() + ")")
        + ", panel " + panel + (key == null ? "" : "; business key " + key);
    task.setDescription(title);
    vars.reviewForm(title, summary.toString().strip(), examples.toString().strip(),
        "/api/toluna/quotas/" + panel + "/" + quota + "/members?state=EXCEPTION");
    TaskDecisions.newDecision(task);
  }

  @Override
  public void decide(DelegateTask task) {
    TaskDecisions.requireChoice(task, TolunaQuotaVariables.EXCEPTION_DECISION, DECISIONS);
    TaskDecisions.comment(task);
    new TolunaQuotaVariables(task).dropExamples();
  }
}
