package io.recontact.cintrecontact;

import io.recontact.process.TaskDecisions;
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
      TaskDecisions.requireChoice(task, "fileDecision", Set.of("approve", "reject"));
      TaskDecisions.requirePositive(task, "completesGoal");
      TaskDecisions.comment(task);
    }
  }

  public static class LaunchDecisions {
    public void validate(DelegateTask task) {
      TaskDecisions.requireChoice(task, "launchDecision", Set.of("retry", "abort"));
      TaskDecisions.comment(task);
    }
  }
}
