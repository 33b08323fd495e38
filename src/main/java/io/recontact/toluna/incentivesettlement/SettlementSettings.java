package io.recontact.toluna.incentivesettlement;

import org.springframework.stereotype.Component;

/** The settlement's settings as the diagram reads them: {@code ${incentiveSettlement.cycle()}}. */
@Component("incentiveSettlement")
public class SettlementSettings {

  private final SettlementProperties properties;

  SettlementSettings(SettlementProperties properties) {
    this.properties = properties;
  }

  /** The timer start event's ISO-8601 cycle, re-read when the timer is due (reevaluateTimeCycleWhenDue). */
  public String cycle() {
    return "R/" + properties.settlementCycle();
  }
}
