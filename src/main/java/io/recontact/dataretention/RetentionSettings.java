package io.recontact.dataretention;

import org.springframework.stereotype.Component;

/** The retention settings as the diagram reads them: {@code ${retention.cycle()}}. */
@Component("retention")
public class RetentionSettings {

  private final RetentionProperties properties;

  public RetentionSettings(RetentionProperties properties) {
    this.properties = properties;
  }

  /** Re-read each time the timer is due ({@code reevaluateTimeCycleWhenDue}). */
  public String cycle() {
    return properties.cycle();
  }
}
