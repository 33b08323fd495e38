package io.recontact.config;

import static org.camunda.bpm.engine.authorization.Authorization.AUTH_TYPE_GRANT;

import io.recontact.sandbox.SandboxProperties;
import java.util.Map;
import org.camunda.bpm.engine.AuthorizationService;
import org.camunda.bpm.engine.FilterService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.authorization.Authorization;
import org.camunda.bpm.engine.authorization.Groups;
import org.camunda.bpm.engine.authorization.Permission;
import org.camunda.bpm.engine.authorization.Permissions;
import org.camunda.bpm.engine.authorization.Resource;
import org.camunda.bpm.engine.authorization.Resources;
import org.camunda.bpm.engine.filter.Filter;
import org.camunda.bpm.engine.identity.Group;
import org.camunda.bpm.engine.identity.User;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.task.TaskQuery;
import org.springframework.stereotype.Component;

/**
 * Creates the approvers' group with the rights its members need in Tasklist and over REST, and a Tasklist filter
 * for their tasks. In the sandbox also the user {@code approver}/{@code approver}. Idempotent across restarts.
 */
@Component
public class ApproverIdentitySetup extends AbstractProcessEnginePlugin {

  public static final String APPROVERS_GROUP = "recontact-approvers";
  static final String SANDBOX_APPROVER = "approver";
  static final String FILTER_NAME = "Recontact approvals";

  private final SandboxProperties sandbox;

  public ApproverIdentitySetup(SandboxProperties sandbox) {
    this.sandbox = sandbox;
  }

  @Override
  public void postProcessEngineBuild(ProcessEngine engine) {
    IdentityService identity = engine.getIdentityService();
    if (identity.createGroupQuery().groupId(APPROVERS_GROUP).count() == 0) {
      Group group = identity.newGroup(APPROVERS_GROUP);
      group.setName("Recontact approvers");
      group.setType(Groups.GROUP_TYPE_WORKFLOW);
      identity.saveGroup(group);
      grantApproverRights(engine.getAuthorizationService());
    }
    ensureFilter(engine);
    if (sandbox.enabled() && identity.createUserQuery().userId(SANDBOX_APPROVER).count() == 0) {
      User user = identity.newUser(SANDBOX_APPROVER);
      user.setFirstName("Sandbox");
      user.setLastName("Approver");
      user.setPassword(SANDBOX_APPROVER);
      identity.saveUser(user);
      identity.createMembership(SANDBOX_APPROVER, APPROVERS_GROUP);
    }
  }

  private static void grantApproverRights(AuthorizationService authorizations) {
    Map<Resource, Permission[]> grants = Map.of(
        Resources.APPLICATION, new Permission[] {Permissions.ACCESS},
        Resources.PROCESS_DEFINITION, new Permission[] {Permissions.READ, Permissions.READ_TASK,
            Permissions.UPDATE_TASK, Permissions.READ_HISTORY, Permissions.CREATE_INSTANCE},
        Resources.PROCESS_INSTANCE, new Permission[] {Permissions.CREATE, Permissions.READ},
        Resources.TASK, new Permission[] {Permissions.READ, Permissions.UPDATE},
        Resources.DEPLOYMENT, new Permission[] {Permissions.READ});
    grants.forEach((resource, permissions) -> {
      Authorization grant = authorizations.createNewAuthorization(AUTH_TYPE_GRANT);
      grant.setGroupId(APPROVERS_GROUP);
      grant.setResource(resource);
      // Tasklist only: approvers have no business in Cockpit or Admin.
      grant.setResourceId(resource == Resources.APPLICATION ? "tasklist" : Authorization.ANY);
      for (Permission permission : permissions) {
        grant.addPermission(permission);
      }
      authorizations.saveAuthorization(grant);
    });
  }

  private static void ensureFilter(ProcessEngine engine) {
    FilterService filters = engine.getFilterService();
    AuthorizationService authorizations = engine.getAuthorizationService();
    if (filters.createFilterQuery().filterName(FILTER_NAME).count() > 0) {
      return;
    }
    TaskQuery query = engine.getTaskService().createTaskQuery();
    query.taskCandidateGroup(APPROVERS_GROUP).includeAssignedTasks();
    Filter filter = filters.newTaskFilter(FILTER_NAME).setQuery(query)
        .setProperties(Map.of("description", "Approvals for recontact fieldwork", "priority", -5));
    filters.saveFilter(filter);
    Authorization read = authorizations.createNewAuthorization(AUTH_TYPE_GRANT);
    read.setGroupId(APPROVERS_GROUP);
    read.setResource(Resources.FILTER);
    read.setResourceId(filter.getId());
    read.addPermission(Permissions.READ);
    authorizations.saveAuthorization(read);
  }
}
