package io.recontact.cint;

import io.recontact.cint.client.CintModel.FailureReason;
import io.recontact.cint.client.CintModel.JobStatus;
import io.recontact.engine.JobPolling;
import io.recontact.metrics.OnCommit;
import io.recontact.metrics.RecontactMetrics;
import java.time.Duration;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.springframework.stereotype.Component;

/**
 * The check step every Cint job loop (upload, launch, remove-all) shares: Cint's job status becomes the diagram's
 * outcome, a failed job's reason is written for the person, a running job is polled again or, past the polling
 * deadline, handed to a person. Each check delegate adds only what is its own.
 */
@Component
public class CintJobCheck {

  /** The job status variable's values the diagrams route on. */
  public enum Outcome { PROCESSING, COMPLETED, FAILED, DEADLINE }

  /** One job loop: its {@link JobPolling} name, its metric kind and the variable that holds the reason. */
  public record Loop(String polling, String metricKind, String reasonVariable) {
  }

  static final String NO_REASON = "Cint gave no failure_reason";

  private final JobPolling polling;
  private final RecontactMetrics metrics;

  public CintJobCheck(JobPolling polling, RecontactMetrics metrics) {
    this.polling = polling;
    this.metrics = metrics;
  }

  /** The outcome of one read of a job ({@code what} names it in the deadline reason, e.g. "Cint launch job 01…"). */
  public Outcome outcome(DelegateExecution execution, Loop loop, String what, JobStatus status,
      FailureReason failure) {
    return switch (status) {
      case COMPLETED -> Outcome.COMPLETED;
      case FAILED -> {
        execution.setVariable(loop.reasonVariable(), reason(failure));
        yield Outcome.FAILED;
      }
      default -> Outcome.valueOf(polling.notDoneYet(execution, loop.polling(), what, status,
          loop.reasonVariable()));
    };
  }

  /** Cint's failure reason as a person reads it. */
  public static String reason(FailureReason failure) {
    return failure == null ? NO_REASON : failure.code() + ": " + failure.description();
  }

  /** Counts a job that is done (or handed to a person) with its running time and checks, once committed. */
  public void finished(DelegateExecution execution, Loop loop, String status) {
    Duration running = polling.running(execution, loop.polling());
    int checks = polling.checks(execution, loop.polling());
    OnCommit.run(() -> metrics.cintJobFinished(loop.metricKind(), status, running, checks));
  }
}
