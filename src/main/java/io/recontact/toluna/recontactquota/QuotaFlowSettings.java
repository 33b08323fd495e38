package io.recontact.toluna.recontactquota;

import io.recontact.toluna.TolunaFlowProperties;
import io.recontact.toluna.client.TolunaProperties;
import java.util.List;
import java.util.Locale;
import org.springframework.stereotype.Component;

/** The Toluna flow settings as the diagrams read them: {@code ${quotaFlow.refreshInterval()}} and so on. */
@Component("quotaFlow")
public class QuotaFlowSettings {

  private final TolunaFlowProperties flow;
  private final TolunaProperties connection;

  public QuotaFlowSettings(TolunaFlowProperties flow, TolunaProperties connection) {
    this.flow = flow;
    this.connection = connection;
  }

  /** The sweep's timer cycle, re-read when the timer is due (reevaluateTimeCycleWhenDue). */
  public String sweepCycle() {
    return flow.sweep().cycle();
  }

  /** The configured panels, upper case as Toluna writes GUIDs, each once. */
  public List<String> panels() {
    return connection.panelGuids().stream().map(g -> g.strip().toUpperCase(Locale.ROOT)).filter(g -> !g.isEmpty())
        .distinct().toList();
  }

  public long minExceptions() {
    return flow.review().minExceptions();
  }

  public boolean memberSyncEnabled() {
    return flow.memberSync().enabled();
  }

  public String refreshInterval() {
    return flow.refreshInterval().toString();
  }
}
