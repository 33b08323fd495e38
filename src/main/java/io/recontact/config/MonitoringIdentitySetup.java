package io.recontact.config;

import java.util.List;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.authorization.Groups;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.springframework.stereotype.Component;

/**
 * Creates the monitoring group: the accounts Prometheus scrapes {@code /actuator/prometheus} with. It has no Camunda
 * grants at all (no webapp, no process data); ActuatorAuthFilter admits it, and admins, to the scrape endpoint.
 * Idempotent across restarts.
 */
@Component
public class MonitoringIdentitySetup extends AbstractProcessEnginePlugin {

  public static final String MONITORING_GROUP = "recontact-monitoring";
  /** Who may scrape the metrics. */
  static final List<String> SCRAPERS = List.of(MONITORING_GROUP, Groups.CAMUNDA_ADMIN);

  @Override
  public void postProcessEngineBuild(ProcessEngine engine) {
    GroupGrants.ensureGroup(engine.getIdentityService(), MONITORING_GROUP, "Recontact monitoring");
    GroupGrants.reconcile(engine.getAuthorizationService(), MONITORING_GROUP, List.of());
  }
}
