package io.recontact.config;

import java.util.List;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.springframework.stereotype.Component;

/**
 * Creates the privacy officers' group: the people who may erase a respondent ({@code DELETE /api/respondents/…},
 * ApiRoles), together with Camunda's admins. Erasure is a permission of its own: operators, who start flows and
 * import members, may not erase. The group has no engine grants (no Cockpit, no Tasklist): it only calls the API.
 * Idempotent across restarts.
 */
@Component
public class PrivacyIdentitySetup extends AbstractProcessEnginePlugin {

  public static final String PRIVACY_GROUP = "recontact-privacy";

  @Override
  public void postProcessEngineBuild(ProcessEngine engine) {
    GroupGrants.ensureGroup(engine.getIdentityService(), PRIVACY_GROUP, "Recontact privacy officers");
    GroupGrants.reconcile(engine.getAuthorizationService(), PRIVACY_GROUP, List.of());
  }
}
