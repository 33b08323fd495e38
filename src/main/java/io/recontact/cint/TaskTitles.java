package io.recontact.cint;

import io.recontact.engine.TaskDecisions;
import io.recontact.engine.Text;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.springframework.stereotype.Component;

/**
 * How every Cint review task is titled (CintReview#prepare; {@code ${taskTitles.set(task)}} in diagram versions
 * deployed before the review listeners were named prepare/decide). Several recontacts may wait for the
 * same review at once: the task's name (what Tasklist lists) gets the target group and the business key, e.g.
 * "Review partial upload: Wave 2 recontact (rc-42)"; the form shows the same in {@value #SUBJECT}. The diagram keeps
 * the plain name.
 */
@Component("taskTitles")
public class TaskTitles {

  /** Task-local variable the review forms show. */
  public static final String SUBJECT = "reviewSubject";
  static final int MAX_NAME = 255;

  /** The create listener of earlier diagram versions. */
  public void set(DelegateTask task) {
    apply(task);
  }

  static void apply(DelegateTask task) {
    String name = new CintVariables(task).targetGroupName();
    Object id = new CintVariables(task).targetGroupId();
    String key = task.getExecution().getProcessBusinessKey();
    String what = name != null ? name : id != null ? "target group " + id : "new target group";
    task.setName(Text.abbreviate(task.getName() + ": " + what + (key == null ? "" : " (" + key + ")"), MAX_NAME));
    String group;
    if (name != null) {
      group = "Target group '" + name + "'" + (id == null ? "" : ", id " + id);
    } else {
      group = id == null ? "New target group (not created at Cint yet)" : "Target group " + id;
    }
    String subject = group + (key == null ? "" : "; business key " + key);
    task.setDescription(Text.abbreviate(subject, 4000));
    task.setVariableLocal(SUBJECT, subject);
    TaskDecisions.newDecision(task);
  }
}
