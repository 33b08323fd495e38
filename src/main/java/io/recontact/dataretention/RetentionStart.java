package io.recontact.dataretention;

import io.recontact.engine.StartCheck;
import io.recontact.engine.StartVariables;
import java.time.Clock;
import java.time.temporal.ChronoUnit;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * Start listener of dataRetention ({@code ${retentionStart.check(execution)}}). A run takes no variables (a period
 * passed in would bypass {@code recontact.retention.after-end}); it fixes its cut-off once, at the start.
 */
@Component("retentionStart")
public class RetentionStart implements StartCheck {

  private final RetentionProperties properties;
  private final Clock clock;

  @Autowired
  public RetentionStart(RetentionProperties properties) {
    this(properties, Clock.systemUTC());
  }

  RetentionStart(RetentionProperties properties, Clock clock) {
    this.properties = properties;
    this.clock = clock;
  }

  @Override
  public void check(DelegateExecution execution) {
    StartVariables.of(DataRetentionController.PROCESS_KEY, execution)
        .none("its period is recontact.retention.after-end")
        .orRefuse();
    new RetentionVariables(execution).begin(clock.instant().minus(properties.afterEnd()).truncatedTo(ChronoUnit.MILLIS));
  }
}
