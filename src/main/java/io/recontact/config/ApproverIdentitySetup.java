package io.recontact.config;

import io.recontact.config.GroupGrants.Grant;
import java.util.List;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.authorization.Authorization;
import org.camunda.bpm.engine.authorization.Permissions;
import org.camunda.bpm.engine.authorization.Resources;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.springframework.stereotype.Component;

/**
 * Creates the approvers' group with the rights its members need in Tasklist, and a Tasklist filter for their tasks
 * that refreshes itself ({@link TasklistFilters}).
 * Approvers decide; they do not start flows, deploy or use Cockpit or Admin (that is {@link OperatorIdentitySetup}'s
 * group). Which tasks they see and whose variables they read comes from the engine's own per-task grants to the
 * candidate group (READ, UPDATE and, with enforceSpecificVariablePermission, READ_VARIABLE), not from a group-wide
 * grant. Idempotent across restarts.
 */
@Component
public class ApproverIdentitySetup extends AbstractProcessEnginePlugin {

  public static final String APPROVERS_GROUP = "recontact-approvers";
  static final String FILTER_NAME = "Recontact approvals";

  /** Tasklist, and the process definitions' names for its task list; nothing else group-wide. */
  static final List<Grant> GRANTS = List.of(
      new Grant(Resources.APPLICATION, "tasklist", Permissions.ACCESS),
      new Grant(Resources.PROCESS_DEFINITION, Authorization.ANY, Permissions.READ));

  @Override
  public void postProcessEngineBuild(ProcessEngine engine) {
    IdentityService identity = engine.getIdentityService();
    GroupGrants.ensureGroup(identity, APPROVERS_GROUP, "Recontact approvers");
    GroupGrants.reconcile(engine.getAuthorizationService(), APPROVERS_GROUP, GRANTS);
    TasklistFilters.ensureApprovalsFilter(engine, FILTER_NAME, "Approvals for recontact fieldwork", -5,
        APPROVERS_GROUP);
  }
}
