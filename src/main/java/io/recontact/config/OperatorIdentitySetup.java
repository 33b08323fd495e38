package io.recontact.config;

import io.recontact.config.GroupGrants.Grant;
import java.util.List;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.authorization.Authorization;
import org.camunda.bpm.engine.authorization.Permissions;
import org.camunda.bpm.engine.authorization.ProcessDefinitionPermissions;
import org.camunda.bpm.engine.authorization.ProcessInstancePermissions;
import org.camunda.bpm.engine.authorization.Resources;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.springframework.stereotype.Component;

/**
 * Creates the operators' group: the people who start the flows (recontacts, replacements, removals, sweeps), change the
 * member directory and look after running instances in Cockpit. They do not deploy, manage users or authorizations,
 * or use Admin, and they see approval tasks without deciding them: their Tasklist filter lists the open approvals,
 * and TASK READ (no UPDATE, no TASK_WORK, no candidate group) lets them open a task's form but not claim or complete
 * it. Idempotent across restarts.
 */
@Component
public class OperatorIdentitySetup extends AbstractProcessEnginePlugin {

  public static final String OPERATORS_GROUP = "recontact-operators";
  static final String FILTER_NAME = "Recontact approvals (view only)";

  static final List<Grant> GRANTS = List.of(
      new Grant(Resources.APPLICATION, "cockpit", Permissions.ACCESS),
      new Grant(Resources.APPLICATION, "tasklist", Permissions.ACCESS),
      new Grant(Resources.PROCESS_DEFINITION, Authorization.ANY, Permissions.READ, Permissions.CREATE_INSTANCE,
          Permissions.READ_INSTANCE, Permissions.UPDATE_INSTANCE, Permissions.DELETE_INSTANCE, Permissions.READ_TASK,
          Permissions.READ_HISTORY, ProcessDefinitionPermissions.RETRY_JOB,
          ProcessDefinitionPermissions.SUSPEND_INSTANCE, ProcessDefinitionPermissions.READ_INSTANCE_VARIABLE,
          ProcessDefinitionPermissions.READ_HISTORY_VARIABLE, ProcessDefinitionPermissions.READ_TASK_VARIABLE),
      new Grant(Resources.PROCESS_INSTANCE, Authorization.ANY, Permissions.CREATE, Permissions.READ,
          Permissions.UPDATE, Permissions.DELETE, ProcessInstancePermissions.RETRY_JOB,
          ProcessInstancePermissions.SUSPEND),
      new Grant(Resources.TASK, Authorization.ANY, Permissions.READ),
      new Grant(Resources.DEPLOYMENT, Authorization.ANY, Permissions.READ));

  @Override
  public void postProcessEngineBuild(ProcessEngine engine) {
    GroupGrants.ensureGroup(engine.getIdentityService(), OPERATORS_GROUP, "Recontact operators");
    GroupGrants.reconcile(engine.getAuthorizationService(), OPERATORS_GROUP, GRANTS);
    TasklistFilters.ensureApprovalsFilter(engine, FILTER_NAME,
        "Open approvals for recontact fieldwork: operators follow them, approvers decide", -4, OPERATORS_GROUP);
  }
}
