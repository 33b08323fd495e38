package io.recontact.cint.recontact;

import io.recontact.engine.TaskDecisions;
import java.util.Set;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Task listeners of the recontact reviews: {@code ${fileDecisions.validate(task)}}, {@code ${launchDecisions...}}. */
@Configuration
class ReviewDecisions {

  @Bean
  FileDecisions fileDecisions() {
    return new FileDecisions();
  }

  @Bean
  LaunchDecisions launchDecisions() {
    return new LaunchDecisions();
  }

  public static class FileDecisions {
    public void validate(DelegateTask task) {
      TaskDecisions.requireChoice(task, RecontactVariables.FILE_DECISION, Set.of("approve", "reject"));
      TaskDecisions.requirePositive(task, RecontactVariables.COMPLETES_GOAL);
      TaskDecisions.comment(task);
    }
  }

  public static class LaunchDecisions {
    public void validate(DelegateTask task) {
      TaskDecisions.requireChoice(task, RecontactVariables.LAUNCH_DECISION, Set.of("retry", "abort"));
      TaskDecisions.comment(task);
    }
  }
}
